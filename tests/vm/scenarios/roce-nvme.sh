# shellcheck shell=bash
# NVMe over RDMA through tandem_re, the kernel ULP path: the server is an
# nvmet-rdma target exporting a file, the client connects with
# `nvme connect -t rdma`, writes random data to the namespace and reads it
# back.  The host registers its buffers with fast-register MRs (REG_MR,
# LOCAL_INV, SEND with invalidate); the target moves the data with RDMA
# READ (host writes) and RDMA WRITE (host reads).  Checked end to end: the
# target's file holds what the host wrote, and what the host reads back is
# what it wrote.  RXE_ROLE=server|client puts rdma_rxe in that role.
# MIB=N sets the size (default 16).
# shellcheck source=tests/vm/guest-lib.sh
. ./guest-lib.sh

MIB=${MIB:-16}
NQN=nqn.2026-11.org.tandem:bench
CFG=/sys/kernel/config/nvmet

rdma_setup

if [ "$ROLE" = server ]; then
	check "modprobe nvmet-rdma" modprobe nvmet-rdma
	# configfs came with nvmet (a module on Debian's kernels).
	grep -qs configfs /proc/mounts || mount -t configfs none /sys/kernel/config
	dd if=/dev/zero of=/tmp/nvme-backing bs=1M count=$((MIB * 2)) 2>/dev/null
	mkdir "$CFG/subsystems/$NQN"
	echo 1 >"$CFG/subsystems/$NQN/attr_allow_any_host"
	mkdir "$CFG/subsystems/$NQN/namespaces/1"
	# tmpfs has no O_DIRECT on every kernel: the page cache it is.
	echo 1 >"$CFG/subsystems/$NQN/namespaces/1/buffered_io"
	echo /tmp/nvme-backing >"$CFG/subsystems/$NQN/namespaces/1/device_path"
	check "the namespace is enabled" sh -c "echo 1 >$CFG/subsystems/$NQN/namespaces/1/enable"
	mkdir "$CFG/ports/1"
	echo rdma >"$CFG/ports/1/addr_trtype"
	echo ipv4 >"$CFG/ports/1/addr_adrfam"
	echo "$MY_IP" >"$CFG/ports/1/addr_traddr"
	echo 4420 >"$CFG/ports/1/addr_trsvcid"
	check "the port listens on $MY_IP:4420 over rdma" \
		ln -s "$CFG/subsystems/$NQN" "$CFG/ports/1/subsystems/$NQN"
	barrier nvme-target-ready
	barrier nvme-written 300
	head -c $((MIB << 20)) /tmp/nvme-backing | sha256sum | cut -d' ' -f1 >"$OUT/stored.sha256"
	check "the target's file holds the $MIB MiB the host wrote" \
		cmp -s "$OUT/stored.sha256" /bench/results/client/sent.sha256
	barrier nvme-checked
	barrier nvme-disconnected 120
	rm -f "$CFG/ports/1/subsystems/$NQN"
	rmdir "$CFG/ports/1" "$CFG/subsystems/$NQN/namespaces/1" "$CFG/subsystems/$NQN"
	check "rmmod nvmet-rdma" modprobe -r nvmet-rdma
else
	check "modprobe nvme-rdma" modprobe nvme-rdma
	barrier nvme-target-ready
	check "nvme connect -t rdma -a $PEER_IP" \
		timeout 60 nvme connect -t rdma -a "$PEER_IP" -s 4420 -n "$NQN"
	wait_until 20 "no controller for $NQN" sh -c 'grep -lqx "'"$NQN"'" /sys/class/nvme/*/subsysnqn'
	ctrl=$(grep -lx "$NQN" /sys/class/nvme/*/subsysnqn | head -n1)
	ctrl=$(basename "$(dirname "$ctrl")")
	log "controller $ctrl: transport $(cat "/sys/class/nvme/$ctrl/transport")"
	check "the controller's transport is rdma" [ "$(cat "/sys/class/nvme/$ctrl/transport")" = rdma ]
	# The guest has no other NVMe disk; nvmeXcYnZ is a path, not a disk.
	wait_until 20 "no namespace appeared for $ctrl" sh -c "ls -d /sys/block/nvme*n* >/dev/null 2>&1"
	for blk in /sys/block/nvme*n*; do
		case ${blk##*/} in *c*) continue ;; esac
		break
	done
	blk=/dev/${blk##*/}
	wait_until 10 "$blk never appeared" test -b "$blk"
	head -c $((MIB << 20)) /dev/urandom >/tmp/nvme-data
	sha256sum </tmp/nvme-data | cut -d' ' -f1 >"$OUT/sent.sha256"
	check "$MIB MiB written to $blk" \
		timeout 120 dd if=/tmp/nvme-data of="$blk" bs=1M conv=fsync 2>/dev/null
	barrier nvme-written
	barrier nvme-checked
	# Read from the target, not from this guest's page cache.
	sync
	echo 3 >/proc/sys/vm/drop_caches
	timeout 120 dd if="$blk" bs=1M count="$MIB" 2>/dev/null | sha256sum | cut -d' ' -f1 >"$OUT/read.sha256"
	check "the $MIB MiB read back from $blk are those written" \
		cmp -s "$OUT/read.sha256" "$OUT/sent.sha256"
	check "nvme disconnect" timeout 60 nvme disconnect -n "$NQN"
	barrier nvme-disconnected
	check "rmmod nvme-rdma" modprobe -r nvme-rdma
fi
if [ "$DEV" = tandem_re0 ]; then
	rdma statistic show link "$DEV/1" | save rdma-statistic.txt
	log "counters: $(tr -s ' ' <"$OUT/rdma-statistic.txt")"
fi
barrier finished
