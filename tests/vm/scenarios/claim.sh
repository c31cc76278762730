# shellcheck shell=bash
# PCI ID ownership: tandem_en and the in-tree e1000e both match the 82574L.
# Without a claim tandem_en leaves the port alone (to e1000e) and says how
# to claim it; tandem-bind moves the port to tandem_en, which then passes
# traffic, and back to e1000e; --persist and --forget keep the boot-time
# choice.  A bad claim= value is refused at load.
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

# This scenario is about the default: no claim=all from the bench.
rm -f /etc/modprobe.d/tandem-bench.conf
for d in /sys/bus/pci/devices/*; do
	[ "$(cat "$d/vendor")" = 0x8086 ] && [ "$(cat "$d/device")" = 0x10d3 ] && BDF=${d##*/}
done
check "the guest has an 82574L" [ -n "${BDF:-}" ]
driver_is() { [ "$(basename "$(readlink "/sys/bus/pci/devices/$BDF/driver" 2>/dev/null)")" = "$1" ]; }

check "modprobe tandem_en claim=bogus is refused" sh -c '! modprobe tandem_en claim=bogus 2>/dev/null'
check "the kernel log says what claim takes" sh -c "dmesg | grep -q 'tandem_en: claim must be none'"

check "modprobe tandem_en (no claim)" modprobe tandem_en
check "claim is none by default" [ "$(cat /sys/module/tandem_en/parameters/claim)" = none ]
left_alone() { ! driver_is tandem_en && [ -z "$(nic)" ]; }
check "tandem_en left $BDF unbound" left_alone
check "tandem_en said once how to claim $BDF" \
	[ "$(dmesg | grep -c "tandem_en $BDF: port not claimed.*tandem-bind $BDF")" = 1 ]

check "modprobe e1000e" modprobe e1000e
wait_until 10 "e1000e did not take $BDF" driver_is e1000e
./tandem-bind | save tandem-bind-list.txt
check "tandem-bind lists $BDF on e1000e" grep -qE "^$BDF +e1000e " "$OUT/tandem-bind-list.txt"

./tandem-bind "$BDF" >"$OUT/tandem-bind-move.txt" 2>&1
check "tandem-bind $BDF: moved from e1000e to tandem_en" \
	grep -qx "$BDF moved from e1000e to tandem_en" "$OUT/tandem-bind-move.txt"
check "$BDF is on tandem_en" driver_is tandem_en
check "its driver_override is tandem_en" [ "$(cat "/sys/bus/pci/devices/$BDF/driver_override")" = tandem_en ]
wait_until 10 "no network interface on tandem_en" test -n "$(nic)"
NIC=$(nic)
check "$NIC is tandem_en's" [ "$(basename "$(readlink "/sys/class/net/$NIC/device/driver")")" = tandem_en ]
link_up
barrier moved
wait_peer
check "ping $PEER_IP over the moved port" ping -c 3 -W 2 "$PEER_IP"
barrier pinged

./tandem-bind "$BDF" e1000e >"$OUT/tandem-bind-back.txt" 2>&1
check "tandem-bind $BDF e1000e: moved back" \
	grep -qx "$BDF moved from tandem_en to e1000e" "$OUT/tandem-bind-back.txt"
check "$BDF is on e1000e again" driver_is e1000e
wait_until 10 "no network interface on e1000e" test -n "$(nic)"

rules=/tmp/70-tandem-bind.rules
TANDEM_BIND_RULES=$rules ./tandem-bind "$BDF" e1000e --persist >/dev/null
check "--persist writes the boot-time choice" \
	grep -qx "ACTION==\"add\", SUBSYSTEM==\"pci\", KERNEL==\"$BDF\", ATTR{driver_override}=\"e1000e\"" "$rules"
TANDEM_BIND_RULES=$rules ./tandem-bind --forget "$BDF" >/dev/null
check "--forget drops it" [ ! -e "$rules" ]
check "tandem-bind refuses an unknown port, saying why" \
	sh -c "./tandem-bind 0000:7f:1f.7 2>&1 | grep -q 'no PCI device 0000:7f:1f.7'"

check "rmmod tandem_en" rmmod tandem_en
check "rmmod e1000e" rmmod e1000e
