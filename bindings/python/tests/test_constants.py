# SPDX-License-Identifier: GPL-2.0-only
"""The binding's constants are the C headers' (ctypes cannot read them)."""
from __future__ import annotations

import os
import re

import sipc

TOP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
HEADERS = ["lib/include/sipc.h", "include/uapi/linux/sipc.h"]


def defines() -> dict[str, int]:
    found = {}
    for h in HEADERS:
        with open(os.path.join(TOP, h), encoding="utf-8") as f:
            for m in re.finditer(r"^#define\s+(SIPC_\w+)\s+(.+?)\s*(?:/\*.*)?$", f.read(), re.M):
                expr = re.sub(r"\b(\d+)U\b", r"\1", m.group(2))
                try:	# literals, and names defined above them
                    found[m.group(1)] = int(eval(expr, {"__builtins__": {}}, dict(found)))
                except (NameError, SyntaxError, TypeError, ValueError):
                    pass
    return found


def test_constants_match_headers():
    c = defines()
    pairs = {
        "NAME_MAX": "SIPC_NAME_MAX", "QUEUE_DEPTH_MAX": "SIPC_QUEUE_DEPTH_MAX",
        "DEFAULT_SIZE": "SIPC_DEFAULT_SIZE", "ROLE_SENDER": "SIPC_ROLE_SENDER",
        "ROLE_RECEIVER": "SIPC_ROLE_RECEIVER", "REVOKE_SENDER": "SIPC_REVOKE_SENDER",
        "REVOKE_RECEIVER": "SIPC_REVOKE_RECEIVER", "STATE_SENDER": "SIPC_STATE_SENDER",
        "STATE_RECEIVER": "SIPC_STATE_RECEIVER", "STATE_SENDER_HUP": "SIPC_STATE_SENDER_HUP",
        "STATE_DESTROYED": "SIPC_STATE_DESTROYED", "STAT_STATE": "SIPC_STAT_STATE",
        "STAT_COUNTERS": "SIPC_STAT_COUNTERS", "SLOTS_MAX": "SIPC_SLOTS_MAX",
        "STAT_CREATE_FLAGS": "SIPC_STAT_CREATE_FLAGS", "CREATE_SEALED": "SIPC_CREATE_SEALED",
    }
    for py, cname in pairs.items():
        assert getattr(sipc, py) == c[cname], py


def test_every_exported_function_is_bound():
    """Each symbol of libsipc.map has a prototype in the binding."""
    from sipc import _lib
    with open(os.path.join(TOP, "lib/libsipc.map"), encoding="utf-8") as f:
        exported = set(re.findall(r"^\s*(sipc_\w+);", f.read(), re.M))
    assert exported == set(_lib._PROTOTYPES)


def test_stat_struct_size():
    """ctypes' struct sipc_stat has the C size (104 bytes on x86-64)."""
    import ctypes
    from sipc import _lib
    assert ctypes.sizeof(_lib.CStat) == 104


def test_every_public_item_has_a_docstring():
    import inspect
    missing = []
    for name in sipc.__all__:
        obj = getattr(sipc, name)
        if not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue
        if not inspect.getdoc(obj):
            missing.append(name)
        if inspect.isclass(obj) and obj.__module__.startswith("sipc"):
            for attr, member in vars(obj).items():
                if not attr.startswith("_") and callable(member) and not member.__doc__:
                    missing.append(f"{name}.{attr}")
    assert missing == []


def test_backend_is_the_one_asked():
    """The suite runs where SIPC_BACKEND says (the kernel backend never
    falls back to sysv)."""
    assert sipc.backend() == os.environ["SIPC_BACKEND"]
