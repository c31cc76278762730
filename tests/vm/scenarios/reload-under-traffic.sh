# shellcheck shell=bash
# tandem_en unloads and loads again under traffic, ROUNDS times (default
# 20): the server streams TCP to the client with iperf3 and pulls the
# driver out from under it, while the client pings the server throughout.
# Every round the port must come back and pass traffic.
#
# Each test gets its own one-off iperf3 server on the client (iperf_oneoff).
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

rounds=${ROUNDS:-20}
port() { echo $((5200 + $1)); }
if [ "$ROLE" = client ]; then
	load_nic_driver
	link_up
	for test in $(seq "$((rounds + 1))"); do
		iperf_oneoff "$(port "$test")"
	done
	barrier listening
	ping -i 0.2 -W 1 "$PEER_IP" >/dev/null 2>&1 &
	barrier finished 600
	exit 0
fi

# The kernel's own page_pool accounting proves that the RX pages all came
# back: each destroyed pool reports, until it is freed, how many of its
# pages are still out (the stack may hold some for a while).
tracing=/sys/kernel/tracing
[ -d "$tracing/events" ] || mount -t tracefs tracefs "$tracing"
echo 1 >"$tracing/events/page_pool/page_pool_release/enable"

tx_bytes() { cat "/sys/class/net/$NIC/statistics/tx_bytes"; }
stream_running() { [ "$(($(tx_bytes) - sent_before))" -gt 1000000 ]; }

barrier listening
for round in $(seq "$rounds"); do
	load_nic_driver
	link_up
	wait_peer
	sent_before=$(tx_bytes)
	iperf3 -c "$PEER_IP" -p "$(port "$round")" -t 30 --bidir >/dev/null 2>&1 &
	stream=$!
	sleep 1
	# The answers to the client's pings are a few hundred bytes a second.
	wait_until 10 "round $round: the iperf3 stream never got going" stream_running
	check "round $round: rmmod tandem_en under traffic" rmmod tandem_en
	# Its connection is gone with the port: it would wait for minutes.
	kill "$stream" 2>/dev/null
	wait "$stream"
done
load_nic_driver
link_up
wait_peer
check "after $rounds rounds: ping $PEER_IP" ping -c 3 -W 2 "$PEER_IP"
check "after $rounds rounds: iperf3" iperf3 -c "$PEER_IP" -p "$(port "$((rounds + 1))")" -t 3

# pools_out: "<pools freed> <pools still waiting for pages>".  A pool
# reports inflight=0 once, when it is freed (its address may be reused).
pools_out() {
	sed -n 's/.*page_pool_release: page_pool=\([^ ]*\) inflight=\(-\{0,1\}[0-9]*\).*/\1 \2/p' \
		"$tracing/trace" |
		awk '$2 == 0 { freed++; delete waiting[$1]; next }
			{ waiting[$1] = $2 }
			END { out = 0; for (p in waiting) out++; print freed + 0, out }'
}
no_pages_out() { [ "$(pools_out | cut -d' ' -f2)" = 0 ]; }
rx_queues=$(find "/sys/class/net/$NIC/queues" -maxdepth 1 -name 'rx-*' | wc -l)
wait_until 15 "destroyed page pools still wait for RX pages: $(pools_out)" no_pages_out
counts=$(pools_out)
pools=${counts% *} out=${counts#* }
log "page_pool: $pools pools freed, $out still waiting for pages"
check "all $pools page pools of $rounds unloads got every RX page back" \
	[ "$pools" -eq "$((rounds * rx_queues))" ]
barrier finished
