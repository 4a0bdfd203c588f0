# SPDX-License-Identifier: GPL-2.0-only
#
# Shared by the scripts that work on a Debian root (sourced, POSIX sh):
# deb-root-test.sh and selinux/selinux-bed.sh use the TAP helpers and
# in_root ($W: their work directory, $ROOT: the root); debroot.sh and
# selinux/selinux-root.sh use root_apt_install.

n=0
failed=0
ok() { n=$((n + 1)); echo "ok - $1"; }
nok() { n=$((n + 1)); failed=1; echo "not ok - $1"; }
# check DESCRIPTION COMMAND...: output to $W/host.log.
check() {
	local desc=$1; shift
	echo "# $desc: $*" >>"$W/host.log"
	if "$@" >>"$W/host.log" 2>&1; then ok "$desc"; else nok "$desc"; fi
}
finish() { echo "1..$n"; exit $failed; }
bail() { nok "$1"; finish; }
since() { echo $(($(date +%s) - $1)); }
# in_root CMD...: run CMD in the root with /proc and /dev, in a private
# mount namespace so that no mount outlives it.
in_root() {
	timeout -k 10 600 unshare --mount --propagation private sh -c '
		mount -t proc proc "$0/proc" && mount --bind /dev "$0/dev" || exit 1
		exec chroot "$0" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
			DEBIAN_FRONTEND=noninteractive LC_ALL=C "$@"' "$ROOT" "$@"
}

# find_debs: $debs, the .deb of each of $PKGS at $VERSION in $DEBS; bails
# out naming the first one missing.
find_debs() {
	debs=""
	for p in $PKGS; do
		f=$(ls "$DEBS/${p}_${VERSION}_"*.deb 2>/dev/null | head -n 1)
		[ -n "$f" ] || bail "no $DEBS/${p}_${VERSION}_*.deb (make deb)"
		debs="$debs $f"
	done
}

# root_apt_install ROOT LOG PACKAGE...: apt-get update and install the
# packages (no recommends) in ROOT's chroot, then clean apt's cache;
# output appended to LOG.  A private mount namespace: whatever a postinst
# mounts in the root goes away with it, even on failure.
root_apt_install() {
	_r=$1 _log=$2
	shift 2
	unshare --mount --propagation private sh -c '
		mount -t proc proc "$1/proc" && mount --bind /dev "$1/dev" || exit 1
		shift
		chroot "$0" apt-get update -qq &&
		DEBIAN_FRONTEND=noninteractive chroot "$0" \
			apt-get install -y -qq --no-install-recommends "$@" &&
		chroot "$0" apt-get clean' "$_r" "$_r" "$@" >>"$_log" 2>&1
}
