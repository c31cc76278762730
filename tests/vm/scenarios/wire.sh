# shellcheck shell=bash
# Traffic over a faulty wire (run with bench -w PROFILE): the port comes up,
# the guests reach each other, WIRE_IPERF_S seconds of iperf3 TCP complete
# (default 20, long enough to span the blackout profile's dead wire), and
# 16 MiB each way arrive with the sender's SHA-256.  What the faults did to the receiving side shows in
# the saved counters.
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

load_nic_driver
link_up
barrier link
wait_until 120 "$PEER_IP never answered" peer_answers
barrier reached
iperf_pair "$PEER_IP" -t "${WIRE_IPERF_S:-20}"
if [ "$ROLE" = client ]; then
	log "iperf3 over the faulty wire: $(iperf3_bps "$OUT/iperf3.json") bit/s"
fi
blob_exchange 16
ethtool -S "$NIC" | save ethtool-S.txt
nstat -az 2>/dev/null | grep -E 'TcpRetransSegs|TcpExtTCPLostRetransmit|InCsumErrors|TcpInErrs|TcpExtTCPSACKReorder|TcpExtTCPDSACK' | save nstat.txt
log "receive-side counters: $(grep -E 'csum_errors|dropped' "$OUT/ethtool-S.txt" | tr -s ' \n' ' ')"
log "TCP: $(tr -s ' \n' ' ' <"$OUT/nstat.txt")"
barrier finished
