#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Leak check that does not trust the module: run one guest command in a
# memory cgroup of its own and check that the kernel memory charged to
# that cgroup comes back to where it was once every process of the
# command has gone.  Installed in the guest as /bin/sipc-memcg by
# tools/testing/mkinitramfs.sh; used as a prefix in the test lists:
#
#   sipc-memcg /tests/sipc_leak_test check
#
# (The command's name stays the test's: tools/testing/judge.py names a line
# by its first word holding a '/'.)
#
# sipc.ko allocates channels, endpoints, queue slots, region page arrays
# and region pages with GFP_KERNEL_ACCOUNT, so they are charged to the
# cgroup of the task that created them.  After the command:
#   1. every process left in the cgroup is killed (cgroup.kill), and
#      what the command mounted is unmounted;
#   2. settle: objects freed by RCU or by a deferred worker (task structs,
#      files closed by a dying task, kfree_rcu) need time;
#   3. writing memory.high=0 drains the per-CPU charge and object stocks
#      (drain_all_stock), which otherwise hold up to a page of slab
#      statistics per CPU, and reclaims what is reclaimable;
#   4. memory.stat is read after the periodic statistics flush (every 2 s
#      in 6.1), so its byte counters are exact.
# Steps 2-4 repeat until the counters are back or SIPC_MEMCG_SECS [10]
# have passed.  Checked, against the values of the fresh, empty cgroup:
# slab_unreclaimable (kmalloc: channel, endpoint, slots, page arrays),
# percpu, vmalloc, kernel_stack, pagetables, sock, and kernel minus the
# slab (region pages and every other accounted page).  Reclaimable slab
# (dentries, inodes) is left out: the kernel caches it past the command.
# The byte counters must match exactly (SIPC_MEMCG_SLACK [0] bytes are
# tolerated); kernel_noslab gets one page per CPU more: the object stock
# leaves a slab charge's sub-page remainder (objcg->nr_charged_bytes)
# charged until the cgroup goes away.
#
# Output: the command's own output, then one TAP block of its own ("1..1"
# and one result), so the judge's plan count stays right.  A command that
# skipped as a whole (exit 4) gets no extra line unless it leaked.  Exit
# status: the command's, or 1 if it passed but leaked.  Without a memory
# cgroup (no cgroup2 mount, no memory controller) the command runs as it
# is and the check is a SKIP line.
CGROOT=/sys/fs/cgroup
SECS=${SIPC_MEMCG_SECS:-10}
SLACK=${SIPC_MEMCG_SLACK:-0}
label="memcg: kernel memory charged by '$*' back to its baseline"

# stat CG: the checked counters, one "key value" a line, in bytes (as
# memory.stat gives them).
stat() {
	awk '{ v[$1] = $2 }
	END {
		n = split("slab_unreclaimable percpu vmalloc kernel_stack pagetables sock", k, " ")
		for (i = 1; i <= n; i++) print k[i], v[k[i]] + 0
		print "kernel_noslab", v["kernel"] - v["slab_reclaimable"] - v["slab_unreclaimable"]
	}' "$1/memory.stat"
}

if ! grep -qw memory "$CGROOT/cgroup.controllers" 2>/dev/null; then
	"$@"
	rc=$?
	[ "$rc" -eq 4 ] && exit 4
	echo "1..1"
	echo "ok 1 - $label # SKIP no cgroup2 memory controller at $CGROOT"
	exit "$rc"
fi
# The memory controller must be on for children of the root.
grep -qw memory "$CGROOT/cgroup.subtree_control" ||
	echo +memory >"$CGROOT/cgroup.subtree_control"

CG=$CGROOT/sipc-test.$$
mkdir "$CG" || { echo "not ok - memcg: cannot create $CG"; exit 1; }
base=/tmp/.sipc-memcg.$$
stat "$CG" >"$base"
mounts=/tmp/.sipc-memcg-mounts.$$
cat /proc/self/mountinfo >"$mounts"
pageslack=$((4096 * $(grep -c '^processor' /proc/cpuinfo) + SLACK))

# The command moves itself in before exec: nothing but it (and its
# children) is ever charged here.
# shellcheck disable=SC2016 # $$ and $@ are the inner shell's
sh -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$CG" "$@"
rc=$?

# Stragglers (a forked child that outlived the command) are killed, and
# what it mounted is unmounted: a mount (campaign_faultinj's debugfs) is
# charged to the cgroup and stays for the rest of the run otherwise.
grep -q '^populated 1' "$CG/cgroup.events" && echo 1 >"$CG/cgroup.kill"
awk 'NR == FNR { old[$1] = 1; next } !($1 in old) { print $5 }' "$mounts" \
	/proc/self/mountinfo | sort -r | while read -r m; do umount "$m"; done
rm -f "$mounts"
t0=$(cut -d. -f1 /proc/uptime)
while :; do
	if grep -q '^populated 0' "$CG/cgroup.events"; then
		echo 0 >"$CG/memory.high"
		echo max >"$CG/memory.high"
		sleep 3		# > FLUSH_TIME: memory.stat is flushed
		left=$(stat "$CG" | awk -v slack="$SLACK" -v pageslack="$pageslack" '
			NR == FNR { b[$1] = $2; next }
			{
				d = $2 - b[$1]
				s = $1 == "kernel_noslab" ? pageslack : slack
				if (d > s || d < -s) printf "%s %+d B; ", $1, d
			}' "$base" -)
		[ -z "$left" ] && break
	else
		left="processes still in the cgroup"
	fi
	[ $(($(cut -d. -f1 /proc/uptime) - t0)) -ge "$SECS" ] && break
	sleep 1
done
secs=$(($(cut -d. -f1 /proc/uptime) - t0))
rm -f "$base"

if [ -n "$left" ]; then
	echo "1..1"
	echo "not ok 1 - $label: after $secs s still $left"
	grep -E '^(kernel|slab|percpu|vmalloc|sock)' "$CG/memory.stat" | sed 's/^/# memory.stat: /'
	rmdir "$CG" 2>/dev/null
	{ [ "$rc" -eq 0 ] || [ "$rc" -eq 4 ]; } && rc=1
	exit "$rc"
fi
rmdir "$CG"
# A whole-program skip stays one skip, with the program's own reason.
[ "$rc" -eq 4 ] && exit 4
echo "1..1"
echo "ok 1 - $label (settled in $secs s)"
exit "$rc"
