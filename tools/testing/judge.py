#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The judge of the SIPC test bed: turns what a test run left behind (a
console log, TAP files, exit codes) into TAP results that
tools/testing/check.sh counts.

  judge.py names [LIST...]        name each command of test lists
  judge.py host --prefix P --name N --rc RC FILE
                                  judge one host command's TAP output
  judge.py guest --console LOG --list LIST --results DIR --qemu-rc RC ...
                                  judge a QEMU guest run
  judge.py debug-reports LOG      debug-kernel reports in a console log
  judge.py kunit --console LOG --ktap OUT --rc RC [--suites-from C...]
                                  flatten KUnit's KTAP, match splats to cases
  judge.py suite --name S --rc RC --results DIR
                                  a suite that failed silently or said nothing
  judge.py summary [FILE|DIR...]  "N passed, N failed[, N skipped]"

Only unindented "ok" and "not ok" lines are results (kselftest prints
flat TAP; nested KTAP subtests are indented, their parent line carries the
verdict).  Every failure a TAP line alone would not show becomes a
"not ok" line of its own, so that counting lines is the whole verdict.
Exit status: 0 when everything passed, 1 when something failed, 2 when
the judge itself failed (a traceback on stderr).  Tested by
tools/testing/tests/test_judge.py.
"""

import argparse
import glob
import os
import re
import sys
import traceback

RESULT = re.compile(r"^(not )?ok([ \t]|$)")
FAILED = re.compile(r"^not ok([ \t]|$)")
PLAN = re.compile(r"^1\.\.([0-9]+)")
SKIP = re.compile(r"#[ \t]*[Ss][Kk][Ii][Pp]")

# Kernel trouble on the guest console.  UBSAN reports start with none of
# the others' words.
GUEST_SPLAT = re.compile(r"Oops|BUG:|WARNING:|UBSAN:|Call Trace|soft lockup|hung_task"
                         r"|blocked for more than|Kernel panic")
# What the debug kernel (KASAN, lockdep, kmemleak, RCU) reports besides.
DEBUG_REPORT = re.compile(r"kernel BUG at|general protection fault|BUG: KASAN|UBSAN:"
                          r"|DEBUG_LOCKS_WARN_ON|turning off the locking correctness validator"
                          r"|kmemleak: [0-9]+ new suspected|INFO: (possible|task)|stalls? on CPU")
# A splat while KUnit runs; it fails the case that was running.
KUNIT_SPLAT = re.compile(r"BUG: |WARNING:|UBSAN:|Oops|general protection fault|Kernel panic")
# How many splat lines are worth reporting.
MAX_SPLATS = 20
# printk's time stamp, which the console and dmesg print alike.
TIMESTAMP = re.compile(r"^\[ *[0-9]+\.[0-9]+\] ")


def read_lines(path):
    """Lines split on "\\n" only (as awk and grep do), bytes kept as they are."""
    with open(path, encoding="utf-8", errors="surrogateescape", newline="") as f:
        text = f.read()
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


# A kernel-log marker (guest-init.sh's kmark) printed by the kernel straight
# to the serial port while the port was still sending a line the guest's
# /init or a test had written: "=== SIPC-BEGIN l[  1.2] === SIPC-KMSG-BEGIN
# x" and then "ibsipc_stream_test: ..." on the next line.
KMSG_SPLICE = re.compile(r"^(.+?)(\[ *[0-9]+\.[0-9]+\] === SIPC-KMSG-.*)$")


def console_lines(path):
    """A guest console's lines, each kernel marker cut out of the line it
    landed in and the two halves of that line joined again."""
    carry = ""
    for line in read_lines(path):
        line = carry + line
        carry = ""
        m = KMSG_SPLICE.match(line)
        if m and not TIMESTAMP.match(line):
            yield m.group(2)
            carry = m.group(1)
        else:
            yield line
    if carry:
        yield carry


def write_lines(path, lines, mode="w"):
    with open(path, mode, encoding="utf-8", errors="surrogateescape") as f:
        for line in lines:
            f.write(line + "\n")


def has_failure(lines):
    """Whether a file fails its run (as grep '^not ok' said before)."""
    return any(line.startswith("not ok") for line in lines)


# ---- names ---------------------------------------------------------------

def command_name(cmd):
    """A command's name: the basename of its first word holding a '/' (else
    of its first word that is no VAR=value), minus .sh, in a file name's
    alphabet."""
    words = [w for w in re.split(r"[ \t\n]+", cmd) if w]
    word = next((w for w in words if "/" in w and "=" not in w), None)
    if word is None:
        word = next((w for w in words if "=" not in w), "")
    word = re.sub(r"[;&|)]+$", "", word)
    word = word.rsplit("/", 1)[-1]
    word = re.sub(r"\.sh$", "", word)
    word = re.sub(r"[^A-Za-z0-9_.-]", "_", word)
    return word or "cmd"


def named_commands(lines):
    """(name, command) for each command line; repeats get -2, -3..."""
    seen = {}
    for line in lines:
        line = re.sub(r"[ \t\r]+$", "", re.sub(r"^[ \t]+", "", line))
        if line == "" or line.startswith("#"):
            continue
        name = command_name(line)
        seen[name] = seen.get(name, 0) + 1
        yield (name if seen[name] == 1 else "%s-%d" % (name, seen[name])), line


def cmd_names(args):
    lines = []
    for path in args.lists or ["-"]:
        if path == "-":
            lines += sys.stdin.read().split("\n")
        else:
            lines += read_lines(path)
    for name, cmd in named_commands(lines):
        print(name, cmd)
    return 0


# ---- one command's verdict ----------------------------------------------

class Output:
    """What one command printed, as far as judging goes."""

    def __init__(self):
        self.plan = -1          # sum of the plans, -1 for none
        self.nres = 0
        self.nfail = 0
        self.skip = None        # the reason of a "1..0 # SKIP ..." plan

    def add(self, line):
        m = PLAN.match(line)
        if m:
            self.plan = max(self.plan, 0) + int(m.group(1))
            if int(m.group(1)) == 0 and SKIP.search(line):
                self.skip = SKIP.split(line, 1)[1].strip() or "no reason given"
        if RESULT.match(line):
            self.nres += 1
            if FAILED.match(line):
                self.nfail += 1


def verdict(out, rc, why, label):
    """The "not ok" lines that the exit status and the plan add to a
    command's TAP.  rc is the exit status as text (None if the command
    never ended); why is a failure already known (a time-out, no end
    marker) or None."""
    extra = []
    plan = out.plan
    if why is None and rc == "4":
        # KSFT_SKIP: the whole program skipped.  Count it once as skipped
        # unless it printed results of its own.
        if out.nres == 0:
            extra.append("ok - %s # SKIP exit code 4 (KSFT_SKIP)" % label)
            plan = -1
    elif why is None and rc != "0":
        if not out.nfail:   # else a "not ok" line explains it
            why = "exit code " + rc
    elif why is None and plan < 0 and out.nres == 0:
        # A runner that says nothing must not pass by saying nothing.
        why = "no TAP output (no plan, no result)"
    elif why is None and plan == 0 and out.nres == 0:
        # "1..0": a skip only when it says so, with its reason.
        if out.skip is not None:
            extra.append("ok - %s # SKIP %s" % (label, out.skip))
        else:
            why = "planned no tests (1..0 without # SKIP)"
    if plan >= 0 and out.nres != plan:
        extra.insert(0, "not ok - %s: planned %d results, got %d" % (label, plan, out.nres))
    if why:
        extra.append("not ok - %s: %s" % (label, why))
    return extra


def cmd_host(args):
    out = Output()
    lines = read_lines(args.file) if os.path.exists(args.file) else []
    for line in lines:
        out.add(line)
    why = "timed out" if args.rc in ("124", "137") else None
    label = "%s %s" % (args.prefix, args.name)
    extra = verdict(out, args.rc, why, label)
    if args.require_plan and out.plan < 0 and out.nres and args.rc != "4":
        # For runners that always print one (the bindings' TAP writers):
        # results without a plan mean output was lost.
        extra.append("not ok - %s: no TAP plan" % label)
    write_lines(args.file, extra, "a")
    return 1 if has_failure(lines + extra) else 0


# ---- a guest run ---------------------------------------------------------

class GuestRun:
    """One pass over a guest console (markers of tools/testing/guest-init.sh)."""

    def __init__(self, results, prefix, tests):
        self.results = results
        self.prefix = prefix
        self.tests = tests      # False in demo mode: no TAP files
        self.cur = None
        self.lines = []
        self.out = None
        self.started = []
        self.written = {}       # file -> its lines
        self.insmod = None
        self.payload = None
        self.done = False
        self.splats = []
        self.kcur = None        # the test between kernel-log markers
        self.ksplats = {}       # test -> its splats
        self.seen = set()       # splats already counted (the dump repeats them)

    def path(self, name):
        return os.path.join(self.results, "%s-%s.tap" % (self.prefix, name))

    def close(self, rc, why):
        label = "%s %s" % (self.prefix, self.cur)
        self.written[self.path(self.cur)] = self.lines + verdict(self.out, rc, why, label)
        self.cur = None

    def splat(self, line):
        """A kernel splat: the test between the kernel-log markers gets it,
        else the run.  The final dmesg dump repeats what the console showed
        live: each splat counts once."""
        key = (self.kcur, TIMESTAMP.sub("", line))
        if key in self.seen:
            return
        self.seen.add(key)
        if self.kcur is not None and self.tests:
            found = self.ksplats.setdefault(self.kcur, [])
            if len(found) < MAX_SPLATS:
                found.append(line)
        elif len(self.splats) < MAX_SPLATS:
            self.splats.append(line)

    def feed(self, line):
        if "=== SIPC-" in line:
            # A kernel message or terminal escape may precede a marker.
            line = line[line.rindex("=== SIPC-"):]
        words = line.split()
        if line.startswith("=== SIPC-KMSG-BEGIN "):
            self.kcur = words[2] if len(words) > 2 else None
            return
        if line.startswith("=== SIPC-KMSG-END "):
            self.kcur = None
            return
        if line.startswith("=== SIPC-DMESG-BEGIN"):
            self.kcur = None    # the dump starts at boot
        if line.startswith("=== SIPC-INSMOD "):
            self.insmod = words[2] if len(words) > 2 else ""
            return
        if line.startswith("=== SIPC-BEGIN ") and self.tests:
            if self.cur is not None:
                self.close(None, "no end marker")
            self.cur = re.sub(r":$", "", words[2] if len(words) > 2 else "")
            self.started.append(self.cur)
            self.lines = []
            self.out = Output()
            return
        if line.startswith("=== SIPC-END ") and self.cur is not None:
            rc = re.sub(r"^rc=", "", words[3] if len(words) > 3 else "")
            why = None
            if line.endswith(" timeout"):
                why = "timed out (%s)" % (words[4] if len(words) > 4 else "")
            self.close(rc, why)
            return
        if line.startswith("=== SIPC-PAYLOAD-END "):
            self.payload = line
        if line.startswith("=== SIPC-DONE"):
            self.done = True
        if line.startswith("=== SIPC-"):
            return
        if self.cur is not None:
            self.lines.append(line)
            self.out.add(line)
        # Test output (results and diagnostics) is not kernel output: a test
        # may well be called "hung_task_test".
        if RESULT.match(line) or line.startswith("#"):
            return
        if GUEST_SPLAT.search(line):
            self.splat(line)

    def finish(self, listed, qemu_rc, limit):
        """The run-level failures, as "not ok" lines."""
        if self.cur is not None:
            self.close(None, "no end marker (guest died or hit the time limit)")
        if self.tests:
            for name in listed:
                if name not in self.started:
                    self.written[self.path(name)] = [
                        "not ok - %s %s: did not run" % (self.prefix, name)]
            for name, found in self.ksplats.items():
                self.written.setdefault(self.path(name), []).extend(
                    "not ok - %s %s: kernel splat while it ran: %s" % (self.prefix, name, s)
                    for s in found)
        p = self.prefix
        fails = []
        if qemu_rc in (124, 137):
            fails.append("not ok - %s: no power-off within %s s (killed)" % (p, limit))
        elif not self.done:
            fails.append("not ok - %s: ended without finishing (qemu exit %d)" % (p, qemu_rc))
        if self.insmod != "rc=0":
            fails.append("not ok - %s: insmod sipc.ko %s" % (
                p, "not reached" if self.insmod is None else "failed, " + self.insmod))
        if self.tests and not listed and not self.started:
            fails.append("not ok - %s: no test listed, none ran" % p)
        if not self.tests and not re.search(r" rc=0 ", self.payload or ""):
            fails.append("not ok - %s: demo payload failed: %s" % (p, self.payload or ""))
        fails += ["not ok - %s: kernel: %s" % (p, s) for s in self.splats]
        return fails


def cmd_guest(args):
    listed = []
    if not args.demo and args.list and os.path.exists(args.list):
        for line in read_lines(args.list):
            words = line.split()
            if words:
                listed.append(words[0])
    run = GuestRun(args.results, args.prefix, not args.demo)
    for line in console_lines(args.console) if os.path.exists(args.console) else []:
        run.feed(line)
    fails = run.finish(listed, args.qemu_rc, args.limit)
    if not args.demo:
        os.makedirs(args.results, exist_ok=True)
        for path, lines in run.written.items():
            write_lines(path, lines)
        boot = run.path("boot")
        if fails:
            write_lines(boot, fails)
        elif boot not in run.written and os.path.exists(boot):
            os.remove(boot)     # an earlier run's
    for line in fails:
        print(line, file=sys.stderr)
    if fails or any(has_failure(lines) for lines in run.written.values()):
        return 1
    return 0


def cmd_debug_reports(args):
    """TAP for the reports of the debug kernel's checkers in a console log
    (kernel lines only: TAP lines and diagnostics are test output)."""
    found = []
    seen = set()
    test = None     # between kernel-log markers (tools/testing/guest-init.sh)
    for line in console_lines(args.console):
        if "=== SIPC-" in line:
            marker = line[line.rindex("=== SIPC-"):].split()
            if marker[1] == "SIPC-KMSG-BEGIN" and len(marker) > 2:
                test = marker[2]
            elif marker[1] in ("SIPC-KMSG-END", "SIPC-DMESG-BEGIN"):
                test = None
            continue
        if line.startswith(("#", "ok ", "not ok ")):
            continue
        key = (test, TIMESTAMP.sub("", line))
        if DEBUG_REPORT.search(line) and key not in seen and len(found) < MAX_SPLATS:
            seen.add(key)
            where = " (while %s ran)" % test if test else ""
            found.append("not ok - %s%s: %s" % (args.title, where, line))
    if not found:
        print("ok 1 - %s: no KASAN, lockdep, kmemleak or BUG report" % args.title)
        return 0
    for line in found:
        print(line)
        print(line, file=sys.stderr)
    return 1


# ---- KUnit ---------------------------------------------------------------

def kunit_suites(sources):
    """The .name of every struct kunit_suite in the C sources."""
    names = []
    for path in sources:
        in_suite = False
        for line in read_lines(path):
            if re.search(r"struct kunit_suite .* = \{", line):
                in_suite = True
            if in_suite and re.search(r"\.name[ \t]*=", line):
                q = line.split('"')
                names.append(q[1] if len(q) > 1 else "")
                in_suite = False
    return names


class KunitRun:
    """The console of a UML KUnit run, flattened to one TAP line per case.
    A case fails when KUnit says so or when the kernel printed a splat
    while it ran (in 6.1 a KASAN report alone does not fail a case)."""

    END = re.compile(r"List of all partitions:|Kernel panic - not syncing: VFS:"
                     r"|reboot: System halted")

    def __init__(self):
        self.out = []           # (line, [diagnostics])
        self.failed = 0
        self.diags = []         # said during the current case
        self.nsplat = 0
        self.splat = ""
        self.suite = None
        self.plan = self.ncase = self.ncases = 0
        self.done = set()
        self.started = self.ended = False
        self.prefix = 0
        self.nout = 0
        self.outside = ""
        self.top = 0
        self.ktap = []

    def emit(self, ok, name, diag=""):
        n = len(self.out) + 1
        lines = [] if ok else ["# " + d for d in self.diags]
        if diag:
            lines.append("# " + diag)
        if not ok:
            self.failed += 1
        self.out.append(("%s %d %s" % ("ok" if ok else "not ok", n, name), lines))
        self.diags = []     # what was said goes with this line only

    def splat_diag(self):
        s = ""
        if self.nsplat:
            s = "%d kernel splat(s) during the case, first: %s" % (self.nsplat, self.splat)
        self.nsplat = 0
        return s

    def close_suite(self):
        if self.suite is None:
            return
        if self.ncase < self.plan:
            self.emit(False, self.suite + ".(unreported)",
                      "only %d of %d cases reported: the kernel crashed or hung"
                      % (self.ncase, self.plan))
        elif self.nsplat:
            self.emit(False, self.suite + ".(suite exit)", self.splat_diag())
        self.done.add(self.suite)
        self.suite = None
        self.nsplat = 0

    def feed(self, raw):
        raw = re.sub(r"\r$", "", raw)
        # The KTAP is cut out as kunit.py does: from "KTAP version", minus
        # the console's prefix, up to the shutdown message.
        if not self.started and re.search(r"KTAP version [0-9]+$", raw):
            self.started = True
            self.prefix = raw.index("KTAP version")
        if self.started and not self.ended and self.END.search(raw):
            self.ended = True
        inside = self.started and not self.ended
        line = raw[self.prefix:] if inside else raw
        if inside:
            self.ktap.append(line)
        if KUNIT_SPLAT.search(line):
            if self.suite is not None:
                if not self.nsplat:
                    self.splat = line
                self.nsplat += 1
            else:
                if not self.nout:
                    self.outside = line
                self.nout += 1
        if not inside:
            return
        m = re.search(r"[^ ]", line)
        ind = m.start() if m else -1
        body = line[ind:] if m else line
        lvl = int(ind / 4)
        suite = self.suite
        if lvl == 1 and body.startswith("# Subtest: "):
            self.close_suite()
            self.suite = body[11:]
            self.plan = self.ncase = 0
            self.diags = []
        elif lvl == 1 and re.match(r"^1\.\.[0-9]+$", body) and suite is not None:
            self.plan = int(body[3:])
        elif lvl == 2 and re.match(r"^not ok [0-9]+ ", body) and suite is not None:
            if len(self.diags) < MAX_SPLATS:
                rest = body[7:]
                self.diags.append("failed: " + rest[rest.index(" ") + 1:])
        elif lvl == 1 and re.match(r"^(not )?ok [0-9]+ ", body) and suite is not None:
            self.case(body)
        elif lvl == 0 and re.match(r"^(not )?ok [0-9]+ ", body):
            self.close_suite()
        elif lvl == 0 and re.match(r"^1\.\.[0-9]+$", body):
            self.top = int(body[3:])
        elif (suite is not None and body != ""
              and not re.match(r"^(KTAP version |1\.\.|# Subtest: |ok )", body)
              and not re.search(r": pass:[0-9]+ fail:[0-9]+", body)):
            # Anything else said during a case: kept for its "not ok" line.
            if len(self.diags) < MAX_SPLATS:
                self.diags.append(body[2:] if body.startswith("# ") else body)

    def case(self, body):
        ok = not body.startswith("not ")
        rest = body[3:] if ok else body[7:]
        rest = rest[rest.index(" ") + 1:]
        name, directive = rest, ""
        p = rest.find(" # ")
        if p >= 0:
            name, directive = rest[:p], rest[p:]
        if name.startswith(self.suite + "_test_"):
            name = name[len(self.suite) + 6:]
        self.ncase += 1
        self.ncases += 1
        sd = self.splat_diag()
        self.emit(ok and not sd, self.suite + "." + name + directive, sd)

    def finish(self, rc, expect):
        self.close_suite()
        if self.top > len(self.done):
            self.emit(False, "kunit.(suites)", "only %d of %d suites reported"
                      % (len(self.done), self.top))
        for name in expect:
            if name and name not in self.done:
                self.emit(False, name + ".(suite)", "suite did not run")
        if self.nout:
            self.emit(False, "kunit.(log)", "%d kernel splat(s) outside any test case, first: %s"
                      % (self.nout, self.outside))
        if rc != 0 and (not self.failed or not self.ncases):
            self.emit(False, "kunit.(kunit.py)",
                      "kunit.py failed with exit status %d, see build/kunit.log" % rc)
        if not self.out:
            self.emit(False, "kunit.(results)", "no test results in the console log")
        lines = []
        for line, diags in self.out:
            lines.append(line)
            lines += diags
        lines.append("1..%d" % len(self.out))
        return lines


def cmd_kunit(args):
    run = KunitRun()
    for line in read_lines(args.console) if os.path.exists(args.console) else []:
        run.feed(line)
    lines = run.finish(args.rc, kunit_suites(args.suites_from))
    write_lines(args.ktap, run.ktap)
    for line in lines:
        print(line)
    return 1 if run.failed else 0


# ---- suites and the summary ---------------------------------------------

def tap_files(args):
    files = []
    for a in args:
        if os.path.isdir(a):
            files += sorted(f for f in glob.glob(os.path.join(glob.escape(a), "*.tap"))
                            if os.path.isfile(f))
        elif os.path.isfile(a):
            files.append(a)
    return files


def cmd_suite(args):
    """A suite's runner that failed without a "not ok" line, or wrote no
    result at all, gets one: a broken or silent runner can never pass."""
    lines = []
    for f in sorted(glob.glob(os.path.join(glob.escape(args.results), args.name + "-*.tap"))):
        lines += read_lines(f)
    why = None
    if args.rc != 0 and not any(line.startswith("not ok") for line in lines):
        why = "runner failed (exit %d)" % args.rc
    elif not any(RESULT.match(line) for line in lines):
        why = "no test results (runner exit %d)" % args.rc
    if why is None:
        return 0
    write_lines(os.path.join(args.results, args.name + "-runner.tap"),
                ["not ok - suite %s: %s" % (args.name, why)])
    return 1


def cmd_summary(args):
    npass = nfail = nskip = 0
    for f in tap_files(args.paths or ["build/results"]):
        shown = False
        for line in read_lines(f):
            if re.match(r"^ok([ \t]|$)", line):
                if SKIP.search(line):
                    nskip += 1
                else:
                    npass += 1
            elif FAILED.match(line):
                nfail += 1
                if not shown:
                    print("FAIL " + os.path.basename(f))
                    shown = True
                print("  " + line)
    s = "%d passed, %d failed" % (npass, nfail)
    if nskip:
        s += ", %d skipped" % nskip
    print(s)
    return 1 if nfail or npass + nfail == 0 else 0


def main(argv):
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(encoding="utf-8", errors="surrogateescape")
    ap = argparse.ArgumentParser(prog="judge.py", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)

    p = sub.add_parser("names", help="name the commands of test lists")
    p.add_argument("lists", nargs="*", metavar="LIST")
    p.set_defaults(func=cmd_names)

    p = sub.add_parser("host", help="judge one host command's output, in place")
    p.add_argument("--prefix", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--rc", required=True)
    p.add_argument("--require-plan", action="store_true",
                   help="results without a plan fail")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_host)

    p = sub.add_parser("guest", help="judge a guest run from its console log")
    p.add_argument("--console", required=True)
    p.add_argument("--list", help="the named list the guest ran (mkinitramfs.sh)")
    p.add_argument("--results", default="build/results")
    p.add_argument("--prefix", default="guest", help="result files are PREFIX-<name>.tap")
    p.add_argument("--qemu-rc", type=int, required=True)
    p.add_argument("--limit", default="?", help="the wall-clock limit, for the message")
    p.add_argument("--demo", action="store_true", help="a payload run: no TAP files")
    p.set_defaults(func=cmd_guest)

    p = sub.add_parser("debug-reports", help="debug-kernel reports as TAP")
    p.add_argument("console", metavar="LOG")
    p.add_argument("--title", default="debug kernel")
    p.set_defaults(func=cmd_debug_reports)

    p = sub.add_parser("kunit", help="flat TAP from a KUnit console")
    p.add_argument("--console", required=True)
    p.add_argument("--ktap", required=True, help="where the raw KTAP goes")
    p.add_argument("--rc", type=int, required=True, help="kunit.py's exit status")
    p.add_argument("--suites-from", nargs="*", default=[], metavar="C",
                   help="sources whose suites must all report")
    p.set_defaults(func=cmd_kunit)

    p = sub.add_parser("suite", help="add a failure for a broken or silent suite")
    p.add_argument("--name", required=True)
    p.add_argument("--rc", type=int, required=True)
    p.add_argument("--results", required=True)
    p.set_defaults(func=cmd_suite)

    p = sub.add_parser("summary", help="count the results")
    p.add_argument("paths", nargs="*", metavar="FILE|DIR")
    p.set_defaults(func=cmd_summary)

    args = ap.parse_args(argv)
    try:
        return args.func(args)
    except Exception:   # pylint: disable=broad-except
        # Told apart from a verdict (exit status 1) by the callers.
        traceback.print_exc()
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
