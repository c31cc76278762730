#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build the guests' initramfs for a matrix target from that distro's own
# user space (busybox, kmod, iproute2, ethtool, rdma-core, perftest, iperf3,
# nvme-cli and their libraries) and the kernel modules the scenarios load.
# The bundle's own modules are not in it: each run hands them to the guests
# through the bench share, so this image is cached until its inputs change.
# IMAGE adds what image_packages (lib.sh) names: "pyverbs" adds python3,
# rdma-core's Python bindings and the test suite they ship.
#
#   scripts/vm/initramfs.sh TARGET [IMAGE]    prints the path of the cpio archive
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
# shellcheck source=scripts/vm/lib.sh
. "$here/lib.sh"

target=${1:?usage: initramfs.sh TARGET [IMAGE]}
image=${2:-}
image_packages "$image" >/dev/null || die "no guest image '$image' (lib.sh, image_packages)"
read -r chroot kver < <(target_kernel "$target")
kdir=$("$here/kernel.sh" "$target")
root=$(chroot_dir "$chroot")
ensure_guest_packages "$chroot" "$image"

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
	in_chroot "$root" dpkg-query -W -f '${Package} ${Version}\n' $(guest_packages) $(image_packages "$image")
	cat "$0" "$here/lib.sh" "$top/tests/vm/init" "$top"/tests/vm/tools/*.c
} | sha256sum | cut -c1-16)
cpio=$VM_CACHE/initramfs/$target${image:+-$image}-$recipe.cpio
if [ -f "$cpio" ]; then
	echo "$cpio"
	exit 0
fi
log "building the $target${image:+ $image} guests' initramfs ($chroot user space, kernel $kver)"

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
if [ "$image" = pyverbs ]; then
	# python3 with its standard library (compiled modules included: they
	# spare the guest compiling them under emulation; no test suite, IDLE
	# or Tk), pyverbs, rdma-core's tests, and what their extensions link.
	# shellcheck disable=SC2016 # expanded by the chroot's shell
	files+=$'\n'$(in_chroot "$root" /bin/bash -c '
		py=$(readlink -f /usr/bin/python3)
		lib=/usr/lib/${py##*/}
		{
			echo /usr/bin/python3
			find "$lib" /usr/lib/python3/dist-packages/pyverbs /usr/share/doc/rdma-core/tests \
				\( -path "$lib/test" -o -path "$lib/idlelib" -o -path "$lib/tkinter" \
				-o -path "$lib/turtledemo" -o -path "$lib/ensurepip" -o -path "$lib/lib2to3" \
				-o -path "$lib/config-*" \) -prune -o \( -type f -o -type l \) -print
			for f in "$py" $(find "$lib/lib-dynload" /usr/lib/python3/dist-packages/pyverbs -name "*.so"); do
				ldd "$f" 2>/dev/null | grep -oE "/[^ ]+" || true
			done
		} | sort -u | while read -r f; do
			[ -e "$f" ] && echo "$f $(readlink -f "$f")"
		done')
fi

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
# Debian compresses the test suite as documentation; Python reads it plain.
[ "$image" != pyverbs ] || find "$stage/usr/share/doc/rdma-core/tests" -name '*.py.gz' -exec gunzip {} +

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
# The memory placement verbs this rdma-core names (enums, so a compile
# tells): tandem-verbs-check runs what there is (-DHAVE_IBV_WR_...).
have=()
for verb in IBV_WR_ATOMIC_WRITE IBV_WR_FLUSH; do
	printf '#include <infiniband/verbs.h>\nint verb = %s;\n' "$verb" >"$tools/probe.c"
	TANDEM_CHROOT_BIND="$tools" in_chroot "$root" gcc -fsyntax-only "$tools/probe.c" \
		2>/dev/null && have+=("-DHAVE_$verb")
done
rm -f "$tools/probe.c"
for src in "$top"/tests/vm/tools/*.c; do
	name=$(basename "$src" .c)
	TANDEM_CHROOT_BIND="$top/tests/vm/tools $tools" in_chroot "$root" \
		gcc -std=gnu11 -O2 -Wall -Wextra -Werror "${have[@]}" -o "$tools/$name" "$src" -libverbs ||
		die "cannot build $name against $chroot's libibverbs"
	install -m 0755 "$tools/$name" "$stage/usr/bin/$name"
done
rm -rf "$tools"

mkdir -p "$(dirname "$cpio")"
(cd "$stage" && find . | cpio -o -H newc --quiet) >"$cpio.tmp"
mv "$cpio.tmp" "$cpio"
rm -rf "$stage"
log "$target${image:+ $image} initramfs: $(du -h "$cpio" | cut -f1)"
echo "$cpio"
