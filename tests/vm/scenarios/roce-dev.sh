# shellcheck shell=bash
# tandem_re's RDMA device as stock rdma-core and iproute2 see it: listed,
# opened through rdma-core's rxe provider, its port following the link
# (QEMU's set_link), the netdev MTU and the netdev's addresses (GIDs),
# counters in `rdma statistic`, async events reaching user space; then
# unbind/bind with the device held open, and unloads in either order.
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

DEV=tandem_re0
IBDIR=/sys/class/infiniband/$DEV

load_nic_driver
# What udev does for the auxiliary device's uevent: load by its alias.
alias=$(sed -n 's/^MODALIAS=//p' "$(roce_dev)/uevent")
check "the RoCE device's uevent asks for a driver by alias ($alias)" modprobe "$alias"
check "that loaded tandem_re" grep -q '^tandem_re ' /proc/modules
check "and ib_uverbs (tandem_re's soft dependency)" grep -q '^ib_uverbs ' /proc/modules
link_up
wait_until 10 "$DEV never appeared" test -e "$IBDIR"

# gid_hex ADDRESS: the GID of an IPv4 or IPv6 address, as sysfs prints it.
gid_hex() {
	case $1 in
	*.*)
		local a b c d
		IFS=. read -r a b c d <<<"$1"
		printf '0000:0000:0000:0000:0000:ffff:%02x%02x:%02x%02x\n' "$a" "$b" "$c" "$d" ;;
	*)
		# Expand "::" and print eight 4-digit groups.
		local full=$1 groups n
		n=$(tr -cd ':' <<<"$full" | wc -c)
		if [[ $full == *::* ]]; then
			local fill=:
			for _ in $(seq $((8 - n))); do fill=$fill'0:'; done
			full=${full/::/$fill}
			full=${full#:}
			full=${full%:}
		fi
		IFS=: read -r -a groups <<<"$full"
		printf '%04x:%04x:%04x:%04x:%04x:%04x:%04x:%04x\n' \
			$((16#${groups[0]})) $((16#${groups[1]})) $((16#${groups[2]})) $((16#${groups[3]})) \
			$((16#${groups[4]})) $((16#${groups[5]})) $((16#${groups[6]})) $((16#${groups[7]})) ;;
	esac
}

# gid_present ADDRESS: the port's GID table holds ADDRESS as a RoCE v2 GID.
gid_present() {
	local want f i
	want=$(gid_hex "$1")
	for f in "$IBDIR"/ports/1/gids/*; do
		i=${f##*/}
		[ "$(cat "$f" 2>/dev/null)" = "$want" ] || continue
		[ "$(cat "$IBDIR/ports/1/gid_attrs/types/$i" 2>/dev/null)" = "RoCE v2" ] && return 0
	done
	return 1
}

gid_absent() {
	! gid_present "$1"
}

port_state() {
	[ "$(cat "$IBDIR/ports/1/state")" = "$1" ]
}

devinfo() {
	ibv_devinfo -v -d "$DEV" >"$OUT/devinfo.txt" 2>&1
}

active_mtu_is() {
	devinfo && grep -Eq "active_mtu:[[:space:]]+$1 " "$OUT/devinfo.txt"
}

check "ibv_devices lists $DEV" sh -c "ibv_devices | grep -qw $DEV"
# (ib_uverbs adds the device's char device just after sysfs shows it.)
wait_until 10 "ibv_devinfo -v cannot open $DEV" devinfo
log "ok: ibv_devinfo -v opens $DEV (rdma-core's rxe provider)"
cp "$OUT/devinfo.txt" "$OUT/devinfo-first.txt"
check "$DEV: transport InfiniBand, link layer Ethernet" \
	sh -c "grep -q 'link_layer:.*Ethernet' $OUT/devinfo.txt"
check "$DEV: port ACTIVE" grep -q 'state:.*PORT_ACTIVE' "$OUT/devinfo.txt"
check "$DEV: active_mtu 1024 at netdev MTU 1500" active_mtu_is 1024
mac=$(cat "/sys/class/net/$NIC/address")
guid=$(cat "$IBDIR/node_guid")
IFS=: read -r m1 m2 m3 m4 m5 m6 <<<"$mac"
want=$(printf '%02x%s:%sff:fe%s:%s%s' $((16#$m1 ^ 2)) "$m2" "$m3" "$m4" "$m5" "$m6")
check "$DEV: node GUID $guid is the EUI-64 of $mac" [ "$guid" = "$want" ]
check "$DEV: uverbs ABI 2, as rdma-core's rxe provider wants" \
	sh -c "[ \"\$(cat /sys/class/infiniband_verbs/uverbs*/abi_version | head -n1)\" = 2 ]"
wait_until 10 "no RoCE v2 GID for $MY_IP" gid_present "$MY_IP"
log "ok: GID of $MY_IP"
wait_until 10 "no RoCE v2 GID for $MY_IP6" gid_present "$MY_IP6"
log "ok: GID of $MY_IP6"

# GIDs follow the netdev's addresses.
ip addr add 198.51.100.7/24 dev "$NIC"
ip -6 addr add 2001:db8:77::7/64 dev "$NIC" nodad
wait_until 10 "no GID for an added IPv4 address" gid_present 198.51.100.7
wait_until 10 "no GID for an added IPv6 address" gid_present 2001:db8:77::7
log "ok: GIDs of added addresses"
ip addr del 198.51.100.7/24 dev "$NIC"
ip -6 addr del 2001:db8:77::7/64 dev "$NIC"
wait_until 10 "the GID of a removed IPv4 address stayed" gid_absent 198.51.100.7
wait_until 10 "the GID of a removed IPv6 address stayed" gid_absent 2001:db8:77::7
log "ok: GIDs of removed addresses are gone"

# ibv_devinfo lists them too, typed.
check "ibv_devinfo -v shows the RoCE v2 GIDs of $MY_IP and $MY_IP6" \
	sh -c "ibv_devinfo -v -d $DEV | tee $OUT/devinfo-gids.txt | grep -q '::ffff:$MY_IP, RoCE v2' &&
		grep -q '$MY_IP6, RoCE v2' $OUT/devinfo-gids.txt"
# A stock verbs program gets its PD, MR, CQ and QP and waits for a peer
# (the traffic itself is roce-pingpong's and roce-perftest's).
ibv_rc_pingpong -d "$DEV" -g 1 >"$OUT/rc_pingpong.txt" 2>&1 &
pp=$!
wait_until 10 "ibv_rc_pingpong never held a QP and an MR of $DEV" \
	sh -c "rdma resource show qp | grep -q 'comm ibv_rc_pingpong' && rdma resource show mr | grep -q 'comm ibv_rc_pingpong'"
check "ibv_rc_pingpong waits for a peer" kill -0 "$pp"
kill "$pp"
wait "$pp" 2>/dev/null || true
log "ok: ibv_rc_pingpong got its PD, MR, CQ and QP"

rdma link show "$DEV/1" | save rdma-link.txt
rdma dev show "$DEV" | save rdma-dev.txt
check "rdma link: $DEV/1 ACTIVE on $NIC" sh -c "grep -q 'state ACTIVE' $OUT/rdma-link.txt && grep -q 'netdev $NIC' $OUT/rdma-link.txt"
check "rdma dev: $DEV" grep -q "$DEV" "$OUT/rdma-dev.txt"

barrier devices
wait_peer
# RoCEv2 frames (UDP 4791) go to tandem_re, not to the stack: the
# receiver's counter grows, and its rdma statistic shows it.
if [ "$ROLE" = client ]; then
	for _ in $(seq 20); do echo roce >"/dev/udp/$PEER_IP/4791"; done
	log "sent 20 datagrams to $PEER_IP port 4791: $(ethtool -S "$NIC" | grep -E 'tx[0-9]+_packets' | tr -s ' \n' ' ')"
	barrier sent
else
	barrier sent
	sleep 2
	log "tandem_en took $(queue_sum rx roce) RoCE frames; rcvd_pkts $(cat "$IBDIR/ports/1/hw_counters/rcvd_pkts")"
	log "rx $(queue_sum rx packets); $(grep Udp: /proc/net/snmp | tr '\n' ' ')"
	wait_until 10 "rcvd_pkts did not count the 20 RoCE frames" \
		sh -c "[ \$(cat $IBDIR/ports/1/hw_counters/rcvd_pkts) -ge 20 ]"
	rdma statistic show link "$DEV/1" | save rdma-statistic.txt
	check "rdma statistic shows $DEV's counters" grep -q 'rcvd_pkts [1-9]' "$OUT/rdma-statistic.txt"
fi

# The port follows the link, and user space hears of it (async events).
if [ "$ROLE" = server ]; then
	ibv_asyncwatch -d "$DEV" >/tmp/asyncwatch.txt 2>&1 &
	watch=$!
	wait_until 10 "ibv_asyncwatch did not open $DEV" grep -q 'async event FD' /tmp/asyncwatch.txt
	wire_link down
	wait_carrier 0
	wait_until 5 "$DEV did not go DOWN with the link" port_state "1: DOWN"
	check "ibv_devinfo: PORT_DOWN" sh -c "ibv_devinfo -d $DEV | grep -q PORT_DOWN"
	wire_link up
	wait_carrier 1
	wait_until 5 "$DEV did not come back ACTIVE with the link" port_state "4: ACTIVE"
	check "ibv_devinfo: PORT_ACTIVE" sh -c "ibv_devinfo -d $DEV | grep -q PORT_ACTIVE"
	check "link_downed counted the loss" [ "$(cat "$IBDIR/ports/1/hw_counters/link_downed")" -ge 1 ]

	# Active MTU follows the netdev MTU.
	ip link set "$NIC" mtu 9000
	wait_carrier 1 20
	wait_until 10 "active_mtu did not become 4096 at MTU 9000" active_mtu_is 4096
	log "ok: active_mtu 4096 at MTU 9000"
	ip link set "$NIC" mtu 1500
	wait_carrier 1 20
	wait_until 10 "active_mtu did not return to 1024 at MTU 1500" active_mtu_is 1024
	log "ok: active_mtu 1024 at MTU 1500"

	# Unbind with the device held open (asyncwatch): no waiting for the
	# process; then bind again.
	adev=$(roce_dev)
	drv=$(readlink -f "$adev/driver")
	check "unbind ${adev##*/} while a process holds $DEV open" \
		timeout 20 sh -c "echo ${adev##*/} >$drv/unbind"
	check "$DEV is gone" test ! -e "$IBDIR"
	# Cut off from the device, the process hears that it is gone.
	wait_until 10 "ibv_asyncwatch was not told the device is gone" \
		grep -q DEVICE_FATAL /tmp/asyncwatch.txt
	kill "$watch"
	wait "$watch" 2>/dev/null
	save asyncwatch.txt </tmp/asyncwatch.txt
	cat /tmp/asyncwatch.txt
	check "user space got the port error event" grep -q PORT_ERR /tmp/asyncwatch.txt
	check "user space got the port active event" grep -q PORT_ACTIVE /tmp/asyncwatch.txt
	check "bind ${adev##*/} again" sh -c "echo ${adev##*/} >$drv/bind"
	wait_until 10 "$DEV did not come back after bind" test -e "$IBDIR"
	wait_until 10 "ibv_devinfo cannot open $DEV after bind" devinfo
fi
barrier flapped
wait_peer
check "ping after all that" ping -c 2 -W 2 "$PEER_IP"
barrier traffic-done

# Unload in both orders, with the device open each time.
# (The holder writes to /tmp: a file of the share may be read stale.)
hold_open() {
	wait_until 10 "$DEV cannot be opened" devinfo
	ibv_asyncwatch -d "$DEV" >/tmp/held.txt 2>&1 &
	watch=$!
	wait_until 10 "ibv_asyncwatch did not open $DEV" grep -q 'async event FD' /tmp/held.txt
}

# let_go WHAT: the holder was told the device is gone; stop it.
let_go() {
	wait_until 10 "ibv_asyncwatch was not told $DEV is gone ($1)" grep -q DEVICE_FATAL /tmp/held.txt
	kill "$watch"
	wait "$watch" 2>/dev/null
	rm -f /tmp/held.txt
}
hold_open
check "rmmod tandem_re (device open)" timeout 30 rmmod tandem_re
let_go "rmmod tandem_re"
check "rmmod tandem_en" timeout 30 rmmod tandem_en
load_nic_driver
check "modprobe tandem_re" modprobe tandem_re
ip link set "$NIC" up
wait_until 10 "$DEV did not come back" test -e "$IBDIR"
hold_open
check "rmmod tandem_en first (device open)" timeout 30 rmmod tandem_en
check "$DEV went with it" test ! -e "$IBDIR"
let_go "rmmod tandem_en"
check "rmmod tandem_re" timeout 30 rmmod tandem_re

dmesg | grep -E 'tandem' | save tandem-dmesg.txt
check "no tandem error in the kernel log" \
	sh -c "! grep -v 'module verification failed' $OUT/tandem-dmesg.txt | grep -iE 'error|fail|refus|warn'"
