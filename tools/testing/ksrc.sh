#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Print the path of an extracted Debian kernel source tree (package
# linux-source-6.1), extracting it first when needed.  Users: the selftests
# (-I$(ksrc)/tools/testing/selftests for kselftest_harness.h, used in place,
# never copied into the repo) and the KUnit/UML runner.
#
# The tree lives outside the repo, in ${SIPC_CACHE:-$HOME/.cache/sipc}, so it
# survives `make clean` and is shared by every checkout on the machine.
#
# A stamp file, written only after tar finished, records which tarball the
# tree came from.  No stamp (interrupted extraction, or a tree from elsewhere)
# or a different tarball (package upgrade) means: extract again.  Extraction
# goes to a temporary directory that is renamed into place, so a reader never
# sees a half-written tree, and flock serialises concurrent callers.
set -eu

TARBALL=${SIPC_KSRC_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
CACHE=${SIPC_CACHE:-$HOME/.cache/sipc}
NAME=linux-source-6.1		# top directory inside the tarball
DEST=$CACHE/$NAME
STAMP=$CACHE/.$NAME.stamp

if [ ! -r "$TARBALL" ]; then
	echo "ksrc: $TARBALL missing (run tools/install-deps.sh)" >&2
	exit 1
fi
# Identity of the tarball: changes when the package is upgraded.
want=$(stat -c '%s %Y' "$TARBALL")

current() { [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] && [ -d "$DEST" ]; }

if ! current; then
	mkdir -p "$CACHE"
	exec 9>"$CACHE/.$NAME.lock"
	flock 9
	# Someone else may have finished while we waited for the lock.
	if ! current; then
		echo "ksrc: extracting $TARBALL into $CACHE (about 10 s)" >&2
		rm -f "$STAMP"
		tmp=$(mktemp -d "$CACHE/.$NAME.tmp.XXXXXX")
		tar -xJf "$TARBALL" -C "$tmp"
		[ -f "$tmp/$NAME/Makefile" ] || { echo "ksrc: unexpected tarball layout" >&2; exit 1; }
		# Swap: rename the old tree away first, so the window without a
		# tree at $DEST is two renames long; delete it afterwards.
		old=""
		if [ -e "$DEST" ]; then
			old=$tmp.old
			mv "$DEST" "$old"
		fi
		mv "$tmp/$NAME" "$DEST"
		echo "$want" >"$STAMP"
		rm -rf "$tmp" ${old:+"$old"}
	fi
fi
echo "$DEST"
