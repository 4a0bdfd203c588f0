# SPDX-License-Identifier: LGPL-2.1-or-later
"""Calls on channels by name: the helper's and the administrator's side.

A helper creates a channel and exits; the peers then open it by name (see
:mod:`sipc.channel`).  These functions wrap ``sipc_create()``,
``sipc_destroy()``, ``sipc_revoke()``, ``sipc_list()``, ``sipc_stat()``,
``sipc_context()``, ``sipc_label()``, ``sipc_backend()`` and (0.2)
``sipc_create_slots()``.
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Union

from ._lib import CStat, NameBuffer, lib
from .errors import check

#: A channel name: ``str`` (encoded as UTF-8; libsipc accepts printable
#: ASCII) or ``bytes``.
Name = Union[str, bytes]

#: Region size the tools use when none is given (``SIPC_DEFAULT_SIZE``).
DEFAULT_SIZE = 1024 * 1024
#: Largest control queue depth (``SIPC_QUEUE_DEPTH_MAX``).
QUEUE_DEPTH_MAX = 64
#: Most slots of a multi-slot channel (``SIPC_SLOTS_MAX``).
SLOTS_MAX = QUEUE_DEPTH_MAX + 1
#: Roles for :func:`revoke` (``SIPC_REVOKE_*``).
REVOKE_SENDER = 1 << 0
REVOKE_RECEIVER = 1 << 1
#: Bits of :attr:`ChannelStat.state` (``SIPC_STATE_*``).
STATE_SENDER = 1 << 0
STATE_RECEIVER = 1 << 1
STATE_SENDER_HUP = 1 << 2
STATE_DESTROYED = 1 << 3
#: Bits of :attr:`ChannelStat.flags` (``SIPC_STAT_*``).
STAT_STATE = 1 << 0
STAT_COUNTERS = 1 << 1
STAT_CREATE_FLAGS = 1 << 2
#: Creation flags for :func:`create_flags` (``SIPC_CREATE_*``): a sealed
#: channel, whose published messages the sender cannot change until the
#: receiver releases them (kernel backend only).
CREATE_SEALED = 1 << 1


def encode_name(name: Name) -> bytes:
    """The C form of a channel name; a NUL cannot be passed to C."""
    raw = name.encode("utf-8") if isinstance(name, str) else bytes(name)
    if b"\0" in raw:
        raise ValueError("embedded null byte in channel name")
    return raw


def size_arg(value: int, what: str) -> int:
    """A size_t argument: ctypes would silently wrap a negative one."""
    if value < 0:
        raise ValueError(f"{what} must not be negative")
    return value


def backend() -> str | None:
    """The backend in use, ``"kernel"`` or ``"sysv"``.

    ``None`` when ``SIPC_BACKEND`` holds an unknown value; every other
    call then raises :class:`~sipc.SipcError` with ``EINVAL``.
    """
    name = lib.sipc_backend()
    return None if name is None else name.decode("ascii")


def create(name: Name, size: int = DEFAULT_SIZE, depth: int = 1) -> None:
    """Create channel ``name`` with a region of ``size`` bytes (rounded up
    to whole pages) and a control queue of ``depth`` messages (0 means 1).

    Raises :class:`~sipc.SipcError`: ``EEXIST``, ``EINVAL``,
    ``ENAMETOOLONG``, ``ENOSPC``, ``ENOMEM``, ``EACCES``, ``ENODEV``.
    """
    check(lib.sipc_create(encode_name(name), size_arg(size, "size"),
                          size_arg(depth, "depth")), "sipc_create")


def create_slots(name: Name, size: int, slots: int) -> None:
    """Create channel ``name`` whose region is ``slots`` slots of ``size``
    bytes each, with a queue of ``slots - 1``: the sender fills one slot
    while the receiver reads another.  ``slots`` 0 or 1 is
    ``create(name, size, 1)``.  As :func:`create`, plus ``EOPNOTSUPP`` for
    more than one slot on the sysv backend."""
    check(lib.sipc_create_slots(encode_name(name), size_arg(size, "size"),
                                size_arg(slots, "slots")), "sipc_create_slots")


def create_flags(name: Name, size: int, slots: int, flags: int) -> None:
    """Create channel ``name`` as :func:`create_slots` with creation flags
    (libsipc 0.4): :data:`CREATE_SEALED` makes a sealed channel.  As
    :func:`create_slots`, plus ``EINVAL`` for an unknown flag and
    ``EOPNOTSUPP`` for :data:`CREATE_SEALED` on the sysv backend."""
    check(lib.sipc_create_flags(encode_name(name), size_arg(size, "size"),
                                size_arg(slots, "slots"),
                                size_arg(flags, "flags")), "sipc_create_flags")


def destroy(name: Name) -> None:
    """Destroy channel ``name``: the name goes at once, blocked peers wake
    with ``EIDRM``, the memory goes with the last user."""
    check(lib.sipc_destroy(encode_name(name)), "sipc_destroy")


def revoke(name: Name, roles: int) -> None:
    """Revoke the endpoints named by ``roles`` (:data:`REVOKE_SENDER`,
    :data:`REVOKE_RECEIVER`, or both).  Kernel backend only: the sysv
    backend raises ``EOPNOTSUPP``."""
    check(lib.sipc_revoke(encode_name(name), size_arg(roles, "roles")),
          "sipc_revoke")


def revoke_id(channel_id: int, roles: int) -> None:
    """Revoke as :func:`revoke`, naming the channel by its id
    (:attr:`ChannelStat.id`): this reaches a channel that was destroyed
    while a peer still holds it.  Kernel backend only."""
    if not 0 <= channel_id < 1 << 64:
        raise ValueError("channel_id must fit in 64 bits")
    check(lib.sipc_revoke_id(channel_id, size_arg(roles, "roles")),
          "sipc_revoke_id")


def destroy_revoke(name: Name) -> None:
    """Revoke both roles of channel ``name``, then destroy it: no mapping
    outlives the call.  Kernel backend only."""
    check(lib.sipc_destroy_revoke(encode_name(name)), "sipc_destroy_revoke")


def list_channels() -> list[str]:
    """The names of the channels that exist now."""
    count = 0
    while True:
        names = (NameBuffer * count)()
        total = check(lib.sipc_list(names if count else None, count),
                      "sipc_list")
        if total <= count:
            return [n.value.decode("ascii", "replace")
                    for n in names[:total]]
        count = total + 8	# more may appear between the two calls


@dataclass(frozen=True)
class ChannelStat:
    """What :func:`stat` reports (``struct sipc_stat``).

    ``state`` is meaningful when ``flags & STAT_STATE``, the counters when
    ``flags & STAT_COUNTERS`` (kernel backend only).  ``queued``,
    ``attached`` and the counters show what the receiver does: they are a
    backchannel (see sipc(7)).
    """

    id: int
    size: int
    depth: int
    queued: int
    state: int
    flags: int
    creator_pid: int
    creator_uid: int
    attached: int
    msgs_sent: int
    msgs_received: int
    bytes_sent: int
    #: ``CREATE_*`` bits, when ``flags & STAT_CREATE_FLAGS`` (libsipc 0.4).
    create_flags: int = 0


def stat(name: Name) -> ChannelStat:
    """Describe channel ``name``."""
    st = CStat()
    check(lib.sipc_stat(encode_name(name), ctypes.byref(st)), "sipc_stat")
    return ChannelStat(st.id, st.size, st.depth, st.queued, st.state,
                       st.flags, st.creator_pid, st.creator_uid, st.attached,
                       st.msgs_sent, st.msgs_received, st.bytes_sent,
                       st.create_flags)


def _text(function, cname: str, name: Name) -> str:
    """A string that ``function`` copies like snprintf()."""
    raw = encode_name(name)
    size = 256
    while True:
        buf = ctypes.create_string_buffer(size)
        length = check(function(raw, buf, size), cname)
        if length < size:
            return buf.value.decode("utf-8", "replace")
        size = length + 1


def context(name: Name) -> str:
    """The security context of the process that created channel ``name``;
    ``""`` when no LSM provides one."""
    return _text(lib.sipc_context, "sipc_context", name)


def label(name: Name) -> str:
    """The channel's own security label, the one its endpoints are
    checked against; ``""`` on the sysv backend and when no LSM labels
    channels."""
    return _text(lib.sipc_label, "sipc_label", name)
