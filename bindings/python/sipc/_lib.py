# SPDX-License-Identifier: LGPL-2.1-or-later
"""libsipc.so.1 loaded with ctypes, and the C prototypes.

Nothing is compiled at install time: the library is found by the dynamic
loader (``LD_LIBRARY_PATH``, ``ld.so.cache``) under its soname.  Every
prototype is declared so that ctypes converts and checks the arguments;
calls release the GIL, so a blocking call does not stop other threads.
"""
from __future__ import annotations

import ctypes
from ctypes import (POINTER, c_char, c_char_p, c_int, c_size_t, c_uint,
                    c_uint32, c_uint64, c_void_p)

SONAME = "libsipc.so.1"

#: Bytes of a name buffer, NUL included (``SIPC_NAME_MAX``).
NAME_MAX = 64


class CStat(ctypes.Structure):
    """``struct sipc_stat`` of ``sipc.h``."""

    _fields_ = [
        ("id", c_uint64),
        ("size", c_uint64),
        ("depth", c_uint32),
        ("queued", c_uint32),
        ("state", c_uint32),
        ("flags", c_uint32),
        ("creator_pid", c_uint32),
        ("creator_uid", c_uint32),
        ("attached", c_uint32),
        ("create_flags", c_uint32),
        ("msgs_sent", c_uint64),
        ("msgs_received", c_uint64),
        ("bytes_sent", c_uint64),
        ("reserved", c_uint64 * 4),
    ]


# name: (restype, argtypes), as in lib/include/sipc.h (LIBSIPC_0.1, 0.2).
_PROTOTYPES = {
    "sipc_strerror": (c_char_p, [c_int]),
    "sipc_backend": (c_char_p, []),
    "sipc_create": (c_int, [c_char_p, c_size_t, c_uint]),
    "sipc_destroy": (c_int, [c_char_p]),
    "sipc_revoke": (c_int, [c_char_p, c_uint]),
    "sipc_revoke_id": (c_int, [c_uint64, c_uint]),
    "sipc_destroy_revoke": (c_int, [c_char_p]),
    "sipc_list": (c_int, [c_void_p, c_uint]),
    "sipc_stat": (c_int, [c_char_p, POINTER(CStat)]),
    "sipc_context": (c_int, [c_char_p, c_char_p, c_size_t]),
    "sipc_label": (c_int, [c_char_p, c_char_p, c_size_t]),
    "sipc_open": (c_int, [c_char_p, c_int]),
    "sipc_close": (c_int, [c_int]),
    "sipc_fd": (c_int, [c_int]),
    "sipc_buffer": (c_int, [c_int, POINTER(c_void_p), POINTER(c_size_t)]),
    "sipc_commit": (c_int, [c_int, c_size_t, c_int]),
    "sipc_acquire": (c_int, [c_int, c_int]),
    "sipc_send_eof": (c_int, [c_int, c_int]),
    "sipc_send": (c_int, [c_int, c_void_p, c_size_t]),
    "sipc_next": (c_int, [c_int, POINTER(c_void_p), POINTER(c_size_t), c_int]),
    "sipc_done": (c_int, [c_int, c_int]),
    "sipc_recv": (c_int, [c_int, c_void_p, c_size_t, POINTER(c_size_t)]),
    # 0.2: slots, the fast path
    "sipc_create_slots": (c_int, [c_char_p, c_size_t, c_uint]),
    "sipc_slots": (c_int, [c_int]),
    "sipc_reserve": (c_int, [c_int, POINTER(c_void_p), POINTER(c_size_t), c_int]),
    "sipc_publish": (c_int, [c_int, c_size_t, c_int]),
    # 0.4: creation flags
    "sipc_create_flags": (c_int, [c_char_p, c_size_t, c_uint, c_uint]),
}


def _load() -> ctypes.CDLL:
    try:
        lib = ctypes.CDLL(SONAME)
    except OSError as e:
        raise ImportError(
            f"sipc: cannot load {SONAME} ({e}); install libsipc "
            "(make -C lib install) or point LD_LIBRARY_PATH at it") from e
    for name, (restype, argtypes) in _PROTOTYPES.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
    return lib


lib = _load()

NameBuffer = c_char * NAME_MAX
