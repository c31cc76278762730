# shellcheck shell=bash
# make demo: the bundle on a distro kernel, summed up for a new user.  Both
# guests load tandem_en and tandem_re, bring the link up, ping each other,
# run a short iperf3 and an RDMA ping-pong through tandem_re (stock
# rdma-core, buffers validated); each writes what it saw to summary.txt.
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

load_nic_driver
check "modprobe tandem_re" modprobe tandem_re
link_up
barrier link
wait_peer
rtt=$(ping -c 3 -W 2 "$PEER_IP" | sed -n 's|.*min/avg/max = [^/]*/\([^/]*\)/.*|\1|p')
check "ping $PEER_IP" [ -n "$rtt" ]

iperf_pair "$PEER_IP" -t 3
bps=
[ "$ROLE" = server ] || bps=$(iperf3_bps "$OUT/iperf3.json")

roce=$(roce_dev)
DEV=tandem_re0
wait_until 10 "$DEV never became usable" sh -c "ibv_devinfo -d $DEV | grep -q PORT_ACTIVE"
wait_until 10 "no RoCE v2 GID for $MY_IP on $DEV" ipv4_gid_index
GID=$(ipv4_gid_index)
rdma_pair rc_pingpong ibv_rc_pingpong -d "$DEV" -g "$GID" -s 4096 -n 100 -c
{
	echo "kernel       $(uname -r)"
	for m in tandem_en tandem_re; do
		echo "$m    version $(modinfo -F version $m), contract abi $(modinfo -F tandem_abi $m)"
	done
	echo "NIC          $(dmesg | sed -n 's/.*tandem_en [^ ]* \(eth[0-9]*: 82574L at [^,]*, MAC [^,]*, [a-z]* interrupts\).*/\1/p' | tail -n1)"
	echo "link         $(dmesg | sed -n 's/.*tandem_en [^ ]* eth[0-9]*: link \(.*\)/\1/p' | tail -n1)"
	echo "ping         $PEER_IP answered, average round trip $rtt ms"
	[ -z "$bps" ] || echo "iperf3       $(awk -v b="$bps" 'BEGIN { printf "%.0f", b / 1e6 }') Mbit/s TCP to $PEER_IP over 3 s"
	echo "RoCE device  $(basename "$roce") on the $(basename "$(dirname "$(dirname "$roce")")") bus, driver $(basename "$(readlink "$roce/driver")")"
	echo "lockstep     $(dmesg | grep -o 'tandem_re.*bound to.*' | tail -n1)"
	echo "RDMA         ibv_rc_pingpong through $DEV (RoCEv2, RC): $(grep -m1 'bytes in' "$OUT/rc_pingpong.txt"), every buffer checked"
} | save summary.txt
check "tandem_re bound" [ -e "$roce/driver" ]
barrier finished
