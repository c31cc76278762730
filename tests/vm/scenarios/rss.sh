# shellcheck shell=bash
# Two queue pairs under MSI-X (run with TANDEM_EN_PARAMS=queue_pairs=2):
# 8 parallel TCP streams from the client are
# spread by RSS over the server's two RX queues and by the stack over the
# client's two TX queues; each queue must carry a real share.
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

load_nic_driver
link_up
check "two queue pairs" [ "$(compgen -G "/sys/class/net/$NIC/queues/rx-*" | wc -l)" = 2 ]
barrier link
wait_peer
iperf_pair "$PEER_IP" -t 4 -P 8
if [ "$ROLE" = server ]; then
	ethtool -S "$NIC" | save ethtool-S.txt
	for q in 0 1; do
		n=$(sed -n "s/^ *rx${q}_packets: //p" "$OUT/ethtool-S.txt")
		check "RX queue $q received a share ($n packets)" [ "$n" -ge 1000 ]
	done
else
	ethtool -S "$NIC" | save ethtool-S.txt
	for q in 0 1; do
		n=$(sed -n "s/^ *tx${q}_packets: //p" "$OUT/ethtool-S.txt")
		check "TX queue $q sent a share ($n packets)" [ "$n" -ge 1000 ]
	done
fi
barrier finished
