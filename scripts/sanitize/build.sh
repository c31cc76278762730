#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build the bundle against the cached sanitizer kernel (scripts/sanitize/kernel.sh)
# in that kernel's own chroot, with W=1, as the matrix builds for a distro
# kernel: the modules carry KASAN's and lockdep's instrumentation only when
# built against the kernel's own tree and configuration.
#
#   scripts/sanitize/build.sh      prints the build directory (lan/tandem_en.ko, ...)
#
# The build directory is per source tree, like the matrix's; make rebuilds
# only what changed.  It never builds the kernel: without a cached one it
# fails and says how to get it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
# shellcheck source=scripts/sanitize/lib.sh
. "$here/lib.sh"
log() { printf '%s\n' "sanitize: $*" >&2; }
die() { printf '%s\n' "sanitize: error: $*" >&2; exit 1; }

sanitize_kernel_cached || die "no sanitizer kernel in $san_kernel: 'make sanitize' builds it (about 2.5 hours on 2 cores)"

build=$san_cache/build/$(printf %s "$top" | cksum | cut -d' ' -f1)/tandem
mkdir -p "$build"
# tar keeps the files' times, so make redoes only what changed.
tar -C "$top" -c --exclude=.git --exclude=./build --exclude=./compat/generated \
	--exclude=./.probe-cache . | tar -C "$build" -x
# shellcheck disable=SC2016 # expanded by the chroot's shell
TANDEM_CHROOT_BIND="$san_src $build" in_chroot "$san_root" /bin/bash -c \
	'cd "$0" && make -j"$(nproc)" KDIR="$1" W=1' "$build" "$san_src" >"$build.log" 2>&1 ||
	die "the build against the sanitizer kernel failed; see $build.log"
! grep -E '(warning|error):' "$build.log" >&2 ||
	die "the build against the sanitizer kernel warned; see $build.log"
echo "$build"
