# shellcheck shell=bash
# VLAN 100 between the guests through the NIC's tag insertion, stripping
# and filter: ping both ways and a short iperf3 over it.  Then the client
# sends 40 frames on VLAN 200, which the server does not have: with the
# filter on, (almost) none reach the server's driver; in promiscuous mode,
# where the filter is off, all of them do.  INTREE_ROLE=client puts the
# in-tree e1000e on the client: the tags must be 802.1Q's for it too.
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

[ "${INTREE_ROLE:-}" = "$ROLE" ] && DRIVER=intree
load_nic_driver
link_up
check "modprobe 8021q" modprobe 8021q
octet=${MY_IP##*.}
peer_octet=${PEER_IP##*.}
ip link add link "$NIC" name "$NIC.100" type vlan id 100
ip addr add "198.51.100.$octet/24" dev "$NIC.100"
ip link set "$NIC.100" up
if [ "$ROLE" = client ]; then
	ip link add link "$NIC" name "$NIC.200" type vlan id 200
	ip addr add "203.0.113.$octet/24" dev "$NIC.200"
	ip link set "$NIC.200" up
fi
barrier vlans
wait_peer
check "ping 198.51.100.$peer_octet over VLAN 100" ping -c 3 -W 2 "198.51.100.$peer_octet"
rx_packets() {
	queue_sum rx packets
}

# send_vlan200: 40 UDP frames to the server on VLAN 200, no ARP needed.
send_vlan200() {
	for _ in $(seq 40); do
		echo tandem >"/dev/udp/203.0.113.$peer_octet/9"
	done
}

iperf_pair "198.51.100.$peer_octet" -t 3
if [ "$ROLE" = server ]; then
	before=$(rx_packets)
	barrier v200-filtered
	barrier v200-filtered-sent
	filtered=$(($(rx_packets) - before))
	ip link set "$NIC" promisc on
	before=$(rx_packets)
	barrier v200-open
	barrier v200-open-sent
	open=$(($(rx_packets) - before))
	ip link set "$NIC" promisc off
	check "VLAN filter on: $filtered of 40 VLAN 200 frames reached the driver" [ "$filtered" -lt 10 ]
	check "promiscuous: $open of 40 VLAN 200 frames reached the driver" [ "$open" -ge 40 ]
else
	mac=$(ip neigh show "$PEER_IP" | sed -n 's/.*lladdr \([0-9a-f:]*\).*/\1/p')
	ip neigh replace "203.0.113.$peer_octet" lladdr "$mac" dev "$NIC.200"
	barrier v200-filtered
	send_vlan200
	sleep 0.5
	barrier v200-filtered-sent
	barrier v200-open
	send_vlan200
	sleep 0.5
	barrier v200-open-sent
fi
barrier finished
