#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Tests of tools/testing/judge.py, printing TAP (the "judge" suite of
tools/testing/check.sh).

  python3 tools/testing/tests/test_judge.py

The judge runs as a program, as the suites run it, on the fake outputs
beside this file: consoles/*.log (a guest's serial console; two-tests.list
is the list those guests ran), host/*.tap (a host command's output) and
kunit/*.log (a UML KUnit console, with the suites of kunit/suites.c.txt).
Each test checks which "ok"/"not ok" lines come out and the exit status.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
JUDGE = os.path.join(HERE, "..", "judge.py")
CONSOLES = os.path.join(HERE, "consoles")
HOST = os.path.join(HERE, "host")
KUNIT = os.path.join(HERE, "kunit")
LIST = os.path.join(CONSOLES, "two-tests.list")

TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


def judge(*args, stdin=None):
    """Run judge.py; return (exit status, stdout, stderr)."""
    p = subprocess.run([sys.executable, JUDGE] + [str(a) for a in args], input=stdin,
                       capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def lines_of(path):
    with open(path) as f:
        return f.read().splitlines()


def results(lines):
    """The unindented result lines, which are what gets counted."""
    return [line for line in lines if re.match(r"^(not )?ok([ \t]|$)", line)]


def failures(lines):
    return [line for line in lines if re.match(r"^not ok([ \t]|$)", line)]


def check(cond, what):
    if not cond:
        raise AssertionError(what)


class Guest:
    """judge.py guest on one fake console, in a results directory of its own."""

    def __init__(self, console, qemu_rc=0, listing=LIST, prefix="guest", demo=False,
                 results=None):
        self.dir = results or tempfile.mkdtemp(prefix="judge-test.")
        args = ["guest", "--console", os.path.join(CONSOLES, console),
                "--results", self.dir, "--prefix", prefix,
                "--qemu-rc", qemu_rc, "--limit", 600]
        if listing:
            args += ["--list", listing]
        if demo:
            args.append("--demo")
        self.rc, self.out, self.err = judge(*args)
        self.prefix = prefix

    def file(self, name):
        path = os.path.join(self.dir, "%s-%s.tap" % (self.prefix, name))
        return lines_of(path) if os.path.exists(path) else None

    def files(self):
        return sorted(os.listdir(self.dir))

    def boot(self):
        return self.file("boot") or []

    def cleanup(self):
        shutil.rmtree(self.dir)


def guest_case(console, **kw):
    g = Guest(console, **kw)
    try:
        yield g
    finally:
        g.cleanup()


def run_guest(console, body, **kw):
    for g in guest_case(console, **kw):
        body(g)


# ---- the naming rule -----------------------------------------------------

@test
def names_of_commands():
    listing = "\n".join([
        "# a comment, then a blank line",
        "",
        "SIPC_BACKEND=sysv SIPC_SYSV_DIR=build/lib/sysv-test build/lib/tests/libsipc_api_test",
        "  /tests/sipc_leak_test save\r",
        "lib/tests/pipeline.sh build/tools",
        "/tests/sipc_leak_test check",
        "(cd selftests && ./run.sh);",
        "X=1 Y=2",
        "echo a|tr a b",
    ]) + "\n"
    rc, out, _ = judge("names", "-", stdin=listing)
    check(rc == 0, "exit status %d" % rc)
    got = out.splitlines()
    want = [
        "libsipc_api_test SIPC_BACKEND=sysv SIPC_SYSV_DIR=build/lib/sysv-test "
        "build/lib/tests/libsipc_api_test",
        "sipc_leak_test /tests/sipc_leak_test save",
        "pipeline lib/tests/pipeline.sh build/tools",
        "sipc_leak_test-2 /tests/sipc_leak_test check",
        "run (cd selftests && ./run.sh);",
        "cmd X=1 Y=2",
        "echo echo a|tr a b",
    ]
    check(got == want, "names: %r" % got)


@test
def names_of_several_lists_are_unique_across_them():
    d = tempfile.mkdtemp(prefix="judge-test.")
    try:
        for n in ("a", "b"):
            with open(os.path.join(d, n), "w") as f:
                f.write("/tests/t one\n")
        rc, out, _ = judge("names", os.path.join(d, "a"), os.path.join(d, "b"))
        check(out.split("\n")[:2] == ["t /tests/t one", "t-2 /tests/t one"], out)
    finally:
        shutil.rmtree(d)


# ---- guest runs ----------------------------------------------------------

@test
def guest_clean_run_passes():
    def body(g):
        check(g.rc == 0, "exit status %d: %s" % (g.rc, g.err))
        check(g.files() == ["guest-alpha.tap", "guest-beta.tap"], g.files())
        check(failures(g.file("alpha") + g.file("beta")) == [], "failures")
        check(len(results(g.file("alpha"))) == 2, g.file("alpha"))
        # The command's own output is kept, diagnostics included.
        check("# PASSED: 2 / 2 tests passed." in g.file("alpha"), g.file("alpha"))
        check(g.file("beta")[-1].endswith("# SKIP kernel without CONFIG_FAILSLAB"),
              g.file("beta"))
    run_guest("clean.log", body)


@test
def guest_splat_in_the_middle_of_a_test_fails_the_run():
    def body(g):
        check(g.rc == 1, "exit status %d" % g.rc)
        boot = g.boot()
        check(len(boot) == 2 and all(line.startswith("not ok - guest: kernel: ") for line in boot),
              boot)
        check("BUG: KASAN: use-after-free" in boot[0] and "Call Trace" in boot[1], boot)
        # The test's own results stand; words in its diagnostics are no splat.
        check(failures(g.file("alpha")) == [], g.file("alpha"))
        check(len(results(g.file("alpha"))) == 2, g.file("alpha"))
    run_guest("splat.log", body)


@test
def guest_splat_between_kernel_markers_fails_that_test():
    def body(g):
        check(g.rc == 1, "exit status %d" % g.rc)
        alpha = failures(g.file("alpha"))
        # Seen live and again in the dump: counted once, on alpha.
        check(len(alpha) == 2 and all(
            line.startswith("not ok - guest alpha: kernel splat while it ran: ")
            for line in alpha), alpha)
        check("BUG: KASAN: use-after-free" in alpha[0] and "Call Trace" in alpha[1], alpha)
        check(failures(g.file("beta")) == [], g.file("beta"))
        # Outside every test's markers: the run's.
        boot = g.boot()
        check(len(boot) == 1 and "after every test" in boot[0], boot)
    run_guest("kmsg-splat.log", body)


@test
def guest_plan_of_zero_is_a_skip_only_when_it_says_so():
    def body(g):
        check(g.rc == 1, "exit status %d" % g.rc)
        check(failures(g.file("alpha")) == [
            "not ok - guest alpha: planned no tests (1..0 without # SKIP)"], g.file("alpha"))
        check(results(g.file("beta")) == ["ok - guest beta # SKIP no /dev/sipc here"],
              g.file("beta"))
    run_guest("plan-zero.log", body)


@test
def guest_memcg_block_counts_in_the_plan():
    # sipc-memcg (tools/testing/memcg-check.sh) appends a TAP block of its own.
    def body(g):
        check(g.rc == 1, "exit status %d" % g.rc)
        alpha = failures(g.file("alpha"))
        check(len(alpha) == 1 and "slab_unreclaimable +51200 B" in alpha[0], alpha)
        check(failures(g.file("beta")) == [] and len(results(g.file("beta"))) == 2,
              g.file("beta"))
    run_guest("memcg-leak.log", body)


@test
def debug_reports_name_the_test_that_ran():
    rc, out, _ = judge("debug-reports", os.path.join(CONSOLES, "kmsg-splat.log"))
    got = out.splitlines()
    check(rc == 1, "exit status %d" % rc)
    check(got == ["not ok - debug kernel (while alpha ran): [    1.500000] BUG: KASAN: "
                  "use-after-free in sipc_channel_detach+0x2a/0x90 [sipc]"], got)


@test
def guest_ubsan_report_fails_the_run():
    def body(g):
        check(g.rc == 1, "exit status %d" % g.rc)
        check(len(g.boot()) == 1 and "UBSAN: shift-out-of-bounds" in g.boot()[0], g.boot())
    run_guest("ubsan.log", body)


@test
def guest_silent_runner_fails():
    def body(g):
        check(g.rc == 1, "exit status %d" % g.rc)
        check(failures(g.file("beta")) == [
            "not ok - guest beta: no TAP output (no plan, no result)"], g.file("beta"))
        check(g.boot() == [], g.boot())
    run_guest("silent.log", body)


@test
def guest_short_plan_fails():
    def body(g):
        check(g.rc == 1, "exit status %d" % g.rc)
        check(failures(g.file("alpha")) == [
            "not ok - guest alpha: planned 3 results, got 2"], g.file("alpha"))
        check(failures(g.file("beta")) == [], g.file("beta"))
    run_guest("short-plan.log", body)


@test
def guest_missing_plan_with_results_passes():
    # As before the judge was written: a plan is checked when one is given.
    def body(g):
        check(g.rc == 0, "exit status %d" % g.rc)
        check(len(results(g.file("alpha"))) == 2 and not failures(g.file("alpha")),
              g.file("alpha"))
    run_guest("no-plan.log", body)


@test
def guest_timeout_fails_the_command():
    def body(g):
        check(g.rc == 1, "exit status %d" % g.rc)
        check(failures(g.file("alpha")) == [
            "not ok - guest alpha: planned 2 results, got 1",
            "not ok - guest alpha: timed out (secs=300)"], g.file("alpha"))
        check(g.boot() == [], g.boot())
    run_guest("timeout.log", body)


@test
def guest_exit_4_without_results_is_one_skip():
    def body(g):
        check(g.rc == 0, "exit status %d" % g.rc)
        beta = results(g.file("beta"))
        check(beta == ["ok - guest beta # SKIP exit code 4 (KSFT_SKIP)"], beta)
    run_guest("skip4.log", body)


@test
def guest_exit_code_is_a_failure_unless_explained():
    def body(g):
        check(g.rc == 1, "exit status %d" % g.rc)
        # alpha's "not ok" explains its exit code 1: counted once.
        check(failures(g.file("alpha")) == ["not ok 2 alpha.hung_task_free"], g.file("alpha"))
        check(failures(g.file("beta")) == ["not ok - guest beta: exit code 139"], g.file("beta"))
    run_guest("exit-code.log", body)


@test
def guest_that_never_powers_off_fails():
    def body(g):
        check(g.rc == 1, "exit status %d" % g.rc)
        check(g.boot() == ["not ok - guest: no power-off within 600 s (killed)"], g.boot())
        check(not failures(g.file("alpha") + g.file("beta")), "command failures")
    run_guest("no-power-off.log", body, qemu_rc=124)


@test
def guest_that_died_fails_the_command_and_the_rest():
    def body(g):
        check(g.rc == 1, "exit status %d" % g.rc)
        check(failures(g.file("alpha")) == [
            "not ok - guest alpha: planned 2 results, got 1",
            "not ok - guest alpha: no end marker (guest died or hit the time limit)"],
            g.file("alpha"))
        check(g.file("beta") == ["not ok - guest beta: did not run"], g.file("beta"))
        boot = g.boot()
        check(boot[0] == "not ok - guest: ended without finishing (qemu exit 0)", boot)
        check(len(boot) == 2 and "Kernel panic" in boot[1], boot)
    run_guest("died.log", body)


@test
def guest_insmod_failure_fails_the_run():
    def body(g):
        check(g.boot() == ["not ok - guest: insmod sipc.ko failed, rc=1"], g.boot())
        check(g.rc == 1, "exit status %d" % g.rc)
    run_guest("insmod.log", body)


@test
def guest_markers_after_kernel_messages_are_found():
    def body(g):
        check(g.rc == 0, "exit status %d: %s" % (g.rc, g.err))
        check(len(results(g.file("alpha"))) == 2 and len(results(g.file("beta"))) == 2,
              g.files())
    run_guest("interleaved.log", body)


@test
def guest_marker_spliced_by_a_kernel_marker_is_mended():
    def body(g):
        check(g.rc == 0, "exit status %d: %s" % (g.rc, g.err))
        check(results(g.file("alpha")) == ["ok 1 alpha.one", "ok 2 alpha.two"],
              g.file("alpha"))
        check(len(results(g.file("beta"))) == 2, g.files())
    run_guest("kmsg-spliced.log", body)


@test
def guest_that_ran_nothing_fails():
    empty = tempfile.NamedTemporaryFile("w", suffix=".list", delete=False)
    empty.close()
    try:
        def body(g):
            check(g.rc == 1, "exit status %d" % g.rc)
            check(g.boot() == ["not ok - guest: no test listed, none ran"], g.boot())
        run_guest("demo-ok.log", body, listing=empty.name)
    finally:
        os.unlink(empty.name)


@test
def guest_prefix_names_the_files_and_lines():
    def body(g):
        check(g.files() == ["selinux-alpha.tap", "selinux-beta.tap"], g.files())
        check(failures(g.file("beta")) == [
            "not ok - selinux beta: no TAP output (no plan, no result)"], g.file("beta"))
    run_guest("silent.log", body, prefix="selinux")


@test
def guest_clean_run_removes_a_stale_boot_file():
    d = tempfile.mkdtemp(prefix="judge-test.")
    with open(os.path.join(d, "guest-boot.tap"), "w") as f:
        f.write("not ok - guest: from an earlier run\n")

    def body(g):
        check(g.files() == ["guest-alpha.tap", "guest-beta.tap"], g.files())
    run_guest("clean.log", body, results=d)


@test
def demo_leaves_result_files_alone():
    d = tempfile.mkdtemp(prefix="judge-test.")
    keep = os.path.join(d, "guest-alpha.tap")
    with open(keep, "w") as f:
        f.write("ok 1 from make check\n")

    def body(g):
        check(g.rc == 0, "exit status %d: %s" % (g.rc, g.err))
        check(g.files() == ["guest-alpha.tap"], g.files())
        check(lines_of(keep) == ["ok 1 from make check"], lines_of(keep))
    run_guest("demo-ok.log", body, listing=None, demo=True, results=d)


@test
def demo_failed_payload_fails():
    def body(g):
        check(g.rc == 1, "exit status %d" % g.rc)
        check(g.files() == [], g.files())
        check("demo payload failed: === SIPC-PAYLOAD-END rc=1 secs=2" in g.err, g.err)
    run_guest("demo-failed.log", body, listing=None, demo=True)


# ---- host commands -------------------------------------------------------

def host(tap, rc, *more):
    """judge.py host on a copy of host/TAP; (exit status, the lines after)."""
    d = tempfile.mkdtemp(prefix="judge-test.")
    try:
        f = os.path.join(d, "host-x.tap")
        shutil.copy(os.path.join(HOST, tap), f)
        status, _, _ = judge("host", "--prefix", "host", "--name", "x", "--rc", rc,
                             *more, f)
        return status, lines_of(f)
    finally:
        shutil.rmtree(d)


@test
def host_verdicts():
    cases = [
        # file, exit status, what is added, judge's exit status
        ("pass.tap", 0, [], 0),
        ("pass.tap", 1, ["not ok - host x: exit code 1"], 1),
        ("failed.tap", 1, [], 1),
        ("failed.tap", 0, [], 1),
        ("pass.tap", 124, ["not ok - host x: timed out"], 1),
        ("failed.tap", 137, ["not ok - host x: timed out"], 1),
        ("short-plan.tap", 0, ["not ok - host x: planned 3 results, got 2"], 1),
        ("no-plan.tap", 0, [], 0),
        ("silent.tap", 0, ["not ok - host x: no TAP output (no plan, no result)"], 1),
        ("silent.tap", 4, ["ok - host x # SKIP exit code 4 (KSFT_SKIP)"], 0),
        ("skip.tap", 4, ["ok - host x # SKIP exit code 4 (KSFT_SKIP)"], 0),
        # "1..0 # SKIP why" is counted, as one skip with its reason.
        ("skip.tap", 0, ["ok - host x # SKIP no SysV IPC here"], 0),
        ("pass.tap", 4, [], 0),
        ("silent.tap", 2, ["not ok - host x: exit code 2"], 1),
    ]
    for tap, rc, added, want in cases:
        before = lines_of(os.path.join(HOST, tap))
        status, after = host(tap, rc)
        check(after == before + added, "%s rc %d: %r" % (tap, rc, after[len(before):]))
        check(status == want, "%s rc %d: exit status %d" % (tap, rc, status))


@test
def host_require_plan():
    cases = [
        # file, exit status, what is added, judge's exit status
        ("no-plan.tap", 0, ["not ok - host x: no TAP plan"], 1),
        ("pass.tap", 0, [], 0),
        ("silent.tap", 0, ["not ok - host x: no TAP output (no plan, no result)"], 1),
        ("skip.tap", 4, ["ok - host x # SKIP exit code 4 (KSFT_SKIP)"], 0),
    ]
    for tap, rc, added, want in cases:
        before = lines_of(os.path.join(HOST, tap))
        status, after = host(tap, rc, "--require-plan")
        check(after == before + added, "%s rc %d: %r" % (tap, rc, after[len(before):]))
        check(status == want, "%s rc %d: exit status %d" % (tap, rc, status))


# ---- KUnit ---------------------------------------------------------------

def kunit(console, rc=0, suites=True):
    d = tempfile.mkdtemp(prefix="judge-test.")
    try:
        args = ["kunit", "--console", os.path.join(KUNIT, console),
                "--ktap", os.path.join(d, "k.ktap"), "--rc", rc]
        if suites:
            args += ["--suites-from", os.path.join(KUNIT, "suites.c.txt")]
        status, out, _ = judge(*args)
        return status, out.splitlines(), lines_of(os.path.join(d, "k.ktap"))
    finally:
        shutil.rmtree(d)


@test
def kunit_clean_run_is_one_line_per_case():
    status, out, ktap = kunit("clean.log")
    check(status == 0, "exit status %d" % status)
    check(results(out) == [
        "ok 1 sipc_queue.init_depth",
        "ok 2 sipc_queue.empty",
        "ok 3 sipc_chan.create",
        "ok 4 sipc_chan.limit # SKIP needs two CPUs",
        "ok 5 sipc_region.account"], out)
    check(out[-1] == "1..5", out)
    check(ktap[0] == "KTAP version 1" and ktap[-1] == "ok 3 sipc_region", ktap[-3:])


@test
def kunit_splat_fails_the_running_case():
    status, out, _ = kunit("splat.log")
    check(status == 1, "exit status %d" % status)
    check(failures(out) == ["not ok 2 sipc_queue.empty"], out)
    i = out.index("not ok 2 sipc_queue.empty")
    check(out[i + 1].startswith("# ====") and
          out[i + 4] == "# 1 kernel splat(s) during the case, first: "
          "BUG: KASAN: slab-out-of-bounds in sipc_queue_push+0x60/0x90", out)


@test
def kunit_failed_case_keeps_what_it_said():
    status, out, _ = kunit("failed.log", rc=1)
    check(status == 1, "exit status %d" % status)
    check(failures(out) == ["not ok 3 sipc_chan.create"], out)
    i = out.index("not ok 3 sipc_chan.create")
    check(out[i + 1:i + 4] == [
        "# sipc_chan_test_create: EXPECTATION FAILED at sipc_chan_test.c:42",
        "# Expected ret == 0, but",
        "# ret == -28 (0xffffffffffffffe4)"], out)


@test
def kunit_crash_fails_the_suite_and_the_rest():
    status, out, _ = kunit("crashed.log", rc=1)
    check(status == 1, "exit status %d" % status)
    check(failures(out) == [
        "not ok 4 sipc_chan.(unreported)",
        "not ok 5 kunit.(suites)",
        "not ok 6 sipc_region.(suite)"], out)
    check("# only 1 of 2 cases reported: the kernel crashed or hung" in out, out)
    check("# only 2 of 3 suites reported" in out, out)


@test
def kunit_splat_outside_any_case_fails():
    status, out, _ = kunit("outside.log")
    check(status == 1, "exit status %d" % status)
    check(failures(out) == ["not ok 6 kunit.(log)"], out)


@test
def kunit_without_console_fails():
    status, out, _ = kunit("missing.log", rc=1, suites=False)
    check(status == 1 and failures(out) == ["not ok 1 kunit.(kunit.py)"], out)
    status, out, _ = kunit("missing.log", rc=0, suites=False)
    check(status == 1 and failures(out) == ["not ok 1 kunit.(results)"], out)


# ---- suites and the summary ----------------------------------------------

def suite(name, rc, files):
    d = tempfile.mkdtemp(prefix="judge-test.")
    try:
        for fname, text in files.items():
            with open(os.path.join(d, fname), "w") as f:
                f.write(text)
        status, _, _ = judge("suite", "--name", name, "--rc", rc, "--results", d)
        runner = os.path.join(d, name + "-runner.tap")
        return status, lines_of(runner) if os.path.exists(runner) else []
    finally:
        shutil.rmtree(d)


@test
def suite_runner_verdicts():
    check(suite("x", 0, {"x-a.tap": "ok 1 a\n"}) == (0, []), "clean suite")
    check(suite("x", 1, {"x-a.tap": "not ok 1 a\n"}) == (0, []), "explained failure")
    check(suite("x", 2, {"x-a.tap": "ok 1 a\n"}) ==
          (1, ["not ok - suite x: runner failed (exit 2)"]), "unexplained failure")
    check(suite("x", 0, {"x-a.tap": "# nothing\n", "y-a.tap": "ok 1 y\n"}) ==
          (1, ["not ok - suite x: no test results (runner exit 0)"]), "silent suite")
    check(suite("x", 0, {}) ==
          (1, ["not ok - suite x: no test results (runner exit 0)"]), "no file at all")


@test
def summary_counts():
    d = tempfile.mkdtemp(prefix="judge-test.")
    try:
        with open(os.path.join(d, "a.tap"), "w") as f:
            f.write("1..4\nok 1 x\nok 2 y # SKIP why\nok 3 z #skip\n    not ok 1 nested\n"
                    "not ok 4 w # TODO still a failure\n")
        with open(os.path.join(d, "b.tap"), "w") as f:
            f.write("ok\nnot okay is no result\n")
        with open(os.path.join(d, "c.txt"), "w") as f:
            f.write("not ok 1 not a TAP file\n")
        status, out, _ = judge("summary", d)
        check(out.splitlines() == ["FAIL a.tap", "  not ok 4 w # TODO still a failure",
                                   "2 passed, 1 failed, 2 skipped"], out)
        check(status == 1, "exit status %d" % status)
        status, out, _ = judge("summary", os.path.join(d, "b.tap"))
        check((status, out) == (0, "1 passed, 0 failed\n"), out)
        status, out, _ = judge("summary", os.path.join(d, "none"))
        check((status, out) == (1, "0 passed, 0 failed\n"), "nothing ran: %r" % out)
    finally:
        shutil.rmtree(d)


def main():
    print("TAP version 13")
    print("1..%d" % len(TESTS))
    failed = 0
    for n, fn in enumerate(TESTS, 1):
        try:
            fn()
            print("ok %d judge.%s" % (n, fn.__name__))
        except Exception:   # a broken test is a failed test
            failed += 1
            print("not ok %d judge.%s" % (n, fn.__name__))
            for line in traceback.format_exc().splitlines():
                print("# " + line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
