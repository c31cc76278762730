# shellcheck shell=bash
# The wire's ceiling for any packet-at-a-time protocol (DESIGN.md's
# performance method): kernel pktgen in the client floods the server with
# UDP frames the size of a full RoCE packet at the path MTU the netdev MTU
# gives (a WRITE middle packet: Ethernet, IPv4, UDP, BTH, the payload and
# the ICRC; 1082 bytes at MTU 1500, 4154 at 9000), and the server counts
# the frames its NIC delivered in the middle of the flood.  ceiling.txt on
# the server: frames per second and the RoCE payload that rate carries, in
# MB/s of 2^20 bytes as perftest counts them.  The bench's -d picks the
# NIC driver (tandem_en, or e1000e for rdma_rxe's figures), MTU= the
# netdev MTU, CEILING_S= the flood's length (default 12 s; the count spans
# all of it but the first and last 2 s).
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

MTU=${MTU:-1500}
CEILING_S=${CEILING_S:-12}
# The largest IB MTU whose packet fits in the netdev MTU with IPv4, UDP,
# BTH and ICRC (rdma_rxe and tandem_re pick the same).
payload=256
for p in 512 1024 2048 4096; do
	[ $((p + 20 + 8 + 12 + 4)) -le "$MTU" ] && payload=$p
done
frame=$((14 + 20 + 8 + 12 + payload + 4))

load_nic_driver
link_up
set_mtu
barrier link
wait_peer
barrier reached

rx_packets() {
	cat "/sys/class/net/$NIC/statistics/rx_packets"
}

uptime_s() {
	cut -d' ' -f1 /proc/uptime
}

pg() {
	echo "$2" >"/proc/net/pktgen/$1" || fail "pktgen $1: $2 refused"
}

if [ "$ROLE" = client ]; then
	check "modprobe pktgen" modprobe pktgen
	mac=$(ip neigh show "$PEER_IP" dev "$NIC" | awk '{ print $3 }')
	[ -n "$mac" ] || fail "no neighbour entry for $PEER_IP"
	pg kpktgend_0 rem_device_all
	pg kpktgend_0 "add_device $NIC"
	pg "$NIC" "count 0"
	pg "$NIC" "delay 0"
	pg "$NIC" "pkt_size $frame"
	pg "$NIC" "dst $PEER_IP"
	pg "$NIC" "dst_mac $mac"
	pg "$NIC" "udp_dst_min 9"
	pg "$NIC" "udp_dst_max 9"
	barrier flood
	# "start" returns when the flood stops.
	echo start >/proc/net/pktgen/pgctrl &
	flood=$!
	sleep "$CEILING_S"
	echo stop >/proc/net/pktgen/pgctrl
	wait "$flood"
	sent=$(awk '/pkts-sofar/ { print $2 }' "/proc/net/pktgen/$NIC")
	log "pktgen sent $sent frames of $frame bytes in $CEILING_S s"
	[ "${sent:-0}" -gt 0 ] || fail "pktgen sent nothing"
else
	barrier flood
	sleep 2
	c0=$(rx_packets) t0=$(uptime_s)
	sleep $((CEILING_S - 4))
	c1=$(rx_packets) t1=$(uptime_s)
	[ "$c1" -gt "$c0" ] || fail "no frame arrived during the flood"
	awk -v n=$((c1 - c0)) -v t0="$t0" -v t1="$t1" -v p="$payload" -v f="$frame" 'BEGIN {
		pps = n / (t1 - t0)
		printf "frame_bytes %d\npayload_bytes %d\nframes_per_s %.0f\npayload_MBps %.2f\n",
			f, p, pps, pps * p / 1048576
	}' | save ceiling.txt
	log "wire ceiling: $(tr '\n' ' ' <"$OUT/ceiling.txt")"
fi
barrier finished
