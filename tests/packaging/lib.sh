# shellcheck shell=bash
# What the packaging tests share: the packages built once per run, and a
# throwaway layer over a distro chroot to install them into.  The test sets
# top; the bundle checks read bundle (the archive) and bundle_tmp.
# shellcheck disable=SC2154,SC2034
# shellcheck source=tests/lib.sh
. "$top/tests/lib.sh"
# shellcheck source=scripts/matrix/lib.sh
. "$top/scripts/matrix/lib.sh"

version=$(cat "$top/VERSION")
# The next version: the same tree with VERSION's last number bumped.
next_version=$(awk -F. -v OFS=. '{ $NF = $NF + 1; print }' "$top/VERSION")
pkgdir=$top/build/packaging-test
export TANDEM_CHROOT_BIND=$pkgdir

# build_debs: tandem-dkms of this tree and of the next version, in pkgdir.
build_debs() {
	local next
	rm -rf "$pkgdir"
	mkdir -p "$pkgdir"
	"$top/scripts/mkpkg" deb -w -o "$pkgdir" >/dev/null || return 1
	next=$(mktemp -d)
	(cd "$top" && git ls-files -co --exclude-standard -z | while IFS= read -r -d '' f; do
		[ -e "$f" ] && printf '%s\0' "$f"
	done | tar --null -T - -c) | tar -C "$next" -x
	echo "$next_version" >"$next/VERSION"
	"$next/scripts/mkpkg" deb -o "$pkgdir" >/dev/null 2>"$pkgdir/next.log" ||
		{ rm -rf "$next"; return 1; }
	rm -rf "$next"
}

# layer_kernels LAYER ROOT: the kernels with headers on the layer (what
# DKMS can build for), one a line.
layer_kernels() {
	# shellcheck disable=SC2016 # expanded by the chroot's shell
	in_chroot_overlay "$1" "$2" /bin/sh -c '
		for d in /lib/modules/*/build/Makefile; do
			[ -f "$d" ] && basename "$(dirname "$(dirname "$d")")"
		done'
}

# check_bundle NAME ARCHIVE: what every support bundle must hold, whatever
# the machine: the file list of the archive is in $list, its text in $text.
bundle_has() {
	# bundle_has DESCRIPTION FILE [PATTERN]: FILE (a path in the archive,
	# below its top directory) is there, not empty, and has PATTERN.
	local desc=$1 f=$2 pat=${3:-}
	if ! tar -xzf "$bundle" -O --wildcards "*/$f" >"$bundle_tmp" 2>/dev/null || [ ! -s "$bundle_tmp" ]; then
		t_fail "$desc" "$f is missing or empty in $(basename "$bundle")"
	elif [ -n "$pat" ] && ! grep -qE -- "$pat" "$bundle_tmp"; then
		t_fail "$desc" "$f has no line matching '$pat'"
	else
		t_pass "$desc"
	fi
}

# bundle_lacks DESCRIPTION STRING: no file of the archive contains STRING.
bundle_lacks() {
	local d
	d=$(mktemp -d)
	tar -C "$d" -xzf "$bundle"
	if grep -rlF -- "$2" "$d" >"$bundle_tmp"; then
		t_fail "$1" "'$2' is still in $(sed "s|^$d/||" "$bundle_tmp" | head -n3 | tr '\n' ' ')"
	else
		t_pass "$1"
	fi
	rm -rf "$d"
}
