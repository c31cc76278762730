# shellcheck shell=bash
# Traffic between the guests through the LAN driver of the run (DRIVER=
# tandem: tandem_en; intree: e1000e, the bench's own baseline): ping both
# ways over IPv4 and IPv6, then iperf3 TCP for 8 s over IPv4 (IPERF_FAMILY=6:
# over IPv6), then UDP both ways for 3 s, whose checksums (filled in by the
# sender's NIC, checked by the receiver's stack or NIC) must all be good;
# and 16 MiB of random bytes each way over TCP, whose SHA-256 on arrival
# must be the sender's.
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

in0=$(udp_stat InDatagrams) bad0=$(udp_stat InCsumErrors)
iperf_pair "$peer" -u -b 20M -l 1400 -t 3
iperf_pair "$peer" -u -b 20M -l 1400 -t 3 -R
barrier udp
in=$(($(udp_stat InDatagrams) - in0)) bad=$(($(udp_stat InCsumErrors) - bad0))
log "UDP: $in datagrams in, $bad with a bad checksum"
check "UDP datagrams arrived ($in)" test "$in" -gt 1000
check "no UDP checksum errors ($bad)" test "$bad" = 0

blob_exchange 16
barrier finished
