#!/bin/bash
# Install the newest kernel headers of one matrix target into its chroot and
# print the kernel release they are for (what `uname -r` would say there).
#
#   scripts/matrix/headers.sh SUITES LINE[/FLAVOUR] CHROOT
#
# FLAVOUR picks another of Debian's amd64 kernel flavours: rt takes the
# headers of linux-headers-rt-amd64 (PREEMPT_RT) instead of
# linux-headers-amd64.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/matrix/lib.sh
. "$here/lib.sh"

suites=${1:?usage: headers.sh SUITES LINE[/FLAVOUR] CHROOT}
line=${2%%/*}
meta=linux-headers-amd64
[ "$line" = "$2" ] || meta=linux-headers-${2#*/}-amd64
root=$(chroot_dir "${3:?}")

# madison lists the versions of the metapackage newest first, with the suite
# of each; take the first one from any of our suites.
read -r version suite < <(in_chroot "$root" apt-cache madison "$meta" |
	awk -F'|' -v suites=",$suites," '{
		gsub(/ /, "", $2); split($3, where, " "); split(where[2], s, "/")
		if (index(suites, "," s[1] ",")) { print $2, s[1]; exit }
	}') || die "no $meta in $suites (is the $3 chroot current?)"
case "$version" in
"$line".*) ;;
*) die "the newest headers in $suites are $version, not of the $line line" ;;
esac

# The metapackage depends on the headers of one kernel ABI: that is ours.
pkg=$(in_chroot "$root" apt-cache show "$meta=$version" |
	sed -n 's/^Depends:.*\(linux-headers-[^ ,]*-amd64\) (=.*/\1/p' | head -n1)
[ -n "$pkg" ] || die "cannot tell which headers $meta $version stands for"
# shellcheck disable=SC2016 # a dpkg-query format, not a shell expansion
if ! in_chroot "$root" dpkg-query -W -f '${Status}\n' "$pkg" 2>/dev/null | grep -q 'ok installed'; then
	log "installing $pkg ($version) from $suite into the $3 chroot"
	in_chroot "$root" apt-get install -y -qq --no-install-recommends -t "$suite" "$pkg" \
		>"$root.apt.log" 2>&1 || die "installing $pkg failed; see $root.apt.log"
fi
echo "${pkg#linux-headers-}"
