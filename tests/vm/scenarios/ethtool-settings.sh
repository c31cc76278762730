# shellcheck shell=bash
# ethtool settings round-trip on a tandem_en port and the port keeps
# passing traffic after each: ring sizes (-G), interrupt moderation (-C),
# queue pairs (-L), offloads (-K); the self-test (-t) passes; --reset under
# traffic recovers with its counters intact; bad values are refused and
# change nothing.  The server changes its port; the client only answers.
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

load_nic_driver
link_up
barrier link
wait_peer
if [ "$ROLE" = client ]; then
	iperf3 -s >/dev/null 2>&1 &
	barrier finished 300
	exit 0
fi

# field FILE NAME: the first value ethtool printed for NAME (for -g and
# -l, the maximum); current FILE NAME: the value under "Current".
field() {
	sed -n "s/^$2:[[:space:]]*//p" "$OUT/$1" | head -n1
}

current() {
	sed -n '/^Current/,$p' "$OUT/$1" | sed -n "s/^$2:[[:space:]]*//p" | head -n1
}

# after WHAT: the port still passes traffic.
after() {
	wait_carrier 1 20
	check "after $1: ping $PEER_IP" ping -c 2 -W 2 "$PEER_IP"
}

ethtool -g "$NIC" | save g0.txt
check "ethtool -g: 256 RX descriptors by default" [ "$(current g0.txt RX)" = 256 ]
check "ethtool -G rx 512 tx 128" ethtool -G "$NIC" rx 512 tx 128
ethtool -g "$NIC" | save g1.txt
check "ethtool -g: maximum 4096" [ "$(field g1.txt RX)" = 4096 ]
check "ethtool -g: RX now 512" [ "$(current g1.txt RX)" = 512 ]
check "ethtool -g: TX now 128" [ "$(current g1.txt TX)" = 128 ]
after "ethtool -G"

ethtool -l "$NIC" | save l0.txt
# Under MSI-X each queue pair and direction has a vector; under MSI or INTx
# (TANDEM_EN_PARAMS=interrupt_mode=...) one vector serves one pair.
msix=0
[ "$(field l0.txt Combined)" = 2 ] && msix=1
log "MSI-X: $msix"

if [ "$msix" = 1 ]; then
	check "ethtool -C rx-usecs 100 tx-usecs 20" ethtool -C "$NIC" rx-usecs 100 tx-usecs 20
	ethtool -c "$NIC" | save c.txt
	check "ethtool -c: rx-usecs 100" [ "$(field c.txt rx-usecs)" = 100 ]
	check "ethtool -c: tx-usecs 20" [ "$(field c.txt tx-usecs)" = 20 ]
else
	check "ethtool -C rx-usecs 100" ethtool -C "$NIC" rx-usecs 100
	ethtool -c "$NIC" | save c.txt
	check "ethtool -c: rx-usecs 100" [ "$(field c.txt rx-usecs)" = 100 ]
	check "ethtool -c: tx-usecs follows (one vector)" [ "$(field c.txt tx-usecs)" = 100 ]
	ethtool -C "$NIC" tx-usecs 20 >"$OUT/c-refused.txt" 2>&1 && fail "ethtool -C tx-usecs 20 was taken with one vector"
	log "ok: ethtool -C tx-usecs 20 refused with one vector: $(tr '\n' ' ' <"$OUT/c-refused.txt")"
fi
after "ethtool -C"

if [ "$msix" = 1 ]; then
	check "ethtool -l: 2 combined queues" [ "$(current l0.txt Combined)" = 2 ]
	check "ethtool -L combined 1" ethtool -L "$NIC" combined 1
	ethtool -l "$NIC" | save l1.txt
	check "ethtool -l: now 1 combined queue" \
		[ "$(current l1.txt Combined)" = 1 ]
	check "one RX queue left in sysfs" [ "$(find "/sys/class/net/$NIC/queues" -maxdepth 1 -name 'rx-*' | wc -l)" = 1 ]
	after "ethtool -L combined 1"
	check "ethtool -L combined 2" ethtool -L "$NIC" combined 2
	after "ethtool -L combined 2"
else
	check "ethtool -l: 1 combined queue, at most" [ "$(field l0.txt Combined)" = 1 ]
	check "ethtool -L combined 2 is refused with one vector" sh -c "! ethtool -L $NIC combined 2 2>/dev/null"
fi

for feature in tcp-segmentation-offload rx-checksumming scatter-gather; do
	check "ethtool -K $feature off" ethtool -K "$NIC" "$feature" off
	check "ethtool -k: $feature off" ethtool -k "$NIC" | grep -q "^$feature: off"
	check "ethtool -K $feature on" ethtool -K "$NIC" "$feature" on
	check "ethtool -k: $feature on" ethtool -k "$NIC" | grep -q "^$feature: on"
done
after "ethtool -K"

refused() {
	! ethtool "$@" 2>/dev/null
}
check "ethtool -G rx 8 is refused" refused -G "$NIC" rx 8
check "ethtool -C rx-usecs 20000 is refused" refused -C "$NIC" rx-usecs 20000
check "ethtool -L combined 3 is refused" refused -L "$NIC" combined 3
ethtool -g "$NIC" | save g2.txt
check "a refused ethtool -G changed nothing" \
	[ "$(current g2.txt RX)" = 512 ]
after "refused settings"

ethtool -t "$NIC" offline | save t.txt
check "ethtool -t offline passes" grep -q 'The test result is PASS' "$OUT/t.txt"
check "ethtool -t ran the loopback test" grep -q 'Loopback test.*0$' "$OUT/t.txt"
after "ethtool -t"

# --reset while iperf3 runs: traffic resumes, counters do not go back.
iperf3 -c "$PEER_IP" -t 8 -J >"$OUT/iperf-reset.json" 2>&1 &
stream=$!
sleep 2
rx_before=$(cat "/sys/class/net/$NIC/statistics/rx_packets")
mac_before=$(ethtool -S "$NIC" | sed -n 's/^ *mac_rx_good_packets: //p')
check "ethtool --reset all under traffic" ethtool --reset "$NIC" all
check "iperf3 across the reset" wait "$stream"
rx_after=$(cat "/sys/class/net/$NIC/statistics/rx_packets")
mac_after=$(ethtool -S "$NIC" | sed -n 's/^ *mac_rx_good_packets: //p')
check "netdev counters survive the reset ($rx_before -> $rx_after)" [ "$rx_after" -gt "$rx_before" ]
check "MAC counters survive the reset ($mac_before -> $mac_after)" [ "$mac_after" -gt "$mac_before" ]
after "ethtool --reset"
barrier finished
