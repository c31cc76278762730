# shellcheck shell=bash
# Shared helpers of the matrix scripts: where the cache lives, what each
# chroot holds, and how to run a command inside one.

TANDEM_CACHE=${TANDEM_CACHE:-/var/cache/tandem}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
DEBIAN_SECURITY=${DEBIAN_SECURITY:-http://deb.debian.org/debian-security}
export TANDEM_CACHE

log() { printf '%s\n' "matrix: $*" >&2; }
die() { printf '%s\n' "matrix: error: $*" >&2; exit 1; }

chroot_dir() { printf '%s/chroots/%s\n' "$TANDEM_CACHE" "$1"; }

# Where, inside its chroot, the matrix builds a target (and leaves its
# modules): one directory per source tree, so that two trees (a CI clone and
# a work tree) can build in the same cached chroot at the same time.
target_build_dir() {
	printf '/build/%s/%s/tandem\n' "$1" "$(printf %s "${top:?}" | cksum | cut -d' ' -f1)"
}

# What a build chroot needs besides the kernel headers, which pull in the
# compiler the distro built that kernel with.  perl: W=1 runs kernel-doc.
chroot_packages() {
	local pkgs="ca-certificates make gcc libc6-dev kmod xz-utils perl"
	case "$1" in
	bookworm) pkgs="$pkgs sparse" ;;
	esac
	printf '%s\n' "$pkgs"
}

# The apt sources of each chroot: the release, its security updates and, where
# the matrix needs them, backports or experimental.
chroot_sources() {
	case "$1" in
	bullseye)
		echo "deb $DEBIAN_MIRROR bullseye main"
		echo "deb $DEBIAN_SECURITY bullseye-security main" ;;
	bookworm)
		echo "deb $DEBIAN_MIRROR bookworm main"
		echo "deb $DEBIAN_MIRROR bookworm-updates main"
		echo "deb $DEBIAN_MIRROR bookworm-backports main"
		echo "deb $DEBIAN_SECURITY bookworm-security main" ;;
	trixie)
		echo "deb $DEBIAN_MIRROR trixie main"
		echo "deb $DEBIAN_MIRROR trixie-updates main"
		echo "deb $DEBIAN_SECURITY trixie-security main" ;;
	sid)
		echo "deb $DEBIAN_MIRROR sid main"
		echo "deb $DEBIAN_MIRROR experimental main" ;;
	*) die "unknown chroot $1" ;;
	esac
}

# Run a command inside a chroot with a clean environment.  It gets a private
# mount namespace with /proc (objtool reads it) and, bound at the same path,
# each host directory named in TANDEM_CHROOT_BIND; nothing stays mounted on
# the host afterwards, whatever way it ends.  If the caller is killed, so is
# the command (--kill-child).  The mount points made for the binds are
# removed again, so that runs leave no trace in the shared chroot.
in_chroot() {
	local root=$1 d i status=0 made=() tops=()
	shift
	# Each bind whose mount point is new, and the top of what is new.
	for d in ${TANDEM_CHROOT_BIND:-}; do
		[ ! -d "$root$d" ] || continue
		made+=("$d") && tops+=("$d")
		while [ "${tops[-1]%/*}" ] && [ ! -d "$root${tops[-1]%/*}" ]; do
			tops[-1]=${tops[-1]%/*}
		done
	done
	# shellcheck disable=SC2016 # expanded by the inner shell
	unshare --mount --fork --kill-child /bin/sh -c '
		root=$0
		mount -t proc proc "$root/proc" || exit 1
		for d in $TANDEM_CHROOT_BIND; do
			mkdir -p "$root$d" && mount --bind "$d" "$root$d" || exit 1
		done
		exec chroot "$root" "$@"' \
		"$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@" || status=$?
	# The namespace is gone with the command: these are empty directories
	# (unless a later run made its own below them).
	for i in "${!made[@]}"; do
		d=${made[$i]}
		while rmdir "$root$d" 2>/dev/null && [ "$d" != "${tops[$i]}" ]; do
			d=${d%/*}
		done
	done
	return "$status"
}

# The columns of one target in scripts/matrix/targets: chroot suites line.
target_fields() {
	awk -v t="$1" '$1 == t { print $2, $3, $4; found = 1 } END { exit !found }' \
		"$(dirname "${BASH_SOURCE[0]}")/targets"
}

# in_chroot_overlay LAYER ROOT COMMAND...: like in_chroot, but on a
# throwaway layer over the chroot ROOT, so that nothing the command does
# (installing packages, say) reaches ROOT, which other jobs share.  LAYER
# is a directory of ours: its upper/ keeps the changes from one call to the
# next, until the caller deletes LAYER.  Downloaded .debs go to
# TANDEM_CHROOT_APT_CACHE if set (kept between runs); TANDEM_CHROOT_HOSTNAME
# gives the command a host name of its own (a private UTS namespace).
in_chroot_overlay() {
	local layer=$1 root=$2
	shift 2
	mkdir -p "$layer/upper" "$layer/work" "$layer/merged"
	[ -z "${TANDEM_CHROOT_APT_CACHE:-}" ] || mkdir -p "$TANDEM_CHROOT_APT_CACHE/partial"
	# shellcheck disable=SC2016 # expanded by the inner shell
	unshare --mount --uts --fork --kill-child /bin/sh -c '
		layer=$0 lower=$1
		shift
		m=$layer/merged
		mount -t overlay overlay -o "lowerdir=$lower,upperdir=$layer/upper,workdir=$layer/work" "$m" || exit 1
		mount -t proc proc "$m/proc" || exit 1
		mount --bind /dev "$m/dev" || exit 1
		if [ -n "$TANDEM_CHROOT_APT_CACHE" ]; then
			mount --bind "$TANDEM_CHROOT_APT_CACHE" "$m/var/cache/apt/archives" || exit 1
		fi
		for d in $TANDEM_CHROOT_BIND; do
			mkdir -p "$m$d" && mount --bind "$d" "$m$d" || exit 1
		done
		[ -z "$TANDEM_CHROOT_HOSTNAME" ] || hostname "$TANDEM_CHROOT_HOSTNAME" || exit 1
		exec chroot "$m" "$@"' \
		"$layer" "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}
