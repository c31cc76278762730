#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Fetch and unpack the distro kernel image of a matrix target for the guests.
#
#   scripts/vm/kernel.sh TARGET    prints the directory: vmlinuz, lib/modules/<kver>
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/vm/lib.sh
. "$here/lib.sh"

read -r chroot kver < <(target_kernel "${1:?usage: kernel.sh TARGET}")
if is_sanitize_target "$1"; then
	echo "$san_kernel"
	exit 0
fi
dir=$VM_CACHE/kernels/$kver
if [ ! -f "$dir/vmlinuz" ]; then
	root=$(chroot_dir "$chroot")
	log "fetching linux-image-$kver for the guests"
	rm -rf "$dir" "$dir.tmp" "$root/tmp/tandem-kernel"
	mkdir -p "$dir.tmp" "$root/tmp/tandem-kernel"
	# Newer Debian kernels split the image into binary, modules and base packages.
	# shellcheck disable=SC2016 # expanded by the chroot's shell
	in_chroot "$root" /bin/sh -c '
		cd /tmp/tandem-kernel || exit 1
		for p in linux-image-$0 linux-binary-$0 linux-modules-$0 linux-base-$0; do
			apt-cache show "$p" >/dev/null 2>&1 || continue
			apt-get download -qq "$p" || exit 1
		done' "$kver" >/dev/null 2>&1 || die "cannot download the linux-image-$kver packages"
	for deb in "$root"/tmp/tandem-kernel/*.deb; do
		dpkg-deb -x "$deb" "$dir.tmp"
	done
	# /boot/vmlinuz-<kver>, or in newer packages lib/modules/<kver>/vmlinuz.
	vmlinuz=$(find "$dir.tmp" \( -name "vmlinuz-$kver" -o -path "*/modules/$kver/vmlinuz" \) | head -n1)
	[ -n "$vmlinuz" ] || die "no vmlinuz-$kver in the linux-image-$kver packages"
	mv "$vmlinuz" "$dir.tmp/vmlinuz"
	# Merged /usr: the modules may come under usr/lib.
	if [ ! -d "$dir.tmp/lib/modules" ] && [ -d "$dir.tmp/usr/lib/modules" ]; then
		ln -s usr/lib "$dir.tmp/lib"
	fi
	TANDEM_CHROOT_BIND=$dir.tmp in_chroot "$root" depmod -b "$dir.tmp" "$kver"
	rm -rf "$root/tmp/tandem-kernel"
	mv "$dir.tmp" "$dir"
fi
echo "$dir"
