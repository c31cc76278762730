# shellcheck shell=bash
# Where the sanitizer kernel lives (scripts/sanitize/kernel.sh builds it),
# for the scripts that use it.
# shellcheck source=scripts/matrix/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../matrix/lib.sh"

san_cache=$TANDEM_CACHE/sanitize
san_root=$san_cache/chroot	# Debian 12, where it was built
san_src=$san_cache/linux	# its build tree: what modules build against
san_kernel=$san_cache/kernel	# vmlinuz and lib/modules/<kver>, as scripts/vm/kernel.sh lays out a distro kernel

# True when a finished build is cached (kernel.sh writes .recipe last).
sanitize_kernel_cached() {
	[ -f "$san_kernel/.recipe" ] && [ -f "$san_kernel/vmlinuz" ] &&
		[ -f "$san_src/Module.symvers" ] && [ -f "$san_root/.tandem-chroot" ]
}

# The kernel's release (uname -r).
sanitize_kver() {
	local d
	for d in "$san_kernel"/lib/modules/*; do
		[ -d "$d" ] && { echo "${d##*/}"; return 0; }
	done
	return 1
}
