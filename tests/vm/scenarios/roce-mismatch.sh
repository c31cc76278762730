# shellcheck shell=bash
# A tandem_re from another build (run with `bench -m "$(tests/vm/other-build
# TARGET)"`) beside this build's tandem_en: it refuses the port with one
# line naming both versions and the fix, binds nothing, and the LAN port
# keeps passing traffic.
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

en=$(modinfo -F version tandem_en)
re=$(modinfo -F version tandem_re)
check "tandem_en is this tree's $TANDEM_VERSION" [ "$en" = "$TANDEM_VERSION" ]
check "tandem_re is another build's ($re)" [ -n "$re" ] && [ "$re" != "$en" ]

load_nic_driver
check "modprobe tandem_re (it loads; it will not bind)" modprobe tandem_re
adev=$(roce_dev)
wait_until 10 "tandem_re never looked at ${adev##*/}" \
	sh -c "dmesg | grep -q 'will not drive a port'"
dmesg | grep 'tandem_re' | save tandem_re-dmesg.txt
cat "$OUT/tandem_re-dmesg.txt"
check "exactly one line refuses the port" [ "$(grep -c 'will not drive' "$OUT/tandem_re-dmesg.txt")" = 1 ]
line=$(grep 'will not drive' "$OUT/tandem_re-dmesg.txt")
check "the line names tandem_re's version $re" grep -qF "tandem_re $re " <<<"$line"
check "the line names tandem_en's version $en" grep -qF "tandem_en $en " <<<"$line"
check "the line says what to run" grep -qF "dkms install tandem/$en" <<<"$line"
check "the line names the device" grep -qF "${adev##*/}" <<<"$line"
check "nothing else of tandem_re's is an error" \
	sh -c "! grep -v -e 'will not drive' -e 'module verification failed' $OUT/tandem_re-dmesg.txt | grep -iE 'error|fail|warn'"
check "${adev##*/} has no driver" test ! -e "$adev/driver"
check "no RDMA device" sh -c "! ls /sys/class/infiniband/ 2>/dev/null | grep -q ."

link_up
barrier link
wait_peer
check "ping $PEER_IP" ping -c 3 -W 2 "$PEER_IP"
check "ping $PEER_IP6" ping -c 3 -W 2 "$PEER_IP6"
iperf_pair "$PEER_IP" -t 3
if [ "$ROLE" = client ]; then
	bps=$(iperf3_bps "$OUT/iperf3.json")
	log "iperf3: $bps bit/s"
	check "iperf3 moved data" awk -v b="$bps" 'BEGIN { exit !(b > 1e6) }'
fi
barrier finished
check "rmmod tandem_re" rmmod tandem_re
check "rmmod tandem_en" rmmod tandem_en
