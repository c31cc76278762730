# shellcheck shell=bash
# tandem-support-bundle on a live port: the archive holds what support
# needs, each file there and not empty, and --redact removes the port's
# MAC address, the IPv4 and IPv6 addresses and the host name.
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

host=tandem-guest-$ROLE
hostname "$host"
load_nic_driver
check "modprobe tandem_re" modprobe tandem_re
link_up
barrier link
wait_peer
check "ping $PEER_IP" ping -c 3 -W 2 "$PEER_IP"
barrier pinged
mac=$(cat "/sys/class/net/$NIC/address")
pci=$(basename "$(readlink "/sys/class/net/$NIC/device")")

# bundle [--redact]: run it, keep the archive, unpack it into $B.
bundle() {
	local out start=$SECONDS
	out=$(./tandem-support-bundle -o /tmp "$@" 2>&1)
	log "$out"
	check "tandem-support-bundle $*: finishes in seconds ($((SECONDS - start)) s)" [ $((SECONDS - start)) -le 30 ]
	A=$(printf '%s\n' "$out" | sed -n 's/^tandem-support-bundle: wrote \([^ ]*\.tar\.gz\).*/\1/p')
	check "tandem-support-bundle $*: says where it wrote the archive ($A)" [ -f "$A" ]
	cp "$A" "$OUT/"
	rm -rf /tmp/unpacked && mkdir -p /tmp/unpacked
	check "the archive unpacks" tar -C /tmp/unpacked -xzf "$A"
	B=$(echo /tmp/unpacked/*)
}

# has FILE PATTERN: FILE is in the bundle, not empty, and matches PATTERN.
has() {
	check "bundle: $1 has '$2'" sh -c "[ -s '$B/$1' ] && grep -qE -- '$2' '$B/$1'"
}

bundle
has tandem-info.txt "tandem_en: loaded, version $TANDEM_VERSION"
has tandem-info.txt "$pci: driver tandem_en"
# The guests' initramfs has no os-release: the bundle says so.
has os-release.txt '^ID=debian|no /etc/os-release'
has uname.txt "$host"
has modules/modinfo-tandem_en.txt "^version: +$TANDEM_VERSION"
has modules/modinfo-tandem_re.txt "^version: +$TANDEM_VERSION"
has modules/parameters.txt '^tandem_en.claim=all'
has modules/parameters.txt '^tandem_en.interrupt_mode='
has dmesg-tandem.txt "tandem_en: tandem $TANDEM_VERSION"
has dmesg-tandem.txt 'tandem_re'
has "net/$NIC/ethtool-i.txt" '^driver: tandem_en'
has "net/$NIC/ethtool-S.txt" 'rx[0-9]+_packets'
has "net/$NIC/ethtool-k.txt" '^tx-checksumming'
has "net/$NIC/ethtool-d.txt" '.'
has net/ip-d-link.txt "$NIC"
has net/ip-d-link.txt "$mac"
has net/ip-addr.txt "$MY_IP"
has "pci/lspci-vvv-$pci.txt" '8086:10d3'
has interrupts.txt "$NIC|tandem"
has missing.txt '^dkms$'
for f in devlink/dev-info.txt rdma/rdma-link.txt rdma/rdma-dev.txt rdma/rdma-resource.txt \
	rdma/rdma-statistic.txt rdma/ibv_devinfo-v.txt; do
	check "bundle: $f is there" [ -e "$B/$f" ]
done
for c in 'devlink dev info' 'rdma link show' 'rdma statistic show' 'ibv_devinfo -v' "ethtool -d $NIC"; do
	has commands.txt "^exit [0-9]+ +$c "
done

bundle --redact
for s in "$mac" "$MY_IP" "$MY_IP6" "$host"; do
	check "--redact: '$s' is nowhere in the bundle" sh -c "! grep -rqiF -- '$s' '$B'"
done
has net/ip-d-link.txt 'MAC-ADDRESS'
has net/ip-addr.txt 'IPV4-ADDRESS'
has "net/$NIC/ethtool-i.txt" '^driver: tandem_en'
