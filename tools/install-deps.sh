#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Install every Debian package SIPC needs to build, test and demo, on a fresh
# Debian 12 machine that has only git, make and sudo.  Idempotent: when all
# packages are present it does nothing (and needs no network).
#
# The guest kernel image and the headers must be the same version; both come
# from the linux-image-amd64 / linux-headers-amd64 metapackages, so apt picks
# matching versions, and tools/testing/kver.sh finds the version from the files.
set -eu

PKGS="
build-essential pkg-config
linux-image-amd64 linux-headers-amd64 linux-source-6.1 xz-utils
qemu-system-x86 busybox-static cpio gzip kmod
checkpolicy selinux-policy-dev policycoreutils semodule-utils libselinux1-dev
libjson-c-dev
gnuplot-nox
flex bison bc libelf-dev python3
sparse
debhelper dh-dkms lintian debootstrap
python3-pytest default-jdk-headless junit4 mono-devel
"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
echo "install-deps: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2
