# shellcheck shell=bash
# System sleep and wake-up of the server, first with its port open and the
# client pinging it, then with the port down.  The kernel's PM test mode
# (pm_test=devices) runs every device's suspend and resume callbacks around
# 5 s of sleep, without a firmware sleep state (TCG guests would not wake).
# After each wake-up: carrier, ping, and counters that kept their values;
# at the end the client runs TCP traffic to the server.
#
# Sleep resets the share's virtio device under its 9p driver, which has no
# resume callback, so from the first sleep on the server touches nothing
# under /bench: it is parsed whole (main), logs to the serial console and
# ends with the line the bench reads there, "tandem-bench: server exit N".
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

# sleep_once: one suspend/resume cycle of every device of this guest.
sleep_once() {
	echo devices >/sys/power/pm_test
	echo freeze >/sys/power/state || offline_fail "suspend and resume (freeze, pm_test=devices)"
	echo none >/sys/power/pm_test
	log "woke up"
}

# offline_check/offline_fail: check() and fail() off the share.
offline_fail() {
	log "FAIL: $*"
	echo "tandem-bench: $ROLE exit 1"
	poweroff -f
}

offline_check() {
	local desc=$1
	shift
	if "$@"; then log "ok: $desc"; else offline_fail "$desc"; fi
}

offline_wait() {
	local deadline=$((SECONDS + $1)) why=$2
	shift 2
	until "$@"; do
		[ "$SECONDS" -lt "$deadline" ] || offline_fail "$why"
		sleep 0.2
	done
}

tx_packets() {
	cat "/sys/class/net/$NIC/statistics/tx_packets"
}

server() {
	barrier pinging
	cd / || exit 1
	exec >/dev/console 2>&1
	log "leaving the share: from here on the log is on the console"

	before=$(tx_packets)
	sleep_once
	offline_wait 20 "no carrier after wake-up" carrier_is 1
	offline_wait 30 "$PEER_IP does not answer after wake-up" peer_answers
	offline_check "counters kept across sleep ($before, then $(tx_packets))" test "$(tx_packets)" -ge "$before"
	offline_check "ping6 after wake-up" ping -6 -c 3 -W 2 "$PEER_IP6"

	ip link set "$NIC" down
	sleep_once
	ip link set "$NIC" up
	offline_wait 20 "no carrier after wake-up with the port down" carrier_is 1
	offline_wait 30 "$PEER_IP does not answer after a wake-up with the port down" peer_answers
	offline_check "ethtool -S still answers" sh -c "ethtool -S $NIC >/dev/null"

	# The client's TCP test, once it gets through.
	offline_check "the client ran iperf3 against this port" timeout 90 iperf3 -s -1
	echo "tandem-bench: $ROLE exit 0"
	poweroff -f
}

# tcp_to_server: 3 s of TCP to the server; fails unless data arrived (iperf3
# -J exits 0 on a refused connection).
tcp_to_server() {
	rm -f "$OUT/iperf3.json"
	iperf3 -c "$PEER_IP" -t 3 -J --logfile "$OUT/iperf3.json" >/dev/null 2>&1
	[ -n "$(iperf3_bps "$OUT/iperf3.json")" ]
}

client() {
	# A ping every 0.2 s across the server's sleeps, for the record.
	ping -i 0.2 -W 1 "$PEER_IP" >"$OUT/ping-across-sleep.log" 2>&1 &
	pinger=$!
	barrier pinging
	# The server listens only when both of its sleeps are over.
	wait_until 150 "the server's iperf3 never answered after its sleeps" tcp_to_server
	kill -INT "$pinger"	# ping prints its summary on SIGINT
	wait "$pinger"
	log "TCP after the server's sleeps: $(iperf3_bps "$OUT/iperf3.json") bit/s"
	log "ping across the sleeps: $(grep -E 'packets transmitted' "$OUT/ping-across-sleep.log" || true)"
}

main() {
	load_nic_driver
	link_up
	barrier link
	wait_peer
	"$ROLE"
}

main
