# SPDX-License-Identifier: GPL-2.0-only
"""Which backend the suite runs on (``SIPC_BACKEND``, checked by
conftest.py), the markers for tests that only one backend can pass, and
what the kernel backend leaves in this process (its endpoints' mappings,
named ``anon_inode:[sipc-sender]`` / ``[sipc-receiver]`` in
/proc/self/maps).

A test of what only the sysv backend does (its SysV objects, its
``EOPNOTSUPP`` answers) is ``@sysv_only(reason)``; one of what only the
module does (revocation, pollable descriptors, multi-slot channels) is
``@kernel_only(reason)``.  On the other backend it is reported as skipped
with the reason, never as passed.
"""
from __future__ import annotations

import os

import pytest

NAME = os.environ.get("SIPC_BACKEND", "")
KERNEL = NAME == "kernel"
SYSV = NAME == "sysv"


def sysv_only(reason: str):
    """Mark a test that asserts what only the sysv backend does."""
    return pytest.mark.sysv_only(reason)


def kernel_only(reason: str):
    """Mark a test that asserts what only the kernel backend does."""
    return pytest.mark.kernel_only(reason)


def selinux_enforcing() -> bool:
    try:
        with open("/sys/fs/selinux/enforce", encoding="ascii") as f:
            return f.read().strip() == "1"
    except OSError:
        return False


def endpoint_mappings() -> int:
    """How many mappings of sipc endpoints this process has (kernel)."""
    with open("/proc/self/maps", encoding="ascii") as f:
        return sum(1 for line in f if "anon_inode:[sipc-" in line)
