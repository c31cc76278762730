# shellcheck shell=bash
# Every ACK of a full window lost (bench -w ackblackout): the client's
# ibv_rc_pingpong sends 64 KiB messages, validated, and CUES times (default
# 4) while it runs asks the relay to drop all the server sends for 0.15 s.
# The client's retransmit timer then goes back and halves its window, and
# the responder, which holds every PSN sent, answers the resent duplicates
# with ACKs of PSNs past the new sending position: the requester must take
# them.  (It once dropped them until its retries ran out: tandem_re before
# e11c0c4 fails here.)  The client's completer_retry_err must have moved,
# or the timer never went back and nothing was tested.
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

[ "$WIRE" = ackblackout ] || fail "roce-ack-blackout needs the relay's ackblackout profile (bench -w ackblackout)"
CUES=${CUES:-4}
ITERS=${ITERS:-800}

rdma_setup
timer_retries() {
	rdma statistic show link "$DEV/1" | grep -o 'completer_retry_err [0-9]*' | cut -d' ' -f2
}
tx_bytes() { cat "/sys/class/net/$NIC/statistics/tx_bytes"; }

# cue_blackouts: CUES blackouts, each once the client has sent another
# 2 MB, 0.5 s apart; fails if the traffic stops first.
cue_blackouts() {
	local cue sent waited
	for cue in $(seq "$CUES"); do
		sent=$(tx_bytes) waited=0
		while [ $(($(tx_bytes) - sent)) -lt 2000000 ]; do
			[ "$waited" -lt 300 ] || { log "blackout $cue: the pingpong sent nothing for 30 s"; return 1; }
			sleep 0.1
			waited=$((waited + 1))
		done
		host_relay_cue
		sleep 0.5
	done
}

if [ "$ROLE" = client ]; then
	before=$(timer_retries)
	cue_blackouts &
	cues=$!
fi
rdma_pair rc_pingpong-65536 ibv_rc_pingpong -d "$DEV" -g "$GID" -s 65536 -n "$ITERS" -c
if [ "$ROLE" = client ]; then
	check "the relay took $CUES blackouts while the pingpong ran" wait "$cues"
	retried=$(($(timer_retries) - before))
	log "the client's retransmit timer went back $retried times"
	check "the client's retransmit timer went back (completer_retry_err moved)" \
		[ "$retried" -gt 0 ]
fi
rdma statistic show link "$DEV/1" | save rdma-statistic.txt
log "counters: $(tr -s ' \n' ' ' <"$OUT/rdma-statistic.txt")"
barrier finished
