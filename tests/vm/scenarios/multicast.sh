# shellcheck shell=bash
# The NIC's multicast filter: the server joins group 239.1.1.1 (its MAC,
# 01:00:5e:01:01:01, goes into the filter table); the client sends 40 UDP
# frames to it and 40 to 239.1.1.2, which the server did not join.  The
# joined group's frames reach the server's driver and its socket layer,
# the other group's (almost) never reach the driver; with allmulti on they
# all do, and after allmulti off they are filtered again.
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

load_nic_driver
link_up
ip route add 224.0.0.0/4 dev "$NIC"
barrier link
wait_peer

rx_packets() {
	queue_sum rx packets
}

# send GROUP: 40 UDP frames to GROUP, port 9 (discard).
send() {
	for _ in $(seq 40); do
		echo tandem >"/dev/udp/$1/9"
	done
	sleep 0.5
}

# reached STEP GROUP: how many frames to GROUP reached the server's driver.
reached() {
	local before
	before=$(rx_packets)
	barrier "$1-ready"
	barrier "$1-sent"
	echo $(($(rx_packets) - before))
}

has_group_mac() {
	ip maddr show dev "$NIC" | grep -q 01:00:5e:01:01:01
}

if [ "$ROLE" = server ]; then
	check "join 239.1.1.1" ip addr add 239.1.1.1/32 dev "$NIC" autojoin
	check "the stack put 01:00:5e:01:01:01 on the NIC" has_group_mac
	joined=$(reached joined)
	other=$(reached other)
	ip link set "$NIC" allmulticast on
	all=$(reached allmulti)
	ip link set "$NIC" allmulticast off
	again=$(reached filtered-again)
	check "joined group: $joined of 40 frames reached the driver" [ "$joined" -ge 40 ]
	check "group not joined: $other of 40 frames reached the driver" [ "$other" -lt 10 ]
	check "allmulti: $all of 40 frames of the other group reached the driver" [ "$all" -ge 40 ]
	check "allmulti off: $again of 40 filtered again" [ "$again" -lt 10 ]
else
	for step in joined:239.1.1.1 other:239.1.1.2 allmulti:239.1.1.2 filtered-again:239.1.1.2; do
		barrier "${step%%:*}-ready"
		send "${step#*:}"
		barrier "${step%%:*}-sent"
	done
fi
barrier finished
