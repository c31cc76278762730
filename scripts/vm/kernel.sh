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
dir=$VM_CACHE/kernels/$kver
if [ ! -f "$dir/vmlinuz" ]; then
	root=$(chroot_dir "$chroot")
	log "fetching linux-image-$kver for the guests"
	rm -rf "$dir" "$root/tmp/tandem-kernel"
	mkdir -p "$dir.tmp" "$root/tmp/tandem-kernel"
	in_chroot "$root" /bin/sh -c "cd /tmp/tandem-kernel && apt-get download -qq linux-image-$kver" \
		>/dev/null 2>&1 || die "cannot download linux-image-$kver"
	dpkg-deb -x "$root"/tmp/tandem-kernel/linux-image-*.deb "$dir.tmp"
	mv "$dir.tmp/boot/vmlinuz-$kver" "$dir.tmp/vmlinuz"
	TANDEM_CHROOT_BIND=$dir.tmp in_chroot "$root" depmod -b "$dir.tmp" "$kver"
	rm -rf "$root/tmp/tandem-kernel"
	mv "$dir.tmp" "$dir"
fi
echo "$dir"
