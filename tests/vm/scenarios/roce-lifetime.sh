# shellcheck shell=bash
# Both modules' lifetime under RDMA and TCP traffic, the client doing it
# all while an ibv_rc_pingpong (4 KiB, data checked) runs to the server:
#   re    tandem_re unloaded and loaded again (ROUNDS, default 20), with an
#         iperf3 stream too;
#   en    tandem_en unloaded and loaded again (ROUNDS), with iperf3 too;
#   aux   tandem_re unbound from its auxiliary device and bound again (5);
#   flap  the wire unplugged and replugged from the QEMU monitor (2).
# The pingpong of those rounds dies with its device or its link, as RC
# says it must; each round ends with the device back and its port active.
#   reset ethtool --reset (2) and
#   mtu   an MTU change to 4000 and back (1)
# keep the device: the pingpong running across them must finish with its
# data intact, both sides.  At the end a fresh pingpong passes, no process
# holds a device object, and both modules unload (tandem_re warns of any
# object never released).
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

rounds=${ROUNDS:-20}
events=()
for i in $(seq "$rounds"); do events+=("re$i" "en$i"); done
events+=(aux1 aux2 aux3 aux4 aux5 reset1 reset2 mtu1 flap1 flap2)

rdma_setup

# The TCP streams run at TCP_RATE each way (iperf3 -b, default 20M).  At
# full speed on these guests, a stream once starved the pingpong long
# enough that RC gave up with a retry error, as it must (7 retries of
# 67 ms; CI, 6.12, round re10): the lifetime under test is the modules',
# not RC's on a wire a bulk transfer fills.
TCP_RATE=${TCP_RATE:-20M}

# Each round's iperf3 talks to a one-off server of its own (iperf_oneoff):
# reN on port 5200 + N, enN on 5300 + N.
iperf_port() {
	case $1 in
	re*) echo $((5200 + ${1#re})) ;;
	en*) echo $((5300 + ${1#en})) ;;
	esac
}

# pingpong EVENT KIND: the pingpong of one round, for at most 120 s.  The
# rounds that keep the device need it to outlast the disruption (1.5 s
# in), the others only to be running then.
pingpong() {
	local n=100000
	case $2 in reset | mtu) n=2500 ;; esac
	if [ "$ROLE" = server ]; then
		timeout 120 ibv_rc_pingpong -d "$DEV" -g "$GID" -s 4096 -n "$n" -c >"$OUT/pp-$1.txt" 2>&1 &
	else
		timeout 120 ibv_rc_pingpong -d "$DEV" -g "$GID" -s 4096 -n "$n" -c "$PEER_IP" \
			>"$OUT/pp-$1.txt" 2>&1 &
	fi
	pp=$!
}

listening() {
	ss -ltn | grep -q ':18515 '
}

devinfo_active() {
	ibv_devinfo -d "$DEV" 2>/dev/null | grep -q PORT_ACTIVE
}

# The device is back: present, port active, a RoCE v2 GID for MY_IP.
device_back() {
	wait_until 20 "$1: $DEV did not come back" test -e "/sys/class/infiniband/$DEV"
	wait_until 20 "$1: $DEV's port did not become active" devinfo_active
	wait_until 20 "$1: no RoCE v2 GID for $MY_IP on $DEV" ipv4_gid_index
	GID=$(ipv4_gid_index)
}

# disrupt KIND: this round's disruption (the round is $ev).
disrupt() {
	local adev drv
	case $1 in
	re)
		check "$ev: rmmod tandem_re under traffic" timeout 30 rmmod tandem_re
		check "$ev: modprobe tandem_re" modprobe tandem_re ;;
	en)
		check "$ev: rmmod tandem_en under traffic" timeout 30 rmmod tandem_en
		load_nic_driver
		link_up ;;
	aux)
		adev=$(roce_dev)
		drv=$(readlink -f "$adev/driver")
		check "$ev: unbind ${adev##*/} under traffic" \
			timeout 30 sh -c "echo ${adev##*/} >$drv/unbind"
		check "$ev: bind ${adev##*/}" sh -c "echo ${adev##*/} >$drv/bind" ;;
	reset)
		check "$ev: ethtool --reset all under traffic" ethtool --reset "$NIC" all ;;
	mtu)
		check "$ev: MTU 4000 under traffic" ip link set "$NIC" mtu 4000
		sleep 1
		check "$ev: MTU 1500 under traffic" ip link set "$NIC" mtu 1500 ;;
	flap)
		wire_link down
		wait_carrier 0
		sleep 1
		wire_link up
		wait_carrier 1 20 ;;
	esac
}

for ev in "${events[@]}"; do
	kind=${ev%%[0-9]*}
	if [ "$ROLE" = server ]; then
		pingpong "$ev" "$kind"
		case $kind in
		re | en)
			iperf_oneoff "$(iperf_port "$ev")" ;;
		esac
		wait_until 10 "$ev: ibv_rc_pingpong never listened" listening
		barrier "$ev-listening"
		case $kind in
		reset | mtu)
			check "$ev: the pingpong across it passed (server)" wait "$pp" ;;
		esac
		barrier "$ev-done" 180
		kill "$pp" 2>/dev/null
		wait "$pp" 2>/dev/null
		continue
	fi
	barrier "$ev-listening"
	pingpong "$ev" "$kind"
	stream=
	case $kind in
	re | en)
		iperf3 -c "$PEER_IP" -p "$(iperf_port "$ev")" -t 30 --bidir \
			-b "$TCP_RATE" >/dev/null 2>&1 &
		stream=$! ;;
	esac
	sleep 1.5
	kill -0 "$pp" 2>/dev/null || fail "$ev: the pingpong ended before the disruption: $(tail -n2 "$OUT/pp-$ev.txt" | tr '\n' ' ')"
	disrupt "$kind"
	case $kind in
	reset | mtu)
		check "$ev: the pingpong across it passed (client)" wait "$pp" ;;
	*)
		kill "$pp" 2>/dev/null
		wait "$pp" 2>/dev/null ;;
	esac
	if [ -n "$stream" ]; then
		kill "$stream" 2>/dev/null
		wait "$stream" 2>/dev/null
	fi
	device_back "$ev"
	wait_peer
	barrier "$ev-done" 180
done
log "ok: ${#events[@]} disruptions under traffic"

rdma_pair after-lifetime ibv_rc_pingpong -d "$DEV" -g "$GID" -s 4096 -n 200 -c
barrier checked
check "no process holds an object of $DEV" sh -c "! rdma resource show qp link $DEV/1 | grep -q pid"
if [ "$ROLE" = client ]; then
	check "ping after it all" ping -c 3 -W 2 "$PEER_IP"
	rdma statistic show link "$DEV/1" | save rdma-statistic.txt
	log "counters: $(tr -s ' ' <"$OUT/rdma-statistic.txt")"
fi
barrier unload
check "rmmod tandem_re" rmmod tandem_re
check "rmmod tandem_en" rmmod tandem_en
barrier finished
