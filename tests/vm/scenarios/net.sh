# shellcheck shell=bash
# Traffic between the guests through the LAN driver of the run (DRIVER=
# tandem: tandem_en; intree: e1000e, the bench's own baseline): ping both
# ways over IPv4 and IPv6, then iperf3 TCP for 8 s over IPv4 (IPERF_FAMILY=6:
# over IPv6).
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

load_nic_driver
link_up
barrier link
wait_peer
check "ping $PEER_IP" ping -c 3 -W 2 "$PEER_IP"
check "ping $PEER_IP6" ping -6 -c 3 -W 2 "$PEER_IP6"
barrier pinged

peer=$PEER_IP
[ "${IPERF_FAMILY:-4}" = 6 ] && peer=$PEER_IP6
iperf_pair "$peer" -t 8
if [ "$ROLE" = client ]; then
	bps=$(iperf3_bps "$OUT/iperf3.json")
	log "iperf3 received: $bps bit/s"
	# Guests under TCG move 150-450 Mbit/s; a tenth of that is a collapse.
	check "iperf3 moved at least ${MIN_MBPS:-20} Mbit/s" \
		awk -v b="$bps" -v min="${MIN_MBPS:-20}" 'BEGIN { exit !(b / 1e6 >= min) }'
fi
barrier finished
