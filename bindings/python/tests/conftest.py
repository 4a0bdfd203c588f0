# SPDX-License-Identifier: GPL-2.0-only
"""Fixtures of the Python binding's tests, and their TAP report.

The tests run on the sysv backend with a private registry directory
(``SIPC_BACKEND=sysv``, ``SIPC_SYSV_DIR``, set by bindings/check.sh or
the Makefile on the host), or on the kernel backend
(``SIPC_BACKEND=kernel``, bindings/guest-run.sh in a guest with sipc.ko).
Tests marked ``sysv_only`` or ``kernel_only`` (backend.py) are skipped,
with their reason, on the other backend.  ``--tap=FILE`` writes one TAP
line per test, then one for the suite-wide leak check: no channel, no
registry entry, no SysV segment and no endpoint mapping created by this
process may be left when the tests end.
"""
from __future__ import annotations

import itertools
import os
import signal

import pytest

import backend
import sipc
import sysvinfo

_names = itertools.count()


# Seconds; a hung wait fails its test, not the suite.  More under QEMU's
# TCG on a loaded machine (bindings/guest-run.sh sets it).
TEST_TIME_LIMIT = int(os.environ.get("SIPC_TEST_TIME_LIMIT", "30"))


class TimeLimit(Exception):
    pass


@pytest.fixture(autouse=True)
def time_limit():
    """Fail a test that runs too long: SIGALRM interrupts a blocked libsipc
    call in the main thread (EINTR) and raises here."""
    def expire(signum, frame):
        raise TimeLimit(f"test ran longer than {TEST_TIME_LIMIT} s")
    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(TEST_TIME_LIMIT)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.fixture
def chan():
    """A fresh channel (64 KiB, depth 1), destroyed after the test."""
    name = f"py-{os.getpid()}-{next(_names)}"
    sipc.create(name, 65536, 1)
    yield name
    try:
        sipc.destroy(name)
    except sipc.NoChannelError:
        pass


@pytest.fixture
def new_name():
    """A channel name that does not exist (destroyed after the test if
    the test created it)."""
    name = f"py-{os.getpid()}-{next(_names)}"
    yield name
    try:
        sipc.destroy(name)
    except sipc.NoChannelError:
        pass


def pytest_addoption(parser):
    parser.addoption("--tap", metavar="FILE", help="write TAP results to FILE")


def pytest_configure(config):
    if not (backend.KERNEL or (backend.SYSV and os.environ.get("SIPC_SYSV_DIR"))):
        raise pytest.UsageError("run with SIPC_BACKEND=sysv and a private SIPC_SYSV_DIR, "
                                "or with SIPC_BACKEND=kernel")
    config.addinivalue_line("markers", "sysv_only(reason): asserts what only the "
                            "sysv backend does; skipped on the kernel backend")
    config.addinivalue_line("markers", "kernel_only(reason): asserts what only the "
                            "kernel backend does; skipped on the sysv backend")
    config._sipc_tap = []	# (name, outcome, detail) in run order
    config._sipc_seen = {}


def pytest_runtest_setup(item):
    for mark, wanted in (("sysv_only", backend.SYSV), ("kernel_only", backend.KERNEL)):
        for m in item.iter_markers(mark):
            if not wanted:
                reason = m.args[0] if m.args else "no reason given"
                pytest.skip(f"{mark.replace('_', ' ')} ({backend.NAME} backend): {reason}")


def leftovers(pid: int) -> list[str]:
    """What the suite left behind; empty when it cleaned up."""
    if backend.SYSV:
        return sysvinfo.leftovers(pid)
    found = [f"channel {n}" for n in sipc.list_channels() if n.startswith(f"py-{pid}-")]
    maps = backend.endpoint_mappings()
    if maps:
        found.append(f"{maps} endpoint mappings")
    return found


def pytest_runtest_logreport(report):
    config = _config
    key = report.nodeid
    seen = config._sipc_seen
    if key not in seen:
        seen[key] = len(config._sipc_tap)
        config._sipc_tap.append([key, "passed", ""])
    entry = config._sipc_tap[seen[key]]
    if report.failed and entry[1] != "failed":
        entry[1], entry[2] = "failed", f"{report.when} failed"
    elif report.skipped and entry[1] == "passed":
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
        reason = reason.removeprefix("Skipped: ")
        entry[1], entry[2] = "skipped", reason


def pytest_collectreport(report):
    if report.failed:
        _config._sipc_tap.append([f"collect {report.nodeid}", "failed",
                                  "collection error"])


_config = None


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session):
    global _config
    _config = session.config


def pytest_sessionfinish(session, exitstatus):
    config = session.config
    rows = config._sipc_tap
    leaks = leftovers(os.getpid())
    what = "registry entry or SysV segment" if backend.SYSV else "channel or endpoint mapping"
    rows.append([f"no {what} left by the suite",
                 "failed" if leaks else "passed", "; ".join(leaks)])
    path = config.getoption("--tap")
    if not path:
        return
    with open(path, "w", encoding="utf-8") as out:
        out.write(f"1..{len(rows)}\n")
        for n, (name, outcome, detail) in enumerate(rows, 1):
            name = "python " + name.replace("#", "_")
            if outcome == "passed":
                out.write(f"ok {n} - {name}\n")
            elif outcome == "skipped":
                out.write(f"ok {n} - {name} # SKIP {detail}\n")
            else:
                out.write(f"not ok {n} - {name} ({detail})\n")
    if leaks and session.exitstatus == 0:
        session.exitstatus = 1
