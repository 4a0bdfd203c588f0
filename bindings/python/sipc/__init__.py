# SPDX-License-Identifier: LGPL-2.1-or-later
"""Python binding of libsipc: one-way channels from a sender to a receiver.

A thin layer over ``libsipc.so.1`` with ``ctypes``: every call is one call
of the C library (see ``sipc(7)`` and ``lib/include/sipc.h``), so both
backends (kernel ``/dev/sipc`` and sysv) work as they do from C.

Helper::

    sipc.create("demo", 65536)

Sender::

    with sipc.Sender("demo") as tx:
        tx.send(b"hello")                 # copy in
        buf = tx.buffer()                 # or zero copy: write in place
        buf[:5] = b"world"
        tx.acquire()
        tx.commit(5)
        tx.send_eof()

Receiver::

    with sipc.Receiver("demo") as rx:
        for view in rx:                   # read-only memoryview, in place
            print(bytes(view))

Errors raise :class:`SipcError` (an ``OSError``) with ``errno`` and
libsipc's message.  Timeouts are in seconds: ``None`` waits as long as
needed, ``0`` never waits (``WouldBlockError``), more waits at most that
long (``SipcTimeoutError``).
"""
from .admin import (CREATE_SEALED, DEFAULT_SIZE, QUEUE_DEPTH_MAX,
                    REVOKE_RECEIVER, REVOKE_SENDER, SLOTS_MAX, STAT_COUNTERS,
                    STAT_CREATE_FLAGS, STAT_STATE, STATE_DESTROYED,
                    STATE_RECEIVER, STATE_SENDER, STATE_SENDER_HUP,
                    ChannelStat, backend, context, create, create_flags,
                    create_slots, destroy, destroy_revoke, label,
                    list_channels, revoke, revoke_id, stat)
from .channel import (ROLE_RECEIVER, ROLE_SENDER, Channel, Receiver, Sender,
                      open)
from .errors import (ChannelExistsError, NoChannelError, SenderGoneError,
                     SipcError, SipcPermissionError, SipcTimeoutError,
                     WouldBlockError, strerror)
from ._lib import NAME_MAX

__version__ = "0.4.0"	# binds LIBSIPC_0.1 to LIBSIPC_0.4

__all__ = [
    "CREATE_SEALED", "STAT_CREATE_FLAGS", "create_flags", "DEFAULT_SIZE", "NAME_MAX", "QUEUE_DEPTH_MAX", "REVOKE_RECEIVER",
    "REVOKE_SENDER", "ROLE_RECEIVER", "ROLE_SENDER", "SLOTS_MAX", "STAT_COUNTERS",
    "STAT_STATE", "STATE_DESTROYED", "STATE_RECEIVER", "STATE_SENDER",
    "STATE_SENDER_HUP", "Channel", "ChannelExistsError", "ChannelStat",
    "NoChannelError", "Receiver", "Sender", "SenderGoneError", "SipcError",
    "SipcPermissionError", "SipcTimeoutError",
    "WouldBlockError", "backend", "context", "create", "create_slots",
    "destroy", "destroy_revoke", "label", "list_channels", "open", "revoke",
    "revoke_id", "stat", "strerror",
]
