# shellcheck shell=bash
# What scenario scripts share, inside the guests (bash).  A scenario
# is run as "scenario.sh ROLE" with ROLE server or client; /bench/params
# (already sourced) carries DRIVER (tandem or intree), TANDEM_VERSION, KVER
# and the scenario's own NAME=VALUE parameters.  /bench is the same host
# directory in both guests; /bench/sync holds the barriers.

# shellcheck disable=SC2034 # the scenarios use these
ROLE=$1
OUT=/bench/results/$ROLE
if [ "$ROLE" = server ]; then
	MY_IP=192.0.2.1 PEER_IP=192.0.2.2 MY_IP6=2001:db8::1 PEER_IP6=2001:db8::2
else
	MY_IP=192.0.2.2 PEER_IP=192.0.2.1 MY_IP6=2001:db8::2 PEER_IP6=2001:db8::1
fi

# tandem_en takes only the ports claimed for it (README: PCI ID ownership);
# the bench's guests claim every 82574L with the documented switch.  The
# claim scenario removes this file to test the default.
mkdir -p /etc/modprobe.d
echo "options tandem_en claim=all" >/etc/modprobe.d/tandem-bench.conf

log() {
	echo "[$ROLE $(cut -d' ' -f1 /proc/uptime)] $*"
}

fail() {
	log "FAIL: $*"
	nic_state
	# Tell the other role, so it stops waiting at its next barrier.
	touch "/bench/sync/FAILED.$ROLE"
	exit 1
}

# nic_state: what the test NIC looked like when a check failed, for the
# run's log: counters, registers, interrupts, neighbours.  Never fails.
nic_state() {
	[ -n "${NIC:-}" ] && [ -e "/sys/class/net/$NIC" ] || return 0
	{
		echo "--- state of $NIC at the failure"
		ip -s -s link show "$NIC"
		ip neigh show dev "$NIC"
		ethtool -S "$NIC" | grep -v ': 0$'
		ethtool -d "$NIC" raw off 2>/dev/null | head -n 40
		grep -E "$NIC|CPU" /proc/interrupts
		dmesg | tail -n 15
		echo "--- end of state"
	} 2>&1 | sed "s/^/[$ROLE] /"
}

# wait_until SECONDS WHY COMMAND...: run COMMAND until it succeeds, every
# 0.2 s; after SECONDS, fail with WHY.  What COMMAND prints is dropped.
wait_until() {
	local deadline=$((SECONDS + $1)) why=$2

	shift 2
	until "$@" >/dev/null; do
		[ "$SECONDS" -lt "$deadline" ] || fail "$why"
		sleep 0.2
	done
}

# check DESCRIPTION COMMAND...: run it; a failure ends the scenario.
check() {
	desc=$1
	shift
	if "$@"; then
		log "ok: $desc"
	else
		fail "$desc"
	fi
}

# barrier NAME [SECONDS]: wait until both roles have reached NAME.
barrier() {
	other=client
	[ "$ROLE" = client ] && other=server
	touch "/bench/sync/$1.$ROLE"
	wait_until "${2:-120}" "the $other never reached barrier $1" other_reached "$1"
}

# other_reached NAME: the other role is at barrier NAME (and has not failed).
other_reached() {
	[ ! -e "/bench/sync/FAILED.$other" ] || fail "the $other failed before barrier $1"
	[ -e "/bench/sync/$1.$other" ]
}

# The test NIC: the guest has exactly one besides lo.
nic() {
	for n in /sys/class/net/*; do
		n=${n##*/}
		[ "$n" = lo ] || { echo "$n"; return; }
	done
}

# load_nic_driver: the LAN driver this run compares (DRIVER=), with
# TANDEM_EN_PARAMS for tandem_en (e.g. interrupt_mode=msi).
load_nic_driver() {
	if [ "$DRIVER" = intree ]; then
		check "modprobe e1000e" modprobe e1000e
	else
		# shellcheck disable=SC2086 # module parameters, NAME=VALUE words
		check "modprobe tandem_en ${TANDEM_EN_PARAMS:-}" modprobe tandem_en ${TANDEM_EN_PARAMS:-}
	fi
	wait_until 10 "no network interface appeared" test -n "$(nic)"
	NIC=$(nic)
	# ETHTOOL_K="feature on|off ...": offload settings for this run.
	if [ -n "${ETHTOOL_K:-}" ]; then
		# shellcheck disable=SC2086 # feature/value words
		check "ethtool -K $NIC ${ETHTOOL_K}" ethtool -K "$NIC" ${ETHTOOL_K}
	fi
}

# link_up: address the NIC and wait for carrier.
link_up() {
	ip addr add "$MY_IP/24" dev "$NIC"
	ip -6 addr add "$MY_IP6/64" dev "$NIC" nodad
	ip link set "$NIC" up
	wait_carrier 1 20
	log "$NIC up: $(ip -br addr show "$NIC")"
}

