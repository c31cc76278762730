# shellcheck shell=bash
# Baseline of the bench itself: the in-tree soft-RoCE (rdma_rxe on e1000e)
# runs stock rdma-core and perftest between the guests.
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

DRIVER=intree
load_nic_driver
link_up
check "modprobe rdma_rxe" modprobe rdma_rxe
check "rdma link add rxe0" rdma link add rxe0 type rxe netdev "$NIC"
check "ibv_devices lists rxe0" sh -c 'ibv_devices | grep -q rxe0'
ibv_devinfo -d rxe0 | save ibv_devinfo.txt
check "rxe0 port is active" grep -q PORT_ACTIVE "$OUT/ibv_devinfo.txt"
barrier link
wait_peer

# GID index 1 is the RoCEv2 GID of the IPv4 address.
gid=1
if [ "$ROLE" = server ]; then
	ibv_rc_pingpong -d rxe0 -g "$gid" -n 100 >"$OUT/rc_pingpong.txt" 2>&1 &
	srv=$!
	barrier pingpong-listening
	wait "$srv" || fail "ibv_rc_pingpong server: $(tail -n1 "$OUT/rc_pingpong.txt")"
	ib_write_bw -d rxe0 -x "$gid" -s 65536 -n 200 -F >"$OUT/ib_write_bw-server.txt" 2>&1 &
	srv=$!
	barrier bw-listening
	wait "$srv" || fail "ib_write_bw server: $(tail -n1 "$OUT/ib_write_bw-server.txt")"
else
	barrier pingpong-listening
	sleep 1
	check "ibv_rc_pingpong" sh -c "ibv_rc_pingpong -d rxe0 -g $gid -n 100 $PEER_IP >$OUT/rc_pingpong.txt 2>&1"
	cat "$OUT/rc_pingpong.txt"
	barrier bw-listening
	sleep 1
	check "ib_write_bw" sh -c "ib_write_bw -d rxe0 -x $gid -s 65536 -n 200 -F $PEER_IP >$OUT/ib_write_bw.txt 2>&1"
	cat "$OUT/ib_write_bw.txt"
fi
barrier finished
