# shellcheck shell=bash
# bench-image: pyverbs
# Conformance: rdma-core's own test suite (the Python tests python3-pyverbs
# installs under /usr/share/doc/rdma-core/tests) against tandem_re in the
# server and against the in-tree rdma_rxe on e1000e in the client, the
# same guests at the same time.  Each test talks to its own device
# (tandem_re through its loopback).  tandem_re must pass every test that
# rdma_rxe passes; the server keeps the side-by-side table in
# conformance.tsv and the counts in conformance.txt.
#   SUITE_TIMEOUT=S  limit for one device's whole suite (default 1500)
#   SUITE_ARGS=...   unittest arguments, e.g. a test name (default: all)
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

RXE_ROLE=client
rdma_setup

tests=/usr/share/doc/rdma-core/tests
[ -f "$tests/run_tests.py" ] || fail "no rdma-core test suite in $tests (python3-pyverbs)"

# Runs the suite as run_tests.py does, and writes one line per test:
# its id and what came of it (pass, fail, error, skip, xfail, xpass).
cat >/tmp/run-suite.py <<'EOF'
import os
import sys
import unittest
from importlib.machinery import SourceFileLoader

tdir, tsv = sys.argv[1], open(sys.argv[2], 'w')
sys.argv = [sys.argv[0]] + sys.argv[3:]
sys.path.insert(0, tdir)
from args_parser import parser  # noqa: E402 (needs tdir on the path)
parser.parse_args()
tests = SourceFileLoader('tests', os.path.join(tdir, '__init__.py')).load_module()


class Recorded(unittest.TextTestResult):
    def note(self, test, outcome):
        tsv.write('%s\t%s\n' % (test.id(), outcome))
        tsv.flush()

    def addSuccess(self, test):
        super().addSuccess(test)
        self.note(test, 'pass')

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.note(test, 'fail')

    def addError(self, test, err):
        super().addError(test, err)
        self.note(test, 'error')

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.note(test, 'skip')

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self.note(test, 'xfail')

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self.note(test, 'xpass')


runner = unittest.TextTestRunner(verbosity=2, resultclass=Recorded)
unittest.main(module=tests, testRunner=runner, exit=False)
EOF

log "rdma-core's tests on $DEV (GID index $GID)"
# shellcheck disable=SC2086 # unittest's arguments, as words
timeout "${SUITE_TIMEOUT:-1500}" python3 /tmp/run-suite.py "$tests" "$OUT/suite.tsv" \
	--dev "$DEV" --gid "$GID" ${SUITE_ARGS:-} >"$OUT/suite.log" 2>&1
status=$?
log "suite on $DEV ended with status $status: $(tail -n3 "$OUT/suite.log" | tr '\n' ' ')"
[ "$status" != 124 ] || fail "rdma-core's tests on $DEV did not end within ${SUITE_TIMEOUT:-1500} s (last: $(tail -n1 "$OUT/suite.tsv"))"
[ -s "$OUT/suite.tsv" ] || fail "rdma-core's tests on $DEV reported no test"
echo "$DEV" >"$OUT/suite.dev"
barrier suite-done "${SUITE_TIMEOUT:-1500}"

if [ "$ROLE" = server ]; then
	rdma statistic show link "$DEV/1" | save rdma-statistic.txt
	rxe=/bench/results/client
	# test, outcome on tandem_re, outcome on rdma_rxe ("-": not run)
	awk -F'\t' 'NR == FNR { rxe[$1] = $2; next }
		{ print $1 "\t" $2 "\t" ($1 in rxe ? rxe[$1] : "-"); seen[$1] = 1 }
		END { for (t in rxe) if (!(t in seen)) print t "\t-\t" rxe[t] }' \
		"$rxe/suite.tsv" "$OUT/suite.tsv" | sort >"$OUT/conformance.tsv"
	for f in "$OUT/suite.tsv" "$rxe/suite.tsv"; do
		printf '%s: %s tests: %s\n' "$(cat "${f%/*}/suite.dev")" "$(wc -l <"$f")" \
			"$(cut -f2 "$f" | sort | uniq -c | awk '{ printf "%s%s %s", sep, $1, $2; sep = ", " }')"
	done | save conformance.txt
	log "$(tr '\n' ';' <"$OUT/conformance.txt")"
	awk -F'\t' '$3 == "pass" && $2 != "pass"' "$OUT/conformance.tsv" | save worse.tsv
	awk -F'\t' '$2 == "pass" && $3 != "pass"' "$OUT/conformance.tsv" | save better.tsv
	[ -s "$OUT/better.tsv" ] && log "tandem_re passes, rdma_rxe does not: $(cut -f1,3 "$OUT/better.tsv" | tr '\t\n' ' ;')"
	check "tandem_re passes every test rdma_rxe passes$( [ -s "$OUT/worse.tsv" ] && echo " (not: $(cut -f1,2 "$OUT/worse.tsv" | tr '\t\n' ' ;'))")" \
		test ! -s "$OUT/worse.tsv"
	# Not a comparison with nothing: rdma_rxe passed tests.
	check "rdma_rxe passed tests" test "$(awk -F'\t' '$3 == "pass"' "$OUT/conformance.tsv" | wc -l)" -gt 0
fi
barrier finished
