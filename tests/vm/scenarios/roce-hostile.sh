# shellcheck shell=bash
# A hostile program on the client (tests/vm/tools/tandem-hostile.c, built
# against the distro's own libibverbs): garbage in its own mmap'd send and
# completion rings, an MR whose memory is unmapped, a process SIGKILLed
# with WRITEs in flight; then, alone, PDs until the device refuses.  Its own
# QPs fail; nothing it does reaches the kernel, the other guest or the
# other processes: an ibv_rc_pingpong between the guests runs through it
# with its data checked, and another after it.  Last, tandem_re unloads
# with nothing left over (re_objs.c warns of any object never released).
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

rdma_setup
pingpong() {
	rdma_pair "$1" ibv_rc_pingpong -d "$DEV" -g "$GID" -s 4096 -n "$2" -c
}

if [ "$ROLE" = server ]; then
	pingpong beside-hostile 3000
	barrier hostile-ran 330
	pingpong after-hostile 200
	rdma statistic show link "$DEV/1" | save rdma-statistic.txt
	log "counters: $(tr -s ' ' <"$OUT/rdma-statistic.txt")"
	barrier finished
	exit 0
fi

pingpong beside-hostile 3000 &
beside=$!
sleep 2
timeout 300 tandem-hostile -d "$DEV" -g "$GID" "$PEER_IP" >"$OUT/hostile.txt" 2>&1
echo "exit $?" >>"$OUT/hostile.txt"
grep -E '^(ok|FAIL)' "$OUT/hostile.txt" | sed "s/^/[$ROLE] /"
check "every check of tandem-hostile passed" grep -q '^ok: all' "$OUT/hostile.txt"
check "ibv_rc_pingpong beside the hostile program passed" wait "$beside"
barrier hostile-ran
pingpong after-hostile 200
# Alone on the device now: PDs up to its limit.
timeout 300 tandem-hostile -d "$DEV" -x >"$OUT/exhaust.txt" 2>&1
grep -E '^( |ok|FAIL)' "$OUT/exhaust.txt" | sed "s/^/[$ROLE] /"
check "tandem-hostile -x: PDs to the limit and back" grep -q '^ok: all' "$OUT/exhaust.txt"
rdma statistic show link "$DEV/1" | save rdma-statistic.txt
log "counters: $(tr -s ' ' <"$OUT/rdma-statistic.txt")"
check "rdma resource show: no QP, CQ, PD or MR left by a process" \
	sh -c "! rdma resource show qp link $DEV/1 | grep -q pid"
check "rmmod tandem_re" rmmod tandem_re
barrier finished
