#!/bin/bash
# Install the newest kernel headers of one matrix target into its chroot and
# print the kernel release they are for (what `uname -r` would say there).
#
#   scripts/matrix/headers.sh SUITES LINE CHROOT
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/matrix/lib.sh
. "$here/lib.sh"

suites=${1:?usage: headers.sh SUITES LINE CHROOT}
line=${2:?}
root=$(chroot_dir "${3:?}")

# madison lists the versions of the metapackage newest first, with the suite
# of each; take the first one from any of our suites.
read -r version suite < <(in_chroot "$root" apt-cache madison linux-headers-amd64 |
	awk -F'|' -v suites=",$suites," '{
		gsub(/ /, "", $2); split($3, where, " "); split(where[2], s, "/")
		if (index(suites, "," s[1] ",")) { print $2, s[1]; exit }
	}') || die "no linux-headers-amd64 in $suites (is the $3 chroot current?)"
case "$version" in
"$line".*) ;;
*) die "the newest headers in $suites are $version, not of the $line line" ;;
esac

# The metapackage depends on the headers of one kernel ABI: that is ours.
pkg=$(in_chroot "$root" apt-cache show "linux-headers-amd64=$version" |
	sed -n 's/^Depends:.*\(linux-headers-[^ ,]*-amd64\) (=.*/\1/p' | head -n1)
[ -n "$pkg" ] || die "cannot tell which headers linux-headers-amd64 $version stands for"
# shellcheck disable=SC2016 # a dpkg-query format, not a shell expansion
if ! in_chroot "$root" dpkg-query -W -f '${Status}\n' "$pkg" 2>/dev/null | grep -q 'ok installed'; then
	log "installing $pkg ($version) from $suite into the $3 chroot"
	in_chroot "$root" apt-get install -y -qq --no-install-recommends -t "$suite" "$pkg" \
		>"$root.apt.log" 2>&1 || die "installing $pkg failed; see $root.apt.log"
fi
echo "${pkg#linux-headers-}"
