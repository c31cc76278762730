# shellcheck shell=bash
# tandem_re's engine with stock rdma-core: ibv_rc_pingpong with buffer
# validation at sizes from 1 B to 64 KiB (and as an unprivileged user),
# ibv_srq_pingpong, ibv_ud_pingpong, ibv_uc_pingpong, multicast (mckey), RC
# over IPv6 and on a VLAN, and rping
# (rdma_cm) with verification, between two
# tandem guests, or between tandem_re and the in-tree rdma_rxe on the same
# wire (RXE_ROLE=server|client puts rdma_rxe on e1000e in that role).
# SIZES=1,64,... and ITERS=N override what runs; RC_ONLY=1 leaves out the
# UD and UC pingpongs and multicast (for lossy wires: none recovers a lost
# packet, and their programs then wait for ever).
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

SIZES=${SIZES:-1,64,1024,4096,65536}
ITERS=${ITERS:-50}

rdma_setup

for size in ${SIZES//,/ }; do
	rdma_pair "rc_pingpong-$size" ibv_rc_pingpong -d "$DEV" -g "$GID" -s "$size" -n "$ITERS" -c
done
# An unprivileged user: the uverbs device is world-usable, the MR is within
# the default locked-memory limit.
echo "rdmauser:x:1000:1000::/tmp:/bin/bash" >>/etc/passwd
echo "rdmauser:x:1000:" >>/etc/group
# (a command, not a function: rdma_pair runs it under timeout)
printf '#!/bin/bash\nexec busybox su -s /bin/bash rdmauser -c "$*"\n' >/tmp/as-user
chmod +x /tmp/as-user
check "a process runs as uid 1000" [ "$(/tmp/as-user id -u)" = 1000 ]
rdma_pair rc_pingpong-user /tmp/as-user ibv_rc_pingpong -d "$DEV" -g "$GID" -s 4096 -n "$ITERS" -c
# 16 QPs sharing one SRQ.
rdma_pair srq_pingpong ibv_srq_pingpong -d "$DEV" -g "$GID" -s 4096 -n "$ITERS" -c
# UD: the message and the 40-byte GRH in one MTU-sized buffer.
[ "${RC_ONLY:-0}" = 1 ] ||
	rdma_pair ud_pingpong ibv_ud_pingpong -d "$DEV" -g "$GID" -s 1024 -n "$ITERS" -c
# UC: 4 KiB messages of several packets, never acknowledged; validated
# where this rdma-core's ibv_uc_pingpong can (-c).
if [ "${RC_ONLY:-0}" != 1 ]; then
	uc_chk=()
	ibv_uc_pingpong --help 2>&1 | grep -q -- --chk && uc_chk=(-c)
	rdma_pair uc_pingpong ibv_uc_pingpong -d "$DEV" -g "$GID" -s 4096 -n "$ITERS" "${uc_chk[@]}"
fi
# Multicast: rdma_cm joins both guests to a group (IGMP, the QP attached),
# the client's mckey sends $ITERS UD messages to it and the server's must
# receive every one (it waits for them all).  rdma_rxe of 7.2 as the
# sender completes its SENDs to the group without putting them on the
# wire: a sender other than tandem_re whose NIC sent fewer frames than
# messages is reported as a known in-tree bug (known.txt), and the
# receiver then stops waiting.
if [ "${RC_ONLY:-0}" != 1 ]; then
	mc_group=239.1.2.3
	mc_unsent=/bench/sync/mckey-unsent
	mc_joined() { ip maddr show dev "$NIC" | grep -qwF "$mc_group"; }
	if [ "$ROLE" = server ]; then
		timeout 60 mckey -m "$mc_group" -b "$MY_IP" -C "$ITERS" >"$OUT/mckey.txt" 2>&1 &
		mc=$!
		wait_until 30 "mckey never joined $mc_group" mc_joined
		barrier mckey-joined
		while kill -0 "$mc" 2>/dev/null && [ ! -e "$mc_unsent" ]; do sleep 0.2; done
		if [ -e "$mc_unsent" ] && kill "$mc" 2>/dev/null; then
			wait "$mc"
			log "mckey: the sender's messages never reached the wire (its known bug)"
		else
			wait "$mc" || { rdma_state; fail "mckey receiver: $(tail -n2 "$OUT/mckey.txt" | tr '\n' ' ')"; }
			check "mckey received its $ITERS messages" grep -q "data transfers complete" "$OUT/mckey.txt"
		fi
	else
		barrier mckey-joined
		tx=$(cat "/sys/class/net/$NIC/statistics/tx_packets")
		timeout 60 mckey -m "$mc_group" -b "$MY_IP" -C "$ITERS" -s >"$OUT/mckey.txt" 2>&1 ||
			fail "mckey sender: $(tail -n2 "$OUT/mckey.txt" | tr '\n' ' ')"
		tx=$(($(cat "/sys/class/net/$NIC/statistics/tx_packets") - tx))
		if [ "$DEV" != tandem_re0 ] && [ "$tx" -lt "$ITERS" ]; then
			echo "multicast: $DEV ($KVER) completed mckey's $ITERS SENDs to $mc_group, but its NIC sent $tx frames in all meanwhile: the messages never reached the wire" |
				save known.txt
			touch "$mc_unsent"
		fi
	fi
	barrier mckey-done
	log "ok: mckey"
fi
# RoCE v2 over IPv6, and over IPv4 on a VLAN (tagged frames both ways):
# the GIDs of those addresses.
if [ "$ROLE" = server ]; then
	gid6=2001:0db8:0000:0000:0000:0000:0000:0001 vlan_ip=198.51.100.1 peer_vlan_ip=198.51.100.2
else
	gid6=2001:0db8:0000:0000:0000:0000:0000:0002 vlan_ip=198.51.100.2 peer_vlan_ip=198.51.100.1
fi
wait_until 10 "no RoCE v2 GID for $MY_IP6" roce_gid_index "$gid6"
# The neighbour entry the QP's path resolves to, in place beforehand: the
# move to RTR resolves it once, and on a lossy wire a lost neighbour
# solicitation fails that (EHOSTUNREACH), not the RoCE engine.
wait_until 30 "$PEER_IP6 never answered a ping" ping -c 1 -W 1 "$PEER_IP6"
rdma_pair rc_pingpong-ipv6 ibv_rc_pingpong -d "$DEV" -g "$(roce_gid_index "$gid6")" -s 4096 -n "$ITERS" -c
modprobe 8021q
ip link add link "$NIC" name "$NIC.100" type vlan id 100
ip addr add "$vlan_ip/24" dev "$NIC.100"
ip link set "$NIC.100" up
wait_until 10 "no RoCE v2 GID for $vlan_ip on $NIC.100" roce_gid_index "$(ipv4_gid "$vlan_ip")"
vgid=$(roce_gid_index "$(ipv4_gid "$vlan_ip")")
barrier vlan-up
# The neighbour entry the QP's path resolves to, in place beforehand.
wait_until 30 "$peer_vlan_ip never answered a ping over the VLAN" ping -c 1 -W 1 "$peer_vlan_ip"
check "GID $vgid belongs to $NIC.100" \
	[ "$(cat "/sys/class/infiniband/$DEV/ports/1/gid_attrs/ndevs/$vgid")" = "$NIC.100" ]
rdma_pair rc_pingpong-vlan ibv_rc_pingpong -d "$DEV" -g "$vgid" -s 4096 -n "$ITERS" -c

# rdma_cm: rping's client writes a pattern, the server READs it and WRITEs
# it back, and -V compares each round trip (a mismatch fails rping).
if [ "$ROLE" = server ]; then rping_at=(-s -a "$MY_IP"); else rping_at=(-c -a); fi
# rping_served FILE: the server's rping output shows all ITERS round trips
# (a server whose disconnect was lost on the wire: see rdma_pair).
rping_served() {
	[ "$(grep -c 'ping data: rdma-ping' "$1")" = "$ITERS" ]
}
RDMA_PAIR_READY=rdma_cm_listening RDMA_PAIR_SERVED=rping_served rdma_pair rping rping -v -V -C "$ITERS" -S 4096 "${rping_at[@]}"
if [ "$ROLE" = client ]; then
	check "rping verified $ITERS round trips" \
		[ "$(grep -c 'ping data: rdma-ping' "$OUT/rping.txt")" = "$ITERS" ]
fi

if [ "$DEV" = tandem_re0 ]; then
	rdma statistic show link "$DEV/1" | save rdma-statistic.txt
	log "counters: $(tr -s ' ' <"$OUT/rdma-statistic.txt")"
	# Every pingpong above sent and received $ITERS SENDs on each side.
	counter() { tr -s ' \n' ' ' <"$OUT/rdma-statistic.txt" | sed -n "s/.* $1 \([0-9]*\).*/\1/p"; }
	sends=$(counter rdma_sends) recvs=$(counter rdma_recvs)
	check "rdma_sends (${sends:-none}) and rdma_recvs (${recvs:-none}) count the SENDs" \
		test "${sends:-0}" -ge "$ITERS" -a "${recvs:-0}" -ge "$ITERS"
fi
barrier finished
