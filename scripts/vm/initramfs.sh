#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build the guests' initramfs for a matrix target from that distro's own
# user space (busybox, kmod, iproute2, ethtool, rdma-core, perftest, iperf3,
# nvme-cli and their libraries) and the kernel modules the scenarios load.
# The bundle's own modules are not in it: each run hands them to the guests
# through the bench share, so this image is cached until its inputs change.
#
#   scripts/vm/initramfs.sh TARGET     prints the path of the cpio archive
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
# shellcheck source=scripts/vm/lib.sh
. "$here/lib.sh"

target=${1:?usage: initramfs.sh TARGET}
read -r chroot kver < <(target_kernel "$target")
kdir=$("$here/kernel.sh" "$target")
root=$(chroot_dir "$chroot")
ensure_guest_packages "$chroot"

# In-tree modules the scenarios use (with their dependencies): the NIC and
# soft-RoCE baselines, the RDMA core, VLANs, pktgen, and the 9p share.
# Those marked ? are taken where the kernel has them: rdma_rxe asks the
# crypto API for "crc32" on kernels before 6.14 or so.
modules=(e1000e rdma_rxe ib_uverbs rdma_ucm ib_umad 8021q pktgen virtio_pci 9pnet_virtio 9p
	nvme_rdma nvmet_rdma
	'crc32_generic?' 'crc32_pclmul?')

# shellcheck disable=SC2046,SC2016 # word lists; the format is dpkg's
recipe=$({
	echo "$kver ${modules[*]}"
	in_chroot "$root" dpkg-query -W -f '${Package} ${Version}\n' $(guest_packages)
	cat "$0" "$top/tests/vm/init" "$top"/tests/vm/tools/*.c
} | sha256sum | cut -c1-16)
image=$VM_CACHE/initramfs/$target-$recipe.cpio
if [ -f "$image" ]; then
	echo "$image"
	exit 0
fi
log "building the $target guests' initramfs ($chroot user space, kernel $kver)"

read -ra packages <<<"$(guest_packages)"
# Every file to take from the chroot: the packages' programs, the libraries
# they link (ldd) or load (dlopen), and rdma-core's provider plugins and
# their configuration;
# each as "path target", the target resolved inside the chroot (symbolic
# links there are absolute and mean nothing on the host).
# shellcheck disable=SC2016 # expanded by the chroot's shell
files=$(in_chroot "$root" /bin/bash -c '
	progs=$(dpkg -L "$@" | grep -E "^(/usr)?/s?bin/[^/]+$" | sort -u)
	plugins=$(ls /usr/lib/x86_64-linux-gnu/libibverbs/*.so /etc/libibverbs.d/*.driver 2>/dev/null)
	# kmod 34+ dlopen()s its decompressors and glibc libgcc_s (for
	# pthread_cancel); ldd cannot see either.
	dlopened=$(ldconfig -p | awk "\$1 ~ /^(liblzma|libzstd|libz|libcrypto|libgcc_s)\\.so\\.[0-9]+\$/ && /x86-64/ { print \$NF }")
	for f in $progs $plugins $dlopened /etc/ld.so.cache; do
		[ -e "$f" ] || continue
		echo "$f"
		ldd "$f" 2>/dev/null | grep -oE "/[^ ]+" || true
	done | sort -u | while read -r f; do echo "$f $(readlink -f "$f")"; done' bash "${packages[@]}")

stage=$VM_CACHE/initramfs/stage.$target
rm -rf "$stage"
mkdir -p "$stage"/usr/{bin,sbin,lib,lib64} "$stage"/{proc,sys,dev,tmp,run,bench,etc}
# One layout for every distro: /bin, /sbin, /lib, /lib64 point into /usr.
for d in bin sbin lib lib64; do
	ln -s "usr/$d" "$stage/$d"
done
while read -r f real; do
	case "$f" in
	/bin/* | /sbin/* | /lib/* | /lib64/*) dest=$stage/usr$f ;;
	*) dest=$stage$f ;;
	esac
	mkdir -p "$(dirname "$dest")"
	cp "$root$real" "$dest"
done <<<"$files"

# The modules and what depmod needs to resolve built-ins in the guest.
mdir=lib/modules/$kver
mkdir -p "$stage/usr/$mdir"
cp "$kdir/$mdir"/modules.{order,builtin,builtin.modinfo} "$stage/usr/$mdir/"
# shellcheck disable=SC2016 # expanded by the chroot's shell
paths=$(TANDEM_CHROOT_BIND=$kdir in_chroot "$root" /bin/bash -c '
	kdir=$0 kver=$1
	shift
	for m in "$@"; do
		if ! modprobe -d "$kdir" -S "$kver" --show-depends "${m%\?}" 2>/dev/null; then
			[ "${m%\?}" != "$m" ] || { echo "missing $m"; exit 1; }
		fi
	done' "$kdir" "$kver" "${modules[@]}") || die "kernel $kver lacks a module the bench needs: ${paths##*missing }"
awk '$1 == "insmod" { print $2 }' <<<"$paths" | sort -u | while read -r m; do
	rel=${m#"$kdir"/}
	mkdir -p "$stage/usr/$(dirname "$rel")"
	cp "$m" "$stage/usr/$rel"
done
install -m 0755 "$top/tests/vm/init" "$stage/init"

# The bench's verbs tools, built against this distro's own rdma-core.
tools=$VM_CACHE/initramfs/tools.$target
rm -rf "$tools"
mkdir -p "$tools"
for src in "$top"/tests/vm/tools/*.c; do
	name=$(basename "$src" .c)
	TANDEM_CHROOT_BIND="$top/tests/vm/tools $tools" in_chroot "$root" \
		gcc -std=gnu11 -O2 -Wall -Wextra -Werror -o "$tools/$name" "$src" -libverbs ||
		die "cannot build $name against $chroot's libibverbs"
	install -m 0755 "$tools/$name" "$stage/usr/bin/$name"
done
rm -rf "$tools"

mkdir -p "$(dirname "$image")"
(cd "$stage" && find . | cpio -o -H newc --quiet) >"$image.tmp"
mv "$image.tmp" "$image"
rm -rf "$stage"
log "$target initramfs: $(du -h "$image" | cut -f1)"
echo "$image"