# set_mtu: the netdev MTU the scenario's MTU= asks for, if any.
set_mtu() {
	[ -z "${MTU:-}" ] || check "ip link set $NIC mtu $MTU" ip link set "$NIC" mtu "$MTU"
}

# wait_peer: until the other guest answers a ping.
wait_peer() {
	wait_until 60 "$PEER_IP never answered" peer_answers
}

peer_answers() {
	ping -c1 -W1 "$PEER_IP" >/dev/null 2>&1
}

# iperf_pair ADDRESS IPERF3_OPTIONS...: one iperf3 test from the client to
# the server at ADDRESS, the server answering exactly once; the client's
# JSON report lands in $OUT/iperf3.json.  Both roles call it.
iperf_pair() {
	IPERF_SEQ=$((${IPERF_SEQ:-0} + 1))
	if [ "$ROLE" = server ]; then
		iperf3 -s -1 >/dev/null &
		srv=$!
		barrier "iperf-$IPERF_SEQ"
		wait "$srv" || fail "iperf3 server"
	else
		addr=$1
		shift
		barrier "iperf-$IPERF_SEQ"
		sleep 1
		check "iperf3 -c $addr $*" iperf3 -c "$addr" -J --logfile "$OUT/iperf3.json" "$@"
	fi
}

# iperf_oneoff PORT: in the background, an iperf3 server on PORT for one
# test only.  A stream cut mid-way (a driver unloaded under it) leaves its
# server waiting minutes for a peer that is gone; a server per stream
# keeps that from refusing the next stream as busy.
iperf_oneoff() {
	iperf3 -s -1 -p "$1" >/dev/null 2>&1 &
}

# iperf3_bps FILE: the received bit rate of an iperf3 -J client report.
iperf3_bps() {
	grep -A6 '"sum_received"' "$1" | sed -n 's/.*"bits_per_second":[[:space:]]*\([0-9.e+]*\).*/\1/p' | head -n1
}

# host_request REQUEST: have the bench serve REQUEST (see serve_requests in
# scripts/vm/bench); fails unless the answer is a return value.
host_request() {
	HOST_REQUEST_SEQ=$((${HOST_REQUEST_SEQ:-0} + 1))
	req=/bench/sync/host-request.$ROLE.$HOST_REQUEST_SEQ
	reply=/bench/sync/host-reply.$ROLE.$HOST_REQUEST_SEQ
	printf '%s\n' "$1" >"$req.tmp"
	mv "$req.tmp" "$req"
	wait_until 20 "the host never answered $1" test -e "$reply"
	tail -n1 "$reply" | grep -q '"return"' || fail "$1: $(tail -n1 "$reply")"
}

# host_qmp JSON: a QMP command on this guest's QEMU.
host_qmp() {
	host_request "$1"
}

# host_relay_cue: the bench's wire relay starts its fault now (the
# ackblackout profile: the server's frames gone for 0.15 s).
host_relay_cue() {
	host_request relay-cue
}

# wire_link up|down: plug or unplug this guest's NIC, as QEMU's set_link.
wire_link() {
	up=false
	[ "$1" = up ] && up=true
	host_qmp "{\"execute\": \"set_link\", \"arguments\": {\"name\": \"wire\", \"up\": $up}}"
}

# wait_carrier 0|1 [SECONDS]: until the NIC's carrier is that.
wait_carrier() {
	wait_until "${2:-10}" "$NIC carrier did not become $1" carrier_is "$1"
}

carrier_is() {
	[ "$(cat "/sys/class/net/$NIC/carrier" 2>/dev/null)" = "$1" ]
}

# queue_sum DIR STAT: a per-queue ethtool counter (DIR rx or tx) summed over
# the NIC's queues, e.g. queue_sum rx packets.
queue_sum() {
	ethtool -S "$NIC" | awk -v re="^$1[0-9]+_$2:\$" '$1 ~ re { n += $2 } END { print n + 0 }'
}

# blob_exchange MIB: MIB MiB of random bytes each way over TCP (port 5001),
# client to server first; each side checks that the SHA-256 of what
# arrived is the one the other side sent.
blob_exchange() {
	local other=server listener
	[ "$ROLE" = server ] && other=client
	head -c "$(($1 << 20))" /dev/urandom >/tmp/blob
	sha256sum </tmp/blob | cut -d' ' -f1 >"$OUT/sent.sha256"
	nc -l -p 5001 >/tmp/received &
	listener=$!
	barrier "blob-listening-$1"
	[ "$ROLE" = client ] && send_blob "$1"
	barrier "blob-to-server-$1" 300
	[ "$ROLE" = server ] && send_blob "$1"
	wait_until 300 "the $other's bytes never ended" sh -c "! kill -0 $listener 2>/dev/null"
	sha256sum </tmp/received | cut -d' ' -f1 >"$OUT/received.sha256"
	barrier "blob-received-$1"
	check "the $other's $1 MiB arrived intact ($(wc -c </tmp/received) bytes, SHA-256 $(cat "$OUT/received.sha256"))" \
		cmp -s "$OUT/received.sha256" "/bench/results/$other/sent.sha256"
	rm -f /tmp/blob /tmp/received
}

