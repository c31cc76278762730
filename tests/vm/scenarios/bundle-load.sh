# shellcheck shell=bash
# The bundle's modules carry this tree's version, load, bind to the NIC and
# to each other, and unload cleanly, three times over.
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

for m in tandem_en tandem_re; do
	v=$(modinfo -F version "$m")
	check "modinfo $m: version $v is $TANDEM_VERSION" [ "$v" = "$TANDEM_VERSION" ]
done
abi_en=$(modinfo -F tandem_abi tandem_en)
abi_re=$(modinfo -F tandem_abi tandem_re)
check "both modules carry one contract ABI id ($abi_en)" [ -n "$abi_en" ] && [ "$abi_en" = "$abi_re" ]

# A bad module parameter is refused at load, with one line that says what
# the good values are, and leaves nothing behind.
for bad in interrupt_mode=bogus queue_pairs=3; do
	check "modprobe tandem_en $bad is refused" sh -c "! modprobe tandem_en $bad 2>/dev/null"
	check "tandem_en is not loaded after $bad" sh -c "! grep -q '^tandem_en ' /proc/modules"
done
check "the kernel log says what interrupt_mode takes" \
	sh -c "dmesg | grep -q 'tandem_en: interrupt_mode must be msix, msi or intx'"
check "the kernel log says what queue_pairs takes" \
	sh -c "dmesg | grep -q 'tandem_en: queue_pairs must be 1 or 2'"

for round in 1 2 3; do
	check "round $round: modprobe tandem_en" modprobe tandem_en
	check "round $round: tandem_en bound to the 82574L" \
		compgen -G '/sys/bus/pci/drivers/tandem_en/0000:*'
	check "round $round: tandem_en published its RoCE device" [ -n "$(roce_dev)" ]
	check "round $round: modprobe tandem_re" modprobe tandem_re
	check "round $round: tandem_re bound to $(basename "$(roce_dev)")" [ -e "$(roce_dev)/driver" ]
	check "round $round: rmmod tandem_re" rmmod tandem_re
	check "round $round: rmmod tandem_en" rmmod tandem_en
	check "round $round: the RoCE device is gone" [ -z "$(roce_dev)" ]
done
lsmod | grep -q '^tandem_auxiliary' && check "rmmod tandem_auxiliary" rmmod tandem_auxiliary

dmesg | grep -E 'tandem' | save tandem-dmesg.txt
check "tandem_en printed its version on load" grep -q "tandem_en: tandem $TANDEM_VERSION" "$OUT/tandem-dmesg.txt"
check "tandem_re printed its version on load" grep -q "tandem_re: tandem $TANDEM_VERSION" "$OUT/tandem-dmesg.txt"
check "tandem_re bound three times" [ "$(grep -c 'bound to' "$OUT/tandem-dmesg.txt")" = 3 ]
# The bench's modules are unsigned (DKMS signs installed ones): the kernel
# says so once, and that line is not a tandem error; nor are the refusals
# of the bad parameters above.
check "no other tandem error in the kernel log" \
	sh -c "! dmesg | grep -v -e 'module verification failed' -e 'must be' -e 'invalid for parameter' | grep -iE 'tandem.*(error|fail|refus)'"
