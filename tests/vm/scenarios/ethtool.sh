# shellcheck shell=bash
# What ethtool shows of a tandem_en port agrees with the driver, the device
# and the traffic that crossed it: -i, link settings, -S, -d; and so does
# devlink dev info.
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

load_nic_driver
link_up
barrier link
wait_peer
check "ping $PEER_IP" ping -c 5 -W 2 "$PEER_IP"
barrier pinged

ethtool -i "$NIC" | save ethtool-i.txt
check "ethtool -i: driver tandem_en" grep -qx 'driver: tandem_en' "$OUT/ethtool-i.txt"
check "ethtool -i: version $TANDEM_VERSION" grep -qx "version: $TANDEM_VERSION" "$OUT/ethtool-i.txt"
check "ethtool -i: NVM version" grep -qE '^firmware-version: nvm [0-9]+\.[0-9]+-[0-9]+$' "$OUT/ethtool-i.txt"
pci=$(basename "$(readlink "/sys/class/net/$NIC/device")")
check "ethtool -i: bus-info $pci" grep -qx "bus-info: $pci" "$OUT/ethtool-i.txt"

ethtool "$NIC" | save ethtool.txt
check "ethtool: 1000Mb/s" grep -q 'Speed: 1000Mb/s' "$OUT/ethtool.txt"
check "ethtool: full duplex" grep -q 'Duplex: Full' "$OUT/ethtool.txt"
check "ethtool: link detected" grep -q 'Link detected: yes' "$OUT/ethtool.txt"

ethtool -S "$NIC" | save ethtool-S.txt
stat() { sed -n "s/^ *$1: //p" "$OUT/ethtool-S.txt"; }
rx=$(queue_sum rx packets)
tx=$(queue_sum tx packets)
check "ethtool -S: the RX queues counted the pings ($rx)" [ "$rx" -ge 5 ]
check "ethtool -S: the TX queues counted the pings ($tx)" [ "$tx" -ge 5 ]
check "ethtool -S: the MAC saw them too ($(stat mac_rx_good_packets))" [ "$(stat mac_rx_good_packets)" -ge 5 ]
check "ethtool -S: queue and netdev counters agree" \
	[ "$rx" -le "$(cat "/sys/class/net/$NIC/statistics/rx_packets")" ]

ethtool -d "$NIC" | save ethtool-d.txt
check "ethtool -d dumps registers" [ "$(grep -c . "$OUT/ethtool-d.txt")" -gt 5 ]

devlink dev info "pci/$pci" | save devlink-info.txt
check "devlink dev info: driver tandem_en" grep -qE '^ +driver tandem_en$' "$OUT/devlink-info.txt"
check "devlink dev info: tandem $TANDEM_VERSION" grep -qE "^ +tandem $TANDEM_VERSION\$" "$OUT/devlink-info.txt"
check "devlink dev info: the contract ABI id" grep -qE '^ +tandem.abi [0-9a-f]{16}$' "$OUT/devlink-info.txt"
check "devlink dev info: NVM version" grep -qE '^ +fw [0-9]+\.[0-9]+-[0-9]+$' "$OUT/devlink-info.txt"
barrier finished