send_blob() {
	check "$1 MiB to $PEER_IP over TCP" timeout 300 bash -c "cat /tmp/blob >/dev/tcp/$PEER_IP/5001"
}

# udp_stat FIELD: a UDP counter of /proc/net/snmp (e.g. InDatagrams,
# InCsumErrors) plus its IPv6 twin of /proc/net/snmp6.
udp_stat() {
	awk -v f="$1" '
		$1 == "Udp:" && !n { for (i = 2; i <= NF; i++) col[$i] = i; n = 1; next }
		$1 == "Udp:" { v += $col[f] }
		$1 == "Udp6" f { v += $2 }
		END { print v + 0 }' /proc/net/snmp /proc/net/snmp6
}

# roce_dev: the RoCE auxiliary device tandem_en published, on the kernel's
# auxiliary bus or the bundled one; nothing if there is none.
roce_dev() {
	for d in /sys/bus/*auxiliary/devices/tandem_en.roce.*; do
		[ -e "$d" ] && { echo "$d"; return; }
	done
}

# save NAME: keep standard input as a result file of this role.
save() {
	cat >"$OUT/$1"
}

# rdma_setup: this role's RDMA device, DEV, with its RoCE v2 GID index of
# MY_IP in GID: tandem_re on tandem_en, or rdma_rxe on e1000e when
# RXE_ROLE names this role (a mixed run) or is "both" (the baseline), on a
# netdev of MTU= bytes when given (the port's path MTU follows); then both
# roles meet.
rdma_setup() {
	if [ "${RXE_ROLE:-none}" = "$ROLE" ] || [ "${RXE_ROLE:-none}" = both ]; then
		DRIVER=intree
		load_nic_driver
		link_up
		check "modprobe rdma_rxe" modprobe rdma_rxe
		check "rdma link add rxe0" rdma link add rxe0 type rxe netdev "$NIC"
		DEV=rxe0
	else
		load_nic_driver
		check "modprobe tandem_re" modprobe tandem_re
		link_up
		DEV=tandem_re0
		wait_until 10 "$DEV never appeared" test -e /sys/class/infiniband/$DEV
	fi
	set_mtu
	wait_until 10 "ibv_devinfo cannot open $DEV" sh -c "ibv_devinfo -d $DEV >/dev/null 2>&1"
	wait_until 10 "$DEV port never became active" sh -c "ibv_devinfo -d $DEV | grep -q PORT_ACTIVE"

	wait_until 10 "no RoCE v2 GID for $MY_IP on $DEV" ipv4_gid_index
	GID=$(ipv4_gid_index)
	log "$DEV: RoCE v2 GID index $GID for $MY_IP"
	barrier rdma-ready
	wait_peer
}

# roce_gid_index GID: the index of GID (as sysfs spells it) among DEV's
# RoCE v2 GIDs.
roce_gid_index() {
	local ib=/sys/class/infiniband/$DEV/ports/1 f i
	for f in "$ib"/gids/*; do
		i=${f##*/}
		[ "$(cat "$f" 2>/dev/null)" = "$1" ] || continue
		[ "$(cat "$ib/gid_attrs/types/$i" 2>/dev/null)" = "RoCE v2" ] && { echo "$i"; return; }
	done
	return 1
}

