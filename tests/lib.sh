# shellcheck shell=bash
# What every test script of tandem shares: how a result is recorded.
# tests/check sets TANDEM_RESULTS and counts the lines when all have run.

: "${TANDEM_RESULTS:=/dev/null}"

t_pass() {
	printf 'pass\t%s\n' "$1" >>"$TANDEM_RESULTS"
	printf 'PASS: %s\n' "$1"
}

t_fail() {
	printf 'fail\t%s\t%s\n' "$1" "$2" >>"$TANDEM_RESULTS"
	printf 'FAIL: %s: %s\n' "$1" "$2"
}

t_skip() {
	printf 'skip\t%s\t%s\n' "$1" "$2" >>"$TANDEM_RESULTS"
	printf 'SKIP: %s: %s\n' "$1" "$2"
}

# t_check NAME COMMAND...: pass if the command succeeds; its output is shown
# on failure only.
t_check() {
	local name=$1 output
	shift
	if output=$("$@" 2>&1); then
		t_pass "$name"
	else
		printf '%s\n' "$output" | tail -n 20 | sed 's/^/    /'
		[ -n "$output" ] || output="failed: $*"
		t_fail "$name" "$(printf '%s\n' "$output" | tail -n1)"
	fi
}
