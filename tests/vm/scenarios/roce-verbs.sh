# shellcheck shell=bash
# What perftest and the pingpongs cannot ask for, through stock
# libibverbs (tests/vm/tools/tandem-verbs-check.c, built against each
# distro's rdma-core): an RDMA WRITE with a key that does not exist, one
# that runs past its MR's end, and a READ past it, each completing with a
# remote access error while the target's buffer (a canary around the MR)
# stays untouched; a type 2 memory window over part of the MR (a WRITE
# inside it lands, one past it is refused); then CQ and SRQ resize with
# traffic around them, and an ATOMIC WRITE and a FLUSH where both sides
# have them.
# RXE_ROLE=server|client puts rdma_rxe in that role.
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

rdma_setup
if [ "$DEV" = tandem_re0 ]; then
	naks_before=$(rdma statistic show link "$DEV/1" | grep -o 'nak_sent [0-9]*' | cut -d' ' -f2)
fi
# rdma_rxe as the server bounds a window's WRITEs by the MR, not by the
# window, and places only the first packet of a WRITE into ODP pages never
# touched (it does both against itself too): told so (-U), the check
# reports these as "known:", which bench.test reports as skipped checks
# (known.txt).
# Against rdma_rxe in either role, FLUSH is left out (-F): rdma_rxe's FLUSH
# frames carry an ICRC that does not follow IBTA (tandem_re counts them as
# bad ICRC) and it drops tandem_re's; reported as "known:" too.
quirks=()
[ "${RXE_ROLE:-}" != server ] || quirks+=(-U)
[ -z "${RXE_ROLE:-}" ] || quirks+=(-F)
rdma_pair verbs-check tandem-verbs-check -d "$DEV" -g "$GID" "${quirks[@]}" "$ROLE"
grep -E '^(ok|FAIL|known|skip)' "$OUT/verbs-check.txt" | sed "s/^/[$ROLE] /"
check "every check of tandem-verbs-check passed" grep -q '^ok: all' "$OUT/verbs-check.txt"
grep '^known: ' "$OUT/verbs-check.txt" | sed 's/^known: //' | save known.txt
# A case the distro's rdma-core or a device cannot run (memory windows with
# Debian 11's rdma-core 33, ATOMIC WRITE with the rdma_rxe of 6.1): bench.test
# reports it as skipped (skipped.txt).
grep '^skip: ' "$OUT/verbs-check.txt" | sed 's/^skip: //' | save skipped.txt
if [ "$DEV" = tandem_re0 ]; then
	rdma statistic show link "$DEV/1" | save rdma-statistic.txt
	log "counters: $(tr -s ' ' <"$OUT/rdma-statistic.txt")"
	if [ "$ROLE" = server ]; then
		naks=$(grep -o 'nak_sent [0-9]*' "$OUT/rdma-statistic.txt" | cut -d' ' -f2)
		# The bad key, the WRITE and the READ past the MR: a NAK each.
		check "nak_sent counted the 3 refused accesses ($naks_before -> $naks)" \
			[ $((naks - naks_before)) -ge 3 ]
	fi
fi
barrier finished
