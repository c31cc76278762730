# shellcheck shell=bash
# Load orders and bind cycles of tandem_re: loaded before tandem_en it
# waits, and binds when the port appears; then 20 unbind/bind cycles
# through the auxiliary bus's sysfs files, each ending with a device that
# rdma-core opens; the port passes traffic after it all, and the kernel log
# holds no error of either module.
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

DEV=tandem_re0
IBDIR=/sys/class/infiniband/$DEV
CYCLES=${CYCLES:-20}

devinfo() {
	ibv_devinfo -d "$DEV" >/tmp/devinfo.txt 2>&1 && grep -q PORT_ACTIVE /tmp/devinfo.txt
}

check "modprobe tandem_re before tandem_en" modprobe tandem_re
check "no RDMA device yet" test ! -e "$IBDIR"
load_nic_driver
link_up
wait_until 10 "$DEV did not appear when tandem_en published its port" test -e "$IBDIR"
wait_until 10 "ibv_devinfo cannot open $DEV (or its port is not active)" devinfo
log "ok: tandem_re first, then tandem_en: $DEV bound"

adev=$(roce_dev)
drv=$(readlink -f "$adev/driver")
for i in $(seq "$CYCLES"); do
	echo "${adev##*/}" >"$drv/unbind" || fail "cycle $i: unbind ${adev##*/}"
	wait_until 10 "cycle $i: $DEV stayed after unbind" test ! -e "$IBDIR"
	echo "${adev##*/}" >"$drv/bind" || fail "cycle $i: bind ${adev##*/}"
	wait_until 10 "cycle $i: $DEV did not come back after bind" test -e "$IBDIR"
	wait_until 10 "cycle $i: ibv_devinfo cannot open $DEV, or its port is not active" devinfo
done
log "ok: $CYCLES unbind/bind cycles"
check "one RDMA device" [ "$(find /sys/class/infiniband -mindepth 1 -maxdepth 1 | wc -l)" = 1 ]

barrier cycled
wait_peer
check "ping after the cycles" ping -c 3 -W 2 "$PEER_IP"
iperf_pair "$PEER_IP" -t 3
barrier traffic-done
check "rmmod tandem_re" timeout 30 rmmod tandem_re
check "rmmod tandem_en" timeout 30 rmmod tandem_en

dmesg | grep -E 'tandem' | save tandem-dmesg.txt
binds=$(grep -c "tandem_re.*$DEV" "$OUT/tandem-dmesg.txt" || true)
log "tandem_re logged $binds lines naming $DEV"
check "no tandem error in the kernel log" \
	sh -c "! grep -v 'module verification failed' $OUT/tandem-dmesg.txt | grep -iE 'error|fail|refus|warn'"
barrier finished
