# SPDX-License-Identifier: LGPL-2.1-or-later
"""Channel handles: :class:`Sender` and :class:`Receiver`.

Zero copy: the sender fills the region through a writable ``memoryview``
(:meth:`Sender.buffer`), the receiver reads each message through a
read-only one (:meth:`Receiver.next`).  Both views point into the mapped
region itself.

Views and the life of the mapping
---------------------------------
A view stays usable only while the data it shows is the caller's: the
channel *releases* (``memoryview.release()``) every view it returned when
that ends -- the sender's at :meth:`Sender.commit`, :meth:`Sender.send`
or :meth:`Sender.publish`, the receiver's at :meth:`Receiver.done`, the
next :meth:`Receiver.next` or :meth:`Receiver.recv`, all of them at
:meth:`Channel.close`.  Using a released view raises ``ValueError``.

Views *derived* from a returned one (slices, ``cast()``, ``memoryview(v)``)
cannot be released from here.  They stay readable while the channel is
open (the data may change under them), and they keep the mapping alive:
:meth:`Channel.close` raises ``BufferError`` and leaves the channel open
while any exists, as ``mmap.close()`` does, so no view can ever point at
unmapped memory.  Delete them, then close again.
"""
from __future__ import annotations

import ctypes
import errno
import math
import time
import weakref
from ctypes import byref, c_size_t, c_void_p
from typing import Callable, ClassVar, Iterator

from ._lib import lib
from .admin import Name, encode_name, size_arg
from .errors import check, error

#: Roles for :func:`open` (``SIPC_ROLE_*``).
ROLE_SENDER = 1
ROLE_RECEIVER = 2

_INT_MAX = 2**31 - 1


def timeout_ms(timeout: float | None) -> int:
    """libsipc's timeout from seconds: ``None`` waits as long as needed,
    0 never waits, more waits at most that long (rounded up to 1 ms)."""
    if timeout is None:
        return -1
    if timeout < 0:
        raise ValueError("timeout must be None or >= 0 seconds")
    if timeout == 0:
        return 0
    return max(1, min(math.ceil(timeout * 1000), _INT_MAX))


def waiting(call: Callable[[int], int], function: str,
            timeout: float | None) -> int:
    """Run ``call(timeout in ms)``, a libsipc call that may wait, and
    check its result.  After ``EINTR`` the signal's Python handler has run
    (and raised, if it does) by the time the loop goes on: the call is then
    repeated with the time left, as PEP 475 does for system calls.  libsipc
    keeps the progress of an interrupted call."""
    ms = timeout_ms(timeout)
    deadline = time.monotonic() + ms / 1000 if ms > 0 else None
    while True:
        result = call(ms)
        if result != -errno.EINTR:
            return check(result, function)
        if deadline is not None:
            ms = max(1, math.ceil((deadline - time.monotonic()) * 1000))


