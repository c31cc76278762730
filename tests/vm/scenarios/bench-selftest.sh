# shellcheck shell=bash
# The bench checking itself: with INJECT=warning the server writes a
# WARNING line into its kernel log, which the bench must turn into a FAIL
# even though every command here succeeds.
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

if [ "$ROLE" = server ] && [ "${INJECT:-}" = warning ]; then
	echo "WARNING: CPU: 0 PID: 1 at tandem-bench-selftest (injected)" >/dev/kmsg
fi
barrier finished
log "nothing failed here"
