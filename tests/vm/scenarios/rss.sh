# shellcheck shell=bash
# Two queue pairs under MSI-X (the default): 16 parallel TCP streams from
# the client are spread by RSS over the server's two RX queues and by the
# stack over the client's two TX queues; each queue must carry a real share.
#
# The Toeplitz hash is linear in the source port, and with the default
# table the queue is the hash's low bit: a random key whose few bits that
# meet the ports' varying bits are all zero sends every flow to one queue
# (it happened, about one boot in fifty).  So the server sets a key of all
# ones through ethtool -X, which makes the queue the parity of the flow's
# header bits, and reads key and table back with ethtool -x.
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

load_nic_driver
link_up
check "two queue pairs" [ "$(compgen -G "/sys/class/net/$NIC/queues/rx-*" | wc -l)" = 2 ]
if [ "$ROLE" = server ]; then
	key=$(printf 'ff%.0s:' $(seq 40))
	key=${key%:}
	check "ethtool -X $NIC hkey <all ones>" ethtool -X "$NIC" hkey "$key"
	ethtool -x "$NIC" | save ethtool-x.txt
	check "ethtool -x shows the key" grep -qx "$key" "$OUT/ethtool-x.txt"
	check "ethtool -x shows the default table over 2 queues" \
		sh -c "grep -E '^ +[0-9]+:' $OUT/ethtool-x.txt | awk '{ for (i = 2; i <= NF; i++) if (\$i != (\$1 + i - 2) % 2) exit 1 }'"
	check "ethtool -x shows the Toeplitz hash" grep -qE '^ *toeplitz: on$' "$OUT/ethtool-x.txt"
fi
barrier link
wait_peer
iperf_pair "$PEER_IP" -t 4 -P 16
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