class Channel:
    """An open handle on a channel (base of :class:`Sender` and
    :class:`Receiver`).  A context manager: leaving the ``with`` block
    closes it."""

    role: ClassVar[int]

    def __init__(self, name: Name) -> None:
        """Open channel ``name`` in this class's role and map its region.

        Raises :class:`~sipc.SipcError`: ``ENOENT``, ``EINVAL``,
        ``ENAMETOOLONG``, ``EBUSY`` (kernel: the role is taken),
        ``EACCES``, ``EMFILE``, ``ENOMEM``, ``ENODEV``.
        """
        self._h = -1
        self._views: list[memoryview] = []
        # The ctypes arrays over the region (weakly): one still alive at
        # close() means a derived view would outlive the mapping.
        self._arrays: list[weakref.ref[ctypes.Array]] = []
        raw = encode_name(name)
        self.name = raw.decode("utf-8", "replace")
        h = check(lib.sipc_open(raw, self.role), "sipc_open")
        cap = c_size_t()
        result = lib.sipc_buffer(h, None, byref(cap))
        if result < 0:
            lib.sipc_close(h)
            check(result, "sipc_buffer")
        self._h = h
        self._capacity = cap.value

    @property
    def capacity(self) -> int:
        """Bytes of the region: the longest message."""
        return self._capacity

    @property
    def slots(self) -> int:
        """Slots of the channel: 1 for one region (``sipc_slots()``)."""
        return check(lib.sipc_slots(self._h), "sipc_slots")

    @property
    def closed(self) -> bool:
        """True once :meth:`close` has succeeded."""
        return self._h < 0

    def fileno(self) -> int:
        """A descriptor for ``select``/``poll``: readable when a receiver
        has a message waiting, writable when a sender's queue has room.
        Do not read, write or close it.  The sysv backend has none
        (``EOPNOTSUPP``)."""
        return check(lib.sipc_fd(self._h), "sipc_fd")

    def close(self) -> None:
        """Release the views, close the handle and unmap the region.

        Does nothing when already closed.  Raises ``BufferError``, and
        stays open, while a view derived from one this channel returned
        still exists.
        """
        if self._h < 0:
            return
        self._release_views()
        alive = sum(1 for ref in self._arrays if ref() is not None)
        if alive:
            raise BufferError(
                f"sipc: channel {self.name!r} not closed: {alive} view(s) "
                "derived from its region still exist; delete them first")
        h, self._h = self._h, -1
        check(lib.sipc_close(h), "sipc_close")

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self) -> None:
        # Reached only when no view of the region is left: each array
        # over it holds a reference to this channel.
        h = getattr(self, "_h", -1)
        if h >= 0 and lib is not None:
            lib.sipc_close(h)

    def __repr__(self) -> str:
        state = "closed" if self.closed else f"handle {self._h}"
        return f"<sipc.{type(self).__name__} {self.name!r} {state}>"

    def _view(self, addr: int | None, length: int, readonly: bool) -> memoryview:
        """A view of ``length`` bytes of the region at ``addr``."""
        if not addr or not length:
            return memoryview(b"" if readonly else bytearray())
        arr = (ctypes.c_ubyte * length).from_address(addr)
        arr._sipc_channel = self	# the mapping lives as long as the views
        self._arrays.append(weakref.ref(arr))
        view = memoryview(arr).cast("B")
        self._views.append(view)
        if readonly:
            view = view.toreadonly()
            self._views.append(view)
        return view

    def _release_views(self) -> None:
        """Release every view returned so far (derived ones stay)."""
        for view in self._views:
            try:
                view.release()
            except BufferError:
                pass	# exported to a consumer; close() will refuse
        self._views.clear()
        self._arrays = [ref for ref in self._arrays if ref() is not None]


class Sender(Channel):
    """The sending end of a channel: maps the region read-write."""

    role = ROLE_SENDER

    def buffer(self) -> memoryview:
        """A writable view of the whole region, zero copy.

        Write the message there after opening or :meth:`acquire`, then
        :meth:`commit` it; the view is released at the commit.
        """
        buf, cap = c_void_p(), c_size_t()
        check(lib.sipc_buffer(self._h, byref(buf), byref(cap)), "sipc_buffer")
        return self._view(buf.value, cap.value, readonly=False)

    def reserve(self, timeout: float | None = None) -> memoryview:
        """The fast path (0.2): wait until the next buffer to fill is free
        and return a writable view of it -- the whole region, or on a
        multi-slot channel the slots in turn.  The view is released at
        :meth:`publish`.  Raises ``EAGAIN``, ``ETIMEDOUT`` (progress is
        kept: call again), ``EIDRM``, ``EACCES``, ``EBADF``.
        """
        buf, cap = c_void_p(), c_size_t()
        waiting(lambda ms: lib.sipc_reserve(self._h, byref(buf), byref(cap), ms),
                "sipc_reserve", timeout)
        return self._view(buf.value, cap.value, readonly=False)

    def publish(self, length: int, timeout: float | None = None) -> None:
        """The fast path (0.2): hand the first ``length`` bytes of the
        reserved buffer to the receiver, then wait up to ``timeout`` until
        the next buffer is free -- on a one-region channel, until the
        receiver released this message, so the receiver must run in
        another thread or process.  Returns once the message is queued (a
        wait cut short is finished by :meth:`reserve`), and releases the
        view.  Raises, having sent nothing: ``EMSGSIZE``, ``EBUSY`` (call
        :meth:`reserve`), ``EAGAIN``, ``ETIMEDOUT``, ``EIDRM``,
        ``EACCES``, ``EBADF``."""
        length = size_arg(length, "length")
        waiting(lambda ms: lib.sipc_publish(self._h, length, ms),
                "sipc_publish", timeout)
        self._release_views()

    def commit(self, length: int, timeout: float | None = None) -> None:
        """Hand the first ``length`` bytes of the region to the receiver.

        Does not wait for the receiver to read them; may wait for room in
        the queue (``timeout`` seconds, ``None`` for no limit, 0 for none
        at all).  Raises ``EBUSY`` (still committed: :meth:`acquire`
        first), ``EMSGSIZE``, ``EAGAIN``, ``ETIMEDOUT``, ``EIDRM``,
        ``EBADF``.
        """
        length = size_arg(length, "length")
        waiting(lambda ms: lib.sipc_commit(self._h, length, ms), "sipc_commit",
                timeout)
        self._release_views()

    def acquire(self, timeout: float | None = None) -> None:
        """Wait until the receiver is done with the last message, so that
        the region may be written again.  Returns at once if nothing is
        committed; a call that times out keeps its progress."""
        waiting(lambda ms: lib.sipc_acquire(self._h, ms), "sipc_acquire", timeout)

    def send_eof(self, timeout: float | None = None) -> None:
        """Mark the end of the stream (after acquiring the region)."""
        waiting(lambda ms: lib.sipc_send_eof(self._h, ms), "sipc_send_eof", timeout)

    def send(self, data: bytes | bytearray | memoryview) -> None:
        """Copy ``data`` into the region and commit it, waiting as long as
        needed for the region.  Raises ``EMSGSIZE`` when it is longer than
        :attr:`capacity`."""
        if isinstance(data, bytes):
            ptr, length = data, len(data)
        else:
            view = memoryview(data).cast("B")
            length = view.nbytes
            if view.readonly:
                ptr = view.tobytes()
            else:
                ptr = (ctypes.c_char * length).from_buffer(view) if length else None
        waiting(lambda ms: lib.sipc_send(self._h, ptr, length), "sipc_send", None)
        self._release_views()