# ipv4_gid ADDRESS: the GID of an IPv4 address (IPv4-mapped IPv6).
ipv4_gid() {
	# shellcheck disable=SC2086 # the four octets as words
	printf '0000:0000:0000:0000:0000:ffff:%02x%02x:%02x%02x' ${1//./ }
}

# ipv4_gid_index: the GID index of this guest's IPv4 address as RoCE v2.
ipv4_gid_index() {
	roce_gid_index "$(ipv4_gid "$MY_IP")"
}

# rdma_state: the device's counters, for a failure's log.
rdma_state() {
	log "counters of $DEV: $(rdma statistic show link "$DEV/1" 2>&1 | tr -s ' ')"
}

# pair_why FILE STATUS: why a program of rdma_pair failed, in one line.
# perftest writes its errors to stderr at once and its table to stdout at
# exit, so the file's last lines are the table's header: show the lines
# that say what went wrong, and the timeout when it struck.
pair_why() {
	local why
	why=$(grep -iE 'error|fail|unable|couldn|cannot|timed? ?out|refused|abort' "$1" | head -n4 | tr "\n" " ")
	[ -n "$why" ] || why=$(tail -n2 "$1" | tr "\n" " ")
	[ "$2" != 124 ] || why="killed after 120 s; $why"
	printf 'exit %s: %s\n' "$2" "$why"
}

# rdma_cm_listening: a process listens through rdma_cm on this guest.
rdma_cm_listening() {
	rdma resource show cm_id 2>/dev/null | grep -q LISTEN
}

# disconnect_lost NAME TRY: (on the server) the wire drops frames, the
# client of rdma_pair NAME's try TRY ended well, this has been seen for
# 20 s or more (in $client_ok_at, SECONDS when it was first seen), and
# $RDMA_PAIR_SERVED says the server's output shows everything served.
disconnect_lost() {
	[ -n "${RDMA_PAIR_SERVED:-}" ] && [ -e "/bench/sync/$1-client-ok$2" ] || return 1
	case ${WIRE:-direct} in direct | clean) return 1 ;; esac
	: "${client_ok_at:=$SECONDS}"
	[ $((SECONDS - client_ok_at)) -ge 20 ] && "$RDMA_PAIR_SERVED" "$OUT/$1.txt"
}

# rdma_pair NAME COMMAND...: the server runs COMMAND, the client COMMAND
# PEER_IP, each for at most 120 s; NAME.txt keeps each side's output.
# With RDMA_PAIR_READY set to a command, the client starts only once that
# command succeeds on the server (rdma_cm_listening: rdma_cm clients do
# not retry, one that comes first is rejected).  Such a pair is started
# again, twice at most, when its client is still rejected for want of a
# listener (REJ, invalid service ID) while the server runs: perftest -R
# exchanges its parameters over a first rdma_cm connection, and its server
# listens for the test's own only after a handshake that releases the
# client at the same moment, so on slow guests the client's REQ can come
# first (its error path then faults in librdmacm: the bench takes that for
# a failed try, not a kernel problem).
#
# With RDMA_PAIR_SERVED set to a command (run with the output file as its
# argument), a server still running 20 s after its client ended well is
# stopped, on a wire that drops frames (WIRE other than direct or clean),
# when that command says it served everything: rdma_cm's disconnect request
# (DREQ) is resent only while the sender's id lives, and rping's client
# destroys its id right after rdma_disconnect(), so a DREQ the wire drops
# leaves the server waiting for ever for a disconnect (ib_cm's
# cm_destroy_id() cancels the pending DREQ).
rdma_pair() {
	local name=$1 srv st try=1 again client_ok_at='' lost=''
	shift
	while :; do
		again=/bench/sync/$name-again$try
		if [ "$ROLE" = server ]; then
			timeout 120 "$@" >"$OUT/$name.txt" 2>&1 &
			srv=$!
			[ -z "${RDMA_PAIR_READY:-}" ] ||
				wait_until 30 "$name server: never ready ($RDMA_PAIR_READY)" "$RDMA_PAIR_READY"
			barrier "$name-listening$try"
			lost=
			while kill -0 "$srv" 2>/dev/null && [ ! -e "$again" ]; do
				disconnect_lost "$name" "$try" && lost=1 && break
				sleep 0.2
			done
			if [ -e "$again" ]; then
				kill "$srv" 2>/dev/null
				wait "$srv"
				try=$((try + 1))
				continue
			fi
			if [ -n "$lost" ]; then
				kill "$srv" 2>/dev/null
				wait "$srv" || true
				log "$name server: served everything, and its client ended 20 s ago, but no disconnect came (a DREQ lost on the $WIRE wire): stopped"
			else
				wait "$srv" || { st=$?; rdma_state; fail "$name server: $(pair_why "$OUT/$name.txt" "$st")"; }
			fi
		else
			barrier "$name-listening$try"
			sleep 1
			timeout 120 "$@" "$PEER_IP" >"$OUT/$name.txt" 2>&1
			st=$?
			if [ "$st" != 0 ]; then
				if [ -n "${RDMA_PAIR_READY:-}" ] && [ "$try" -lt 3 ] &&
					grep -q 'RDMA_CM_EVENT_REJECTED; error: 8' "$OUT/$name.txt"; then
					log "$name: rejected for want of a listener (try $try); again"
					cp "$OUT/$name.txt" "$OUT/$name.try$try.txt"
					touch "$again"
					try=$((try + 1))
					continue
				fi
				rdma_state
				fail "$name client: $(pair_why "$OUT/$name.txt" "$st")"
			fi
			touch "/bench/sync/$name-client-ok$try"
		fi
		break
	done
	log "ok: $name"
	barrier "$name-done"
}

