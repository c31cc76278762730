# shellcheck shell=bash
# Jumbo frames: the MTU goes from 1500 to MTU (default 9000) while the port
# is up, then full-size frames cross both ways (ping with no room to spare,
# iperf3), and nothing is dropped on the way in.
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

mtu=${MTU:-9000}
load_nic_driver
link_up
barrier link
wait_peer
check "ip link set mtu $mtu while up" ip link set "$NIC" mtu "$mtu"
wait_carrier 1
barrier mtu
wait_peer
# The ICMP payload that fills the MTU: IPv4 header 20, ICMP header 8.
check "ping -s $((mtu - 28)) $PEER_IP" ping -c 3 -W 2 -s $((mtu - 28)) "$PEER_IP"
barrier pinged
iperf_pair "$PEER_IP" -t 3
dropped=$(queue_sum rx dropped)
check "no received frame dropped ($dropped)" [ "$dropped" = 0 ]
barrier finished
