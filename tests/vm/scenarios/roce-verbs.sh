# shellcheck shell=bash
# What perftest and the pingpongs cannot ask for, through stock
# libibverbs (tests/vm/tools/tandem-verbs-check.c, built against each
# distro's rdma-core): an RDMA WRITE with a key that does not exist, one
# that runs past its MR's end, and a READ past it, each completing with a
# remote access error while the target's buffer (a canary around the MR)
# stays untouched; then CQ and SRQ resize with traffic around them.
# RXE_ROLE=server|client puts rdma_rxe in that role.
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

rdma_setup
if [ "$DEV" = tandem_re0 ]; then
	naks_before=$(rdma statistic show link "$DEV/1" | grep -o 'nak_sent [0-9]*' | cut -d' ' -f2)
fi
rdma_pair verbs-check tandem-verbs-check -d "$DEV" -g "$GID" "$ROLE"
grep -E '^(ok|FAIL)' "$OUT/verbs-check.txt" | sed "s/^/[$ROLE] /"
check "every check of tandem-verbs-check passed" grep -q '^ok: all' "$OUT/verbs-check.txt"
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
