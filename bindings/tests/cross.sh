#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Cross-language transfers, run from the repo root by bindings/check.sh:
# 16 MiB of random bytes from a sender in one language to a receiver in
# another, through a channel of the sysv backend, compared by SHA-256.
# The programs are the bindings' examples and the C tools (sipc-send,
# sipc-recv), each a pipe from standard input to a channel or back.
#
# SIPC_BINDINGS_BUILT lists the bindings that were built; a pair that
# needs another one is skipped with the reason.  Prints TAP.
set -u
B=$PWD/build/bindings
T=$PWD/build/tools
export SIPC_BACKEND=sysv SIPC_SYSV_DIR=$B/sysv-cross
export LD_LIBRARY_PATH=$PWD/build/lib PYTHONPATH=$PWD/bindings/python PYTHONDONTWRITEBYTECODE=1
LIMIT=60	# seconds per program
BUILT=" c ${SIPC_BINDINGS_BUILT:-} "

# The programs: "LANG send|recv" -> the command (channel name appended).
prog() {
	case $1 in
	c) [ "$2" = send ] && echo "$T/sipc-send" || echo "$T/sipc-recv" ;;
	python) echo "/usr/bin/python3 bindings/python/examples/$2.py" ;;
	java) [ "$2" = send ] && c=Send || c=Recv
		echo "java -Djava.library.path=$B/java -cp $B/java/sipc.jar:$B/java/test-classes org.sipc.examples.$c" ;;
	csharp) [ "$2" = send ] && c=Send || c=Recv
		echo "mono $B/csharp/$c.exe" ;;
	esac
}

PAIRS="python:c java:csharp c:python csharp:java"
rm -rf "$SIPC_SYSV_DIR"
mkdir -p "$SIPC_SYSV_DIR"
data=$B/cross-16M.bin
head -c 16777216 /dev/urandom >"$data"
want=$(sha256sum <"$data" | cut -d' ' -f1)

echo "1..$(($(echo $PAIRS | wc -w) + 2))"
n=0
for pair in $PAIRS; do
	from=${pair%:*} to=${pair#*:}
	n=$((n + 1))
	what="cross $from sender -> $to receiver, 16 MiB, SHA-256 matches"
	case $BUILT in *" $from "*) ;; *) echo "ok $n - $what # SKIP $from binding not built"; continue ;; esac
	case $BUILT in *" $to "*) ;; *) echo "ok $n - $what # SKIP $to binding not built"; continue ;; esac
	chan=cross-$$-$n
	"$T/sipc-helper" --size 256K "$chan" || { echo "not ok $n - $what (sipc-helper)"; continue; }
	start=$(date +%s.%N)
	# Receiver's status through a file: it is the left side of a pipe.
	{ timeout -k 5 $LIMIT $(prog "$to" recv) "$chan"; echo $? >"$B/cross-recv.rc"; } |
		sha256sum >"$B/cross-recv.sum" &
	timeout -k 5 $LIMIT $(prog "$from" send) "$chan" <"$data"
	src=$?
	wait
	rrc=$(cat "$B/cross-recv.rc")
	got=$(cut -d' ' -f1 <"$B/cross-recv.sum")
	"$T/sipcctl" destroy "$chan"
	took=$(echo "$(date +%s.%N) $start" | awk '{ printf "%.2f", $1 - $2 }')
	if [ $src -eq 0 ] && [ "$rrc" -eq 0 ] && [ "$got" = "$want" ]; then
		echo "ok $n - $what (${took} s)"
	else
		echo "not ok $n - $what (sender exit $src, receiver exit $rrc, sha256 $got, want $want)"
	fi
done
n=$((n + 1))
left=$(ls -A "$SIPC_SYSV_DIR")
if [ -z "$left" ]; then
	echo "ok $n - cross: no registry entry left"
else
	echo "not ok $n - cross: registry entries left: $left"
fi
rm -f "$data"

# The guide shows these programs: each line of its code blocks (the first,
# a comment naming the program, aside) must be in one of them.
n=$((n + 1))
missing=$(awk '
	FNR == 1 { doc = (FILENAME ~ /bindings\.md$/) }
	!doc { sub(/^[ \t]+/, ""); have[$0] = 1; next }
	/^```(python|java|csharp)$/ { code = 1; first = 1; next }
	/^```$/ { code = 0; next }
	code && first { first = 0; next }
	code { line = $0; sub(/^[ \t]+/, "", line); if (line != "" && !(line in have)) print line }
' bindings/python/examples/*.py bindings/java/examples/org/sipc/examples/*.java \
	bindings/csharp/examples/*.cs Documentation/bindings.md)
if [ -z "$missing" ]; then
	echo "ok $n - Documentation/bindings.md shows the examples as they are"
else
	echo "not ok $n - Documentation/bindings.md differs from the examples: $(echo "$missing" | head -n 3 | tr '\n' '|')"
fi
