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

# ov COMMAND...: run COMMAND on the current layer over the current chroot.
ov() { in_chroot_overlay "$layer" "$root" "$@"; }

# modules_of VERSION: for every kernel with headers on the layer, one line
# "kernel module version abi signer" per tandem module DKMS installed.
# shellcheck disable=SC2016 # expanded by the chroot's shell
modules_script='
for ko in /lib/modules/*/updates/dkms/tandem_*.ko*; do
	[ -f "$ko" ] || continue
	k=${ko#/lib/modules/}
	m=${ko##*/}
	echo "${k%%/*} ${m%%.ko*} $(modinfo -F version "$ko") $(modinfo -F tandem_abi "$ko") signer=$(modinfo -F signer "$ko" | tr " " _)"
done'

# check_modules NAME VERSION KERNEL...: both modules of VERSION, one ABI id,
# for each kernel, and no other tandem module file anywhere.
check_modules() {
	local name=$1 v=$2 k en re
	shift 2
	mods=$(ov /bin/sh -c "$modules_script")
	for k in "$@"; do
		en=$(awk -v k="$k" '$1 == k && $2 == "tandem_en" { print $3, $4 }' <<<"$mods")
		re=$(awk -v k="$k" '$1 == k && $2 == "tandem_re" { print $3, $4 }' <<<"$mods")
		if [ "${en%% *}" = "$v" ] && [ "$en" = "$re" ]; then
			t_pass "$name: $k has tandem_en and tandem_re $v, one ABI id"
		else
			t_fail "$name: $k has tandem_en and tandem_re $v, one ABI id" \
				"tandem_en: ${en:-none}, tandem_re: ${re:-none}"
		fi
	done
	t_check "$name: no tandem module of another version is left" \
		test -z "$(awk -v v="$v" '$2 != "tandem_auxiliary" && $3 != v' <<<"$mods")"
}

# check_status NAME VERSION KERNEL...: dkms status says installed, per kernel.
check_status() {
	local name=$1 v=$2 k status
	shift 2
	status=$(ov dkms status 2>/dev/null)
	for k in "$@"; do
		if grep -F -e "tandem/$v, $k, " -e "tandem, $v, $k, " <<<"$status" | grep -q ': installed'; then
			t_pass "$name: dkms status: tandem $v installed for $k"
		else
			t_fail "$name: dkms status: tandem $v installed for $k" "dkms status: $(tr '\n' ';' <<<"$status")"
		fi
	done
}

# Every trace of tandem on the layer: files named for it, module
# dependencies naming it, DKMS entries.  (/tmp: the VM bench's sockets.)
tandem_traces() {
	# shellcheck disable=SC2016 # expanded by the chroot's shell
	ov /bin/sh -c '
		find / -xdev \( -path /proc -o -path /tmp -o -path /var/cache/apt -o -path /var/log \) -prune -o \
			-name "*tandem*" -print
		grep -l tandem /lib/modules/*/modules.dep 2>/dev/null
		dkms status 2>/dev/null | grep tandem
		true' 2>&1
}


# build_rpms: the .rpm of this tree and of the next version, in pkgdir.
build_rpms() {
	local next
	mkdir -p "$pkgdir"
	"$top/scripts/mkpkg" rpm -w -o "$pkgdir" >/dev/null 2>"$pkgdir/rpm.log" || return 1
	next=$(mktemp -d)
	(cd "$top" && git ls-files -co --exclude-standard -z | while IFS= read -r -d '' f; do
		[ -e "$f" ] && printf '%s\0' "$f"
	done | tar --null -T - -c) | tar -C "$next" -x
	echo "$next_version" >"$next/VERSION"
	"$next/scripts/mkpkg" rpm -o "$pkgdir" >/dev/null 2>>"$pkgdir/rpm.log" ||
		{ rm -rf "$next"; return 1; }
	rm -rf "$next"
}
