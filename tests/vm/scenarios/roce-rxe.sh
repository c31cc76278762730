# shellcheck shell=bash
# tandem_re beside the in-tree rdma_rxe, which shares its driver id:
# rdma_rxe never mistakes tandem_re0 for one of its own devices (netdev
# events and RoCE frames of the tandem port), and `rmmod rdma_rxe`, which
# unregisters every device of that driver id, leaves tandem_re0 back and
# usable within a second, with one info line.  Twice; then once more with
# tandem_re unloaded before the re-registration could run.
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

DEV=tandem_re0
IBDIR=/sys/class/infiniband/$DEV

load_nic_driver
check "modprobe tandem_re" modprobe tandem_re
link_up
wait_until 10 "$DEV never appeared" test -e "$IBDIR"
barrier link
wait_peer

# uptime_ms: milliseconds since boot (busybox date has no %N).
uptime_ms() {
	awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime
}

udp_in() {
	awk '/^Udp:/ { n++ } /^Udp:/ && n == 2 { print $2 }' /proc/net/snmp
}

usable() {
	ibv_devinfo -d "$DEV" >"$OUT/devinfo.txt" 2>&1 && grep -q PORT_ACTIVE "$OUT/devinfo.txt" &&
		grep -qx '0000:0000:0000:0000:0000:ffff:c000:02[0-9a-f][0-9a-f]' "$IBDIR"/ports/1/gids/* 2>/dev/null
}

for round in 1 2; do
	check "round $round: modprobe rdma_rxe" modprobe rdma_rxe
	# rdma_rxe's netdev notifier sees the tandem port's events.
	if [ "$ROLE" = server ]; then
		wire_link down
		wait_carrier 0
		wire_link up
		wait_carrier 1
		ip link set "$NIC" mtu 9000
		wait_carrier 1 20
		ip link set "$NIC" mtu 1500
		wait_carrier 1 20
		wait_until 10 "round $round: $DEV not usable after link and MTU changes beside rdma_rxe" usable
		log "ok: round $round: link and MTU changes with rdma_rxe loaded"
	fi
	barrier "events-$round"
	wait_peer
	# RoCE frames to the tandem port go to tandem_re, never to rdma_rxe's
	# UDP socket (port 4791 is open: rdma_rxe's).
	# (The server reads its counters before the client sends.)
	if [ "$ROLE" = client ]; then
		barrier "counted-$round"
		for _ in $(seq 10); do echo roce >"/dev/udp/$PEER_IP/4791"; done
		barrier "sent-$round"
	else
		before=$(cat "$IBDIR/ports/1/hw_counters/rcvd_pkts")
		udp=$(udp_in)
		barrier "counted-$round"
		barrier "sent-$round"
		for _ in $(seq 50); do
			[ "$(cat "$IBDIR/ports/1/hw_counters/rcvd_pkts")" -ge $((before + 10)) ] && break
			sleep 0.2
		done
		log "round $round: rcvd_pkts $before -> $(cat "$IBDIR/ports/1/hw_counters/rcvd_pkts"), tandem_en took $(queue_sum rx roce), UDP in $udp -> $(udp_in), rx $(queue_sum rx packets)"
		check "round $round: tandem_re took the 10 RoCE frames" \
			[ "$(cat "$IBDIR/ports/1/hw_counters/rcvd_pkts")" -ge $((before + 10)) ]
		check "round $round: rdma_rxe's socket got none of them" [ "$(udp_in)" = "$udp" ]
	fi

	check "round $round: rmmod rdma_rxe" rmmod rdma_rxe
	t0=$(uptime_ms)
	wait_until 5 "round $round: $DEV did not come back after rmmod rdma_rxe" usable
	ms=$(($(uptime_ms) - t0))
	log "round $round: $DEV back and usable ${ms} ms after rmmod rdma_rxe returned"
	check "round $round: back within a second (${ms} ms)" [ "$ms" -lt 1000 ]
	check "round $round: one info line per re-registration" \
		[ "$(dmesg | grep -c "$DEV registered again")" = "$round" ]
	barrier "round-$round"
done
if [ "$ROLE" = server ]; then
	check "the counters survived the re-registrations" \
		[ "$(cat "$IBDIR/ports/1/hw_counters/rcvd_pkts")" -ge 20 ]
fi
# Unload while the re-registration is pending: nothing may run after.
check "modprobe rdma_rxe" modprobe rdma_rxe
check "rmmod rdma_rxe, then at once" rmmod rdma_rxe
check "rmmod tandem_re within the re-registration delay" rmmod tandem_re
sleep 1
check "no $DEV left behind" test ! -e "$IBDIR"
check "modprobe tandem_re again" modprobe tandem_re
wait_until 5 "$DEV did not come back after the reload" usable
check "rmmod tandem_re" rmmod tandem_re
check "rmmod tandem_en" rmmod tandem_en
dmesg | grep -E 'tandem|rxe' | save dmesg-rdma.txt
check "no tandem error in the kernel log" \
	sh -c "! grep -v 'module verification failed' $OUT/dmesg-rdma.txt | grep -i tandem | grep -iE 'error|fail|warn'"
