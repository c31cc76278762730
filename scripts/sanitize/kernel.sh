#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build the sanitizer guest kernel once: Debian 12's own kernel source
# (linux-source-6.1) with KASAN, lockdep (PROVE_LOCKING), DEBUG_ATOMIC_SLEEP,
# kmemleak and DEBUG_OBJECTS, on a small configuration that has what the
# VM bench's guests need (x86_64_defconfig plus the NIC, the RDMA core and
# rdma_rxe, VLANs, pktgen, NVMe over RDMA and the 9p share, as modules).
# Debian's kernels have none of those checks.
#
#   scripts/sanitize/kernel.sh     prints the kernel's directory
#
# The result is cached under $TANDEM_CACHE/sanitize (outside the work
# tree): the build tree (what tandem's modules build against: its .config,
# Module.symvers and generated headers) and, laid out as
# scripts/vm/kernel.sh lays out a distro kernel, vmlinuz and
# lib/modules/<kver>.  A cached kernel whose recipe (this script and the
# source package's version) has not changed is used as it is.  It builds in
# a chroot of its own, so that it never touches the matrix's chroots; on
# this 2-core machine it takes about two and a half hours (niced, beside
# other work), so make check never builds it: `make sanitize` does.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/sanitize/lib.sh
. "$here/lib.sh"
log() { printf '%s\n' "sanitize: $*" >&2; }
die() { printf '%s\n' "sanitize: error: $*" >&2; exit 1; }

cache=$san_cache root=$san_root src=$san_src kdir=$san_kernel
localversion=-tandem-sanitize

# Everything a guest loads (scripts/vm/initramfs.sh) and that tandem needs,
# then the checks.  AUXILIARY_BUS and PAGE_POOL have no prompt: the Intel
# ice driver selects the first and the Engleder TSN endpoint driver (a
# small one) the second, as Debian's configuration has them.
config_modules="E1000E INFINIBAND INFINIBAND_USER_ACCESS INFINIBAND_USER_MAD
	RDMA_RXE VLAN_8021Q NET_PKTGEN NET_9P NET_9P_VIRTIO 9P_FS NVME_CORE
	NVME_FABRICS NVME_RDMA NVME_TARGET NVME_TARGET_RDMA ICE TSNEP CRYPTO_CRC32"
config_on="MODULES MODULE_UNLOAD PAGE_POOL INFINIBAND_ADDR_TRANS VIRTIO_PCI VIRTIO
	CONFIGFS_FS IPV6 PACKET PCI_MSI BLK_DEV_INITRD DEVTMPFS
	KASAN KASAN_GENERIC KASAN_INLINE
	PROVE_LOCKING DEBUG_ATOMIC_SLEEP DEBUG_LIST
	DEBUG_KMEMLEAK DEBUG_KMEMLEAK_AUTO_SCAN
	DEBUG_OBJECTS DEBUG_OBJECTS_FREE DEBUG_OBJECTS_TIMERS
	DEBUG_OBJECTS_WORK DEBUG_OBJECTS_RCU_HEAD
	DETECT_HUNG_TASK SOFTLOCKUP_DETECTOR DEBUG_INFO_NONE"
config_off="MODULE_SIG DEBUG_KMEMLEAK_DEFAULT_OFF DEBUG_INFO_BTF WERROR
	DRM SOUND USB_SUPPORT WLAN WIRELESS"

if [ ! -f "$root/.tandem-chroot" ]; then
	log "making the sanitizer kernel's build chroot (Debian 12)"
	rm -rf "$root"
	mkdir -p "$cache"
	debootstrap --variant=minbase \
		--include=ca-certificates,make,gcc,libc6-dev,bc,bison,flex,libelf-dev,libssl-dev,kmod,cpio,xz-utils,perl,python3,rsync,linux-source-6.1 \
		bookworm "$root" "$DEBIAN_MIRROR" >"$cache/debootstrap.log" 2>&1 ||
		die "debootstrap failed (see $cache/debootstrap.log)"
	touch "$root/.tandem-chroot"
fi

# The recipe: the source's version and the configuration asked for (not
# this whole script, so that a comment does not cost a 2-hour build).
# shellcheck disable=SC2016 # dpkg-query's format
pkgver=$(in_chroot "$root" dpkg-query -W -f '${Version}' linux-source-6.1)
recipe="$pkgver $(printf '%s|' "$config_modules" "$config_on" "$config_off" "$localversion" |
	sha256sum | cut -c1-16)"
if [ -f "$kdir/.recipe" ] && [ "$(cat "$kdir/.recipe")" = "$recipe" ]; then
	echo "$kdir"
	exit 0
fi

log "building the sanitizer kernel from linux-source-6.1 $pkgver"
# The same source builds on in place: a change of configuration rebuilds
# only what the changed options touch.
rm -rf "$kdir"
mkdir -p "$kdir"
if [ "$(cat "$src/.tandem-source" 2>/dev/null)" != "$pkgver" ]; then
	rm -rf "$src"
	mkdir -p "$src"
	tar -C "$src" --strip-components=1 -xf "$root"/usr/src/linux-source-6.1.tar.xz
	echo "$pkgver" >"$src/.tandem-source"
fi

# shellcheck disable=SC2016 # expanded by the chroot's shell
TANDEM_CHROOT_BIND="$src $kdir" in_chroot "$root" /bin/bash -c '
	set -e
	cd "$0"
	make -s x86_64_defconfig
	for o in $1; do scripts/config --module "$o"; done
	for o in $2; do scripts/config --enable "$o"; done
	for o in $3; do scripts/config --disable "$o"; done
	scripts/config --set-str LOCALVERSION "$4"
	make -s olddefconfig
	make -s -j"$(nproc)" bzImage modules
	make -s modules_install INSTALL_MOD_PATH="$5" INSTALL_MOD_STRIP=1
	cp arch/x86/boot/bzImage "$5/vmlinuz"
	' "$src" "$config_modules" "$config_on" "$config_off" "$localversion" "$kdir" \
	>"$cache/build.log" 2>&1 || die "the kernel build failed (see $cache/build.log)"

# The configuration must have kept every check asked for.
for o in $config_on; do
	case $o in DEBUG_KMEMLEAK_AUTO_SCAN | DEBUG_INFO_NONE) continue ;; esac
	grep -q "^CONFIG_$o=y" "$src/.config" || die "the kernel's configuration lost CONFIG_$o"
done
for o in $config_modules; do
	grep -q "^CONFIG_$o=[ym]" "$src/.config" || die "the kernel's configuration lost CONFIG_$o"
done
echo "$recipe" >"$kdir/.recipe"
echo "$kdir"
