# shellcheck shell=bash
# Crafted RoCEv2 frames (tests/vm/tools/tandem-inject.c): the client sends
# them through an AF_PACKET socket at QPs that the server's target program
# holds.  Each class must move its counter by exactly its number of frames;
# the target checks its canary pages and MRs, that QP A and the UD QP kept
# their state, and that each QP hit by a fatal attack is in the error state.
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

info=/bench/sync/inject.info
done_file=/bench/sync/inject.done
rdma_setup

# counter NAME: its value now, from rdma statistic.
counter() {
	rdma statistic show link "$DEV/1" | grep -o " $1 [0-9]*" | cut -d' ' -f3
}

if [ "$ROLE" = server ]; then
	names=(icrc_err malformed_pkts unknown_qp_pkts dropped_pkts nak_sent out_of_seq_request duplicate_request)
	want=(1 4 1 4 9 1 1)
	declare -A before
	for n in "${names[@]}"; do before[$n]=$(counter "$n"); done
	tandem-inject target -d "$DEV" -g "$GID" -p "$PEER_IP" -o "$info" -w "$done_file" \
		>"$OUT/target.txt" 2>&1 &
	target=$!
	wait_until 20 "the target program never published its QPs" test -e "$info"
	barrier target-ready
	barrier injected 120
	wait "$target"
	status=$?
	sed "s/^/[$ROLE] /" "$OUT/target.txt"
	check "the target's checks (canaries, MRs, QP states) passed" [ "$status" = 0 ]
	for i in "${!names[@]}"; do
		n=${names[$i]}
		moved=$(($(counter "$n") - before[$n]))
		check "$n moved by ${want[$i]} (by $moved)" [ "$moved" = "${want[$i]}" ]
	done
	rdma statistic show link "$DEV/1" | save rdma-statistic.txt
	log "counters: $(tr -s ' ' <"$OUT/rdma-statistic.txt")"
else
	barrier target-ready
	mac=$(ip neigh show "$PEER_IP" | sed -n 's/.*lladdr \([0-9a-f:]*\).*/\1/p')
	[ -n "$mac" ] || fail "no MAC address for $PEER_IP in the neighbour table"
	tandem-inject inject -i "$NIC" -m "$mac" -s "$MY_IP" -t "$PEER_IP" -f "$info" \
		>"$OUT/inject.txt" 2>&1
	status=$?
	sed "s/^/[$ROLE] /" "$OUT/inject.txt"
	check "tandem-inject sent every frame" [ "$status" = 0 ]
	touch "$done_file"
	barrier injected
fi
barrier finished
