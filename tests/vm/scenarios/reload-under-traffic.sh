# shellcheck shell=bash
# tandem_en unloads and loads again under traffic, ROUNDS times (default
# 20): the server streams TCP to the client with iperf3 and pulls the
# driver out from under it, while the client pings the server throughout.
# Every round the port must come back and pass traffic.
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

rounds=${ROUNDS:-20}
if [ "$ROLE" = client ]; then
	load_nic_driver
	link_up
	iperf3 -s >/dev/null 2>&1 &
	barrier listening
	ping -i 0.2 -W 1 "$PEER_IP" >/dev/null 2>&1 &
	barrier finished 600
	exit 0
fi

barrier listening
for round in $(seq "$rounds"); do
	load_nic_driver
	link_up
	wait_peer
	iperf3 -c "$PEER_IP" -t 30 >/dev/null 2>&1 &
	stream=$!
	sleep 1.5
	check "round $round: rmmod tandem_en under traffic" rmmod tandem_en
	# Its connection is gone with the port: it would wait for minutes.
	kill "$stream" 2>/dev/null
	wait "$stream"
done
load_nic_driver
link_up
wait_peer
check "after $rounds rounds: ping $PEER_IP" ping -c 3 -W 2 "$PEER_IP"
check "after $rounds rounds: iperf3" iperf3 -c "$PEER_IP" -t 3
barrier finished
