# shellcheck shell=bash
# make demo: the bundle on a distro kernel, summed up for a new user.  Each
# guest loads tandem_en and tandem_re and writes a few lines to summary.txt.
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

{
	echo "kernel            $(uname -r)"
	for m in tandem_en tandem_re; do
		echo "$m version  $(modinfo -F version $m), contract abi $(modinfo -F tandem_abi $m)"
	done
} | save summary.txt

check "modprobe tandem_en" modprobe tandem_en
check "modprobe tandem_re" modprobe tandem_re
sleep 0.5
pci=$(compgen -G '/sys/bus/pci/drivers/tandem_en/0000:*' | head -n1)
pci=${pci##*/}
roce=$(roce_dev)
{
	echo "NIC               $pci driven by tandem_en, $(dmesg | sed -n 's/.*tandem_en [^ ]*: 82574L port, \(link [a-z]*\).*/\1/p' | tail -n1)"
	echo "RoCE device       $(basename "$roce") on the $(basename "$(dirname "$(dirname "$roce")")") bus, driver $(basename "$(readlink "$roce/driver")")"
	echo "lockstep check    $(dmesg | grep -o 'tandem_re.*bound to.*' | tail -n1)"
} | save summary.txt.more
cat "$OUT/summary.txt.more" >>"$OUT/summary.txt"
rm -f "$OUT/summary.txt.more"
check "tandem_re bound" [ -e "$roce/driver" ]
barrier finished