class Receiver(Channel):
    """The receiving end of a channel: maps the region read-only."""

    role = ROLE_RECEIVER

    def next(self, timeout: float | None = None) -> memoryview | None:
        """Wait for the next message and return a read-only view of it in
        the region (zero copy), or ``None`` at the end of the stream.

        The view is released at :meth:`done` or the next call.  Raises
        ``EAGAIN``, ``ETIMEDOUT``, ``EPIPE``, ``EIDRM``, ``EPROTO``,
        ``EBADF``.
        """
        self._release_views()
        data, length = c_void_p(), c_size_t()
        got = waiting(lambda ms: lib.sipc_next(self._h, byref(data), byref(length), ms),
                      "sipc_next", timeout)
        if got == 0:
            return None
        return self._view(data.value, length.value, readonly=True)

    def done(self, timeout: float | None = None) -> None:
        """Tell the sender the current message is read; its view is
        released first.  Returns at once when no message is held."""
        self._release_views()
        waiting(lambda ms: lib.sipc_done(self._h, ms), "sipc_done", timeout)

    def messages(self, timeout: float | None = None) -> Iterator[memoryview]:
        """Iterate over the messages up to the end of the stream, zero
        copy: each view is released, and :meth:`done` called, when the
        next one is asked for."""
        while True:
            view = self.next(timeout)
            if view is None:
                return
            yield view
            self.done(timeout)

    __iter__ = messages

    def recv_into(self, buffer: bytearray | memoryview) -> int | None:
        """Copy the next message into ``buffer`` and release it, waiting as
        long as needed.  Returns its length, or ``None`` at the end of the
        stream.  ``EMSGSIZE`` when it does not fit (it is dropped)."""
        view = memoryview(buffer).cast("B")
        if view.readonly:
            raise TypeError("recv_into() needs a writable buffer")
        self._release_views()
        length = c_size_t()
        # sipc_recv() wants a pointer even for 0 bytes: give it a spare one.
        target = ((ctypes.c_char * view.nbytes).from_buffer(view)
                  if view.nbytes else ctypes.c_char())
        got = waiting(lambda ms: lib.sipc_recv(self._h, byref(target), view.nbytes,
                                               byref(length)), "sipc_recv", None)
        return length.value if got else None

    def recv(self, max_size: int | None = None) -> bytes | None:
        """Copy out the next message (at most ``max_size`` bytes, by default
        :attr:`capacity`), or ``None`` at the end of the stream."""
        buf = bytearray(self._capacity if max_size is None
                        else size_arg(max_size, "max_size"))
        length = self.recv_into(buf)
        return None if length is None else bytes(buf[:length])


def open(name: Name, role: int) -> Sender | Receiver:  # noqa: A001
    """Open channel ``name`` as :data:`ROLE_SENDER` or :data:`ROLE_RECEIVER`
    (``sipc_open()``)."""
    if role == ROLE_SENDER:
        return Sender(name)
    if role == ROLE_RECEIVER:
        return Receiver(name)
    raise error(-errno.EINVAL, "sipc_open")	# what libsipc says of a bad role
