#!/bin/bash
# Make or refresh one distro build chroot for the tandem matrix.
#
#   scripts/matrix/chroot.sh CHROOT
#
# Chroots live under $TANDEM_CACHE/chroots (default /var/cache/tandem), outside
# the work tree, so they survive between runs on one machine.  A chroot that is
# missing, half-made or made by an older version of this script is rebuilt; one
# whose package lists are older than TANDEM_REFRESH_HOURS (default 12) gets
# `apt-get update` so the newest kernel headers of each line are found.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/matrix/lib.sh
. "$here/lib.sh"

name=${1:?usage: chroot.sh bullseye|bookworm|trixie|sid}
root=$(chroot_dir "$name")
stamp=$root/.tandem-chroot

# A chroot made from other sources (or an older recipe) is made again; a
# changed package list is only installed on top.
recipe="4 $(chroot_sources "$name" | tr '\n' ' ')"
packages=$(chroot_packages "$name")

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$recipe" ]; then
	age=$(( $(date +%s) - $(stat -c %Y "$root/var/lib/apt/lists" 2>/dev/null || echo 0) ))
	if [ "$age" -gt $(( ${TANDEM_REFRESH_HOURS:-12} * 3600 )) ]; then
		log "refreshing package lists of the $name chroot"
		in_chroot "$root" apt-get update -qq >/dev/null
		touch "$root/var/lib/apt/lists"
	fi
	if [ "$(cat "$stamp.packages" 2>/dev/null)" != "$packages" ]; then
		log "installing into the $name chroot: $packages"
		# shellcheck disable=SC2086 # a word list
		in_chroot "$root" apt-get install -y -qq --no-install-recommends $packages >/dev/null ||
			die "cannot install $packages into the $name chroot"
		echo "$packages" >"$stamp.packages"
	fi
	exit 0
fi

log "making the $name chroot under $root (debootstrap, about a minute)"
rm -rf "$root"
mkdir -p "$root" "$TANDEM_CACHE/debs/$name"
debootstrap --variant=minbase --cache-dir="$TANDEM_CACHE/debs/$name" \
	--include="$(echo "$packages" | tr ' ' ,)" \
	"$name" "$root" "$DEBIAN_MIRROR" >"$root.log" 2>&1 ||
	die "debootstrap of $name failed; see $root.log"
chroot_sources "$name" >"$root/etc/apt/sources.list"
# Keep downloaded .debs between rebuilds of the chroot.  The mirror may be a
# frozen snapshot whose sid Release files are past their Valid-Until date.
cat >"$root/etc/apt/apt.conf.d/10tandem" <<'APT'
Binary::apt::APT::Keep-Downloaded-Packages "true";
Acquire::Check-Valid-Until "false";
APT
in_chroot "$root" apt-get update -qq >/dev/null
touch "$root/var/lib/apt/lists"
echo "$recipe" >"$stamp"
echo "$packages" >"$stamp.packages"
log "$name chroot ready"
