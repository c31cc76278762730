# shellcheck shell=bash
# Shared helpers of the VM bench scripts.
# shellcheck source=scripts/matrix/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../matrix/lib.sh"
# shellcheck source=scripts/sanitize/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../sanitize/lib.sh"

export VM_CACHE=$TANDEM_CACHE/vm


# The guests' user space, from the target's own distro.
guest_packages() {
	echo bash busybox-static kmod iproute2 ethtool ibverbs-utils rdmacm-utils \
		ibverbs-providers perftest iperf3 nvme-cli libc-bin pciutils
}

# What the bench's verbs tools (tests/vm/tools) build with, in the chroot;
# only the tools go into the guests.
tool_build_packages() {
	echo gcc libc6-dev libibverbs-dev
}

# image_packages IMAGE: what a guest image beyond the plain one adds.  A
# scenario names its image in a "# bench-image: IMAGE" line.
#   pyverbs: python3 and rdma-core's Python bindings with the test suite
#   they ship (/usr/share/doc/rdma-core/tests).
image_packages() {
	case ${1:-} in
	'') ;;
	pyverbs) echo python3-pyverbs ;;
	*) return 1 ;;
	esac
}

# Install what the guests need into a chroot, once per package list.
ensure_guest_packages() {
	local chroot=$1 image=${2:-} root stamp pkgs
	root=$(chroot_dir "$chroot")
	stamp=$root/.tandem-guest-packages${image:+.$image}
	pkgs="$(guest_packages) $(tool_build_packages) $(image_packages "$image")"
	[ "$(cat "$stamp" 2>/dev/null)" = "$pkgs" ] && return 0
	log "installing the guests' user space into the $chroot chroot"
	# shellcheck disable=SC2086 # a word list
	in_chroot "$root" apt-get install -y -qq --no-install-recommends $pkgs \
		>"$root.guest.log" 2>&1 || die "cannot install $pkgs into $chroot; see $root.guest.log"
	echo "$pkgs" >"$stamp"
}

# The sanitizer kernel (scripts/sanitize/kernel.sh) is the target san-6.1:
# Debian 12's 6.1 with KASAN, lockdep and kmemleak, guests with Debian 12's
# user space, and the bundle built against its tree (scripts/sanitize/build.sh).
is_sanitize_target() { [ "$1" = san-6.1 ]; }

# Echo "chroot kver" for a matrix target, installing its headers if needed.
target_kernel() {
	local chroot suites line kver
	if is_sanitize_target "$1"; then
		if ! sanitize_kernel_cached || ! kver=$(sanitize_kver); then
			die "no sanitizer kernel in $san_kernel: 'make sanitize' builds it (about 2.5 hours on 2 cores)"
		fi
		"$(dirname "${BASH_SOURCE[0]}")/../matrix/chroot.sh" bookworm
		echo "bookworm $kver"
		return 0
	fi
	read -r chroot suites line < <(target_fields "$1") || die "no matrix target $1"
	"$(dirname "${BASH_SOURCE[0]}")/../matrix/chroot.sh" "$chroot"
	kver=$("$(dirname "${BASH_SOURCE[0]}")/../matrix/headers.sh" "$suites" "$line" "$chroot") ||
		die "no kernel for $1"
	echo "$chroot $kver"
}
