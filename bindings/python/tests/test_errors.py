# SPDX-License-Identifier: GPL-2.0-only
"""Every error path: libsipc's errno reaches Python as SipcError (with the
matching built-in subclass), with libsipc's message; misuse the binding
catches itself raises the usual Python exception."""
from __future__ import annotations

import ctypes
import errno
import os
import select
import subprocess
import sys
import threading
import time

import pytest

import backend
import sipc
import sysvinfo
from backend import kernel_only, sysv_only


def raises(err: int, function: str):
    """Context manager: a SipcError with this errno, from this C call."""
    class Check:
        def __enter__(self):
            self.ctx = pytest.raises(sipc.SipcError)
            self.info = self.ctx.__enter__()
            return self.info

        def __exit__(self, *exc):
            self.ctx.__exit__(*exc)
            e = self.info.value
            assert e.errno == err, f"{e!r}: want {errno.errorcode[err]}"
            assert e.function == function
            assert e.strerror == sipc.strerror(err) == sipc.strerror(-err)
            assert e.strerror and str(e) == f"{function}: [Errno {err}] {e.strerror}"
            return True
    return Check()


def test_create_existing(chan):
    with raises(errno.EEXIST, "sipc_create") as info:
        sipc.create(chan)
    assert isinstance(info.value, FileExistsError)
    assert isinstance(info.value, sipc.ChannelExistsError)


@pytest.mark.parametrize("name", ["", "a/b", "sp ace", "t\x01ab", "caf\u00e9"])
def test_create_bad_name(name):
    with raises(errno.EINVAL, "sipc_create"):
        sipc.create(name)


def test_create_name_too_long():
    with raises(errno.ENAMETOOLONG, "sipc_create"):
        sipc.create("n" * sipc.NAME_MAX)


def test_create_bad_depth(new_name):
    with raises(errno.EINVAL, "sipc_create"):
        sipc.create(new_name, 4096, sipc.QUEUE_DEPTH_MAX + 1)


def test_create_bad_size(new_name):
    with raises(errno.EINVAL, "sipc_create"):
        sipc.create(new_name, 0)


def test_arguments_checked_before_c():
    """What C cannot represent never reaches it (ctypes would wrap a
    negative size_t and cut a name at a NUL)."""
    with pytest.raises(ValueError):
        sipc.create("neg", -1)
    with pytest.raises(ValueError):
        sipc.create("a\0b")
    with pytest.raises(ValueError):
        sipc.Sender("a\0b")


@pytest.mark.parametrize("call,function", [
    (lambda n: sipc.destroy(n), "sipc_destroy"),
    (lambda n: sipc.stat(n), "sipc_stat"),
    (lambda n: sipc.context(n), "sipc_context"),
    (lambda n: sipc.Sender(n), "sipc_open"),
    (lambda n: sipc.Receiver(n), "sipc_open"),
], ids=["destroy", "stat", "context", "open-sender", "open-receiver"])
def test_no_such_channel(call, function, new_name):
    with raises(errno.ENOENT, function) as info:
        call(new_name)
    assert isinstance(info.value, FileNotFoundError)


def test_open_bad_role(chan):
    with raises(errno.EINVAL, "sipc_open"):
        sipc.open(chan, 3)
    assert isinstance(sipc.open(chan, sipc.ROLE_RECEIVER), sipc.Receiver)


@sysv_only("SysV objects cannot be revoked: sipc_revoke() is EOPNOTSUPP")
def test_revoke_not_on_sysv(chan):
    with raises(errno.EOPNOTSUPP, "sipc_revoke"):
        sipc.revoke(chan, sipc.REVOKE_SENDER | sipc.REVOKE_RECEIVER)


@sysv_only("SysV objects cannot be revoked: EOPNOTSUPP")
def test_revoke_id_and_destroy_revoke_not_on_sysv(chan):
    channel_id = sipc.stat(chan).id
    with raises(errno.EOPNOTSUPP, "sipc_revoke_id"):
        sipc.revoke_id(channel_id, sipc.REVOKE_RECEIVER)
    with raises(errno.EOPNOTSUPP, "sipc_destroy_revoke"):
        sipc.destroy_revoke(chan)
    with pytest.raises(ValueError):
        sipc.revoke_id(-1, sipc.REVOKE_RECEIVER)
    assert chan in sipc.list_channels()


@sysv_only("the kernel backend creates sealed channels")
def test_sealed_not_on_sysv(chan, new_name):
    with raises(errno.EOPNOTSUPP, "sipc_create_flags"):
        sipc.create_flags(new_name, 4096, 0, sipc.CREATE_SEALED)
    with raises(errno.EOPNOTSUPP, "sipc_create_flags"):
        sipc.create_flags(new_name, 4096, 3, sipc.CREATE_SEALED)
    with raises(errno.EINVAL, "sipc_create_flags"):
        sipc.create_flags(new_name, 4096, 0, 1 << 5)
    assert new_name not in sipc.list_channels()
    st = sipc.stat(chan)
    assert not st.flags & sipc.STAT_CREATE_FLAGS and st.create_flags == 0


@kernel_only("sealed channels are the module's (SIPC_CREATE_SEALED)")
def test_sealed_on_kernel(new_name):
    sipc.create_flags(new_name, 4096, 0, sipc.CREATE_SEALED)
    try:
        st = sipc.stat(new_name)
        assert st.flags & sipc.STAT_CREATE_FLAGS
        assert st.create_flags == sipc.CREATE_SEALED
        with raises(errno.EINVAL, "sipc_create_flags"):
            sipc.create_flags(new_name + "x", 4096, 0, 1 << 5)
    finally:
        sipc.destroy(new_name)


@sysv_only("the sysv backend has no descriptor to poll")
def test_no_descriptor_on_sysv(chan):
    with sipc.Receiver(chan) as rx, raises(errno.EOPNOTSUPP, "sipc_fd"):
        rx.fileno()


@kernel_only("revocation is the module's (SIPC_IOC_REVOKE)")
def test_revoke(chan):
    """A revoked endpoint's calls fail with EACCES; its role is free for a
    new endpoint; the other role is untouched."""
    with sipc.Sender(chan) as tx, sipc.Receiver(chan) as rx:
        sipc.revoke(chan, sipc.REVOKE_SENDER)
        # (Not send(): it would write to the revoked mapping, SIGBUS.)
        with raises(errno.EACCES, "sipc_commit"):
            tx.commit(1, timeout=0)
        with sipc.Sender(chan) as tx2:
            tx2.buffer()[:10] = b"new sender"
            tx2.commit(10, timeout=0)	# queued; no wait for the release
            # (Not recv(): its release would wait for the NOOP that a
            # commit cut short never queues.)
            assert bytes(rx.next(0)) == b"new sender"
        sipc.revoke(chan, sipc.REVOKE_RECEIVER)
        with raises(errno.EACCES, "sipc_next"):
            rx.next(0)
    with raises(errno.EINVAL, "sipc_revoke"):
        sipc.revoke(chan, 0)
    with raises(errno.ENOENT, "sipc_revoke"):
        sipc.revoke(chan + "-none", sipc.REVOKE_SENDER)
    assert chan in sipc.list_channels()


@kernel_only("revocation is the module's (SIPC_IOC_REVOKE)")
def test_revoke_id_reaches_a_destroyed_channel(chan):
    """revoke_id() names the channel by id: it reaches the endpoints of a
    channel whose name is gone."""
    channel_id = sipc.stat(chan).id
    with sipc.Receiver(chan) as rx:
        sipc.destroy(chan)
        assert chan not in sipc.list_channels()
        sipc.revoke_id(channel_id, sipc.REVOKE_RECEIVER)
        with raises(errno.EACCES, "sipc_next"):
            rx.next(0)
    with raises(errno.ENOENT, "sipc_revoke_id"):
        sipc.revoke_id(channel_id, sipc.REVOKE_RECEIVER)
    with pytest.raises(ValueError):
        sipc.revoke_id(-1, sipc.REVOKE_RECEIVER)


@kernel_only("revocation is the module's (SIPC_IOC_REVOKE)")
def test_destroy_revoke(chan):
    """destroy_revoke(): the name goes and both endpoints are dead."""
    with sipc.Sender(chan) as tx, sipc.Receiver(chan) as rx:
        sipc.destroy_revoke(chan)
        assert chan not in sipc.list_channels()
        with raises(errno.EACCES, "sipc_commit"):
            tx.commit(1, timeout=0)
        with raises(errno.EACCES, "sipc_next"):
            rx.next(0)
    with raises(errno.ENOENT, "sipc_destroy_revoke"):
        sipc.destroy_revoke(chan)


@kernel_only("only the module's endpoints are descriptors")
def test_descriptor_polls(chan):
    """fileno() is the endpoint: POLLIN once a message is queued."""
    with sipc.Sender(chan) as tx, sipc.Receiver(chan) as rx:
        fd = rx.fileno()
        assert fd >= 0 and fd == rx.fileno()
        p = select.poll()
        p.register(fd, select.POLLIN)
        assert p.poll(0) == []
        tx.buffer()[:4] = b"ping"
        tx.commit(4, timeout=0)		# queued; no wait for the release
        assert p.poll(5000) == [(fd, select.POLLIN)]
        assert bytes(rx.next(0)) == b"ping"


@kernel_only("the sysv backend cannot tell that the sender has left")
def test_sender_gone_is_epipe(chan):
    """Once the last sender closed (and the queue is drained), the
    receiver's wait ends with EPIPE instead of waiting for ever."""
    with sipc.Receiver(chan) as rx:
        with sipc.Sender(chan) as tx:
            tx.buffer()[:4] = b"last"
            tx.commit(4, timeout=0)
        assert rx.recv(10) == b"last"
        with raises(errno.EPIPE, "sipc_next") as info:
            rx.next(5)
        assert isinstance(info.value, sipc.SenderGoneError)


@kernel_only("multi-slot channels are the module's")
def test_slots(new_name):
    sipc.create_slots(new_name, 4096, 2)
    with sipc.Sender(new_name) as tx:
        assert tx.slots == 2
    with raises(errno.EINVAL, "sipc_create_slots"):
        sipc.create_slots(new_name + "x", 4096, sipc.SLOTS_MAX + 1)


@kernel_only("channel labels are the module's")
def test_label_on_kernel(chan):
    label = sipc.label(chan)
    assert isinstance(label, str)
    if backend.selinux_enforcing():
        assert label, "SELinux labels every channel"
    with raises(errno.ENOENT, "sipc_label"):
        sipc.label(chan + "-none")


def test_commit_too_long(chan):
    with sipc.Sender(chan) as tx, raises(errno.EMSGSIZE, "sipc_commit"):
        tx.commit(tx.capacity + 1)


def test_send_too_long(chan):
    with sipc.Sender(chan) as tx, raises(errno.EMSGSIZE, "sipc_send"):
        tx.send(bytes(tx.capacity + 1))


def test_commit_twice(chan):
    with sipc.Sender(chan) as tx, sipc.Receiver(chan):
        tx.commit(1, timeout=0)
        with raises(errno.EBUSY, "sipc_commit"):
            tx.commit(1, timeout=0)


def test_acquire_would_block(chan):
    with sipc.Sender(chan) as tx:
        tx.commit(1, timeout=0)
        with raises(errno.EAGAIN, "sipc_acquire") as info:
            tx.acquire(0)
        assert isinstance(info.value, BlockingIOError)
        with raises(errno.EAGAIN, "sipc_send_eof"):
            tx.send_eof(0)


def test_done_would_block(chan):
    """Depth 1: NOOP-1 is queued only by the sender's acquire()."""
    with sipc.Sender(chan) as tx, sipc.Receiver(chan) as rx:
        tx.commit(1, timeout=0)
        assert rx.next(0) is not None
        with raises(errno.EAGAIN, "sipc_done"):
            rx.done(0)


def test_next_would_block(chan):
    with sipc.Receiver(chan) as rx, raises(errno.EAGAIN, "sipc_next"):
        rx.next(0)


def test_recv_too_small(new_name):
    # Depth 2: NOOP-1 is queued with the message, so the receiver can
    # drop it (take NOOP-1) without the sender's acquire().
    sipc.create(new_name, 4096, 2)
    with sipc.Sender(new_name) as tx, sipc.Receiver(new_name) as rx:
        tx.commit(10, timeout=0)
        with raises(errno.EMSGSIZE, "sipc_recv"):
            rx.recv(9)
        tx.acquire(5)
        with raises(errno.EAGAIN, "sipc_next"):
            rx.next(0)		# the long message was dropped
        tx.send_eof(5)
        assert rx.recv(9) is None


def test_destroy_wakes_waiter_with_eidrm(chan):
    result = []
    rx = sipc.Receiver(chan)	# opened here: the thread only waits

    def wait():
        try:
            rx.next(10)
        except sipc.SipcError as e:
            result.append(e)
    t = threading.Thread(target=wait)
    t.start()
    time.sleep(0.2)
    sipc.destroy(chan)
    t.join(10)
    rx.close()
    assert not t.is_alive() and len(result) == 1
    assert result[0].errno == errno.EIDRM and result[0].function == "sipc_next"


def test_sender_after_destroy(chan):
    with sipc.Sender(chan) as tx:
        sipc.destroy(chan)
        with raises(errno.EIDRM, "sipc_send_eof"):
            tx.send_eof(1)


@sysv_only("the sysv backend has one region per channel")
def test_no_slots_on_sysv(new_name):
    with raises(errno.EOPNOTSUPP, "sipc_create_slots"):
        sipc.create_slots(new_name, 4096, 2)
    with raises(errno.EINVAL, "sipc_create_slots"):
        sipc.create_slots(new_name, 4096, sipc.SLOTS_MAX + 1)


def test_publish_errors(chan):
    with sipc.Sender(chan) as tx:
        view = tx.reserve(0)
        with raises(errno.EMSGSIZE, "sipc_publish"):
            tx.publish(tx.capacity + 1, 0)
        view[0] = 1	# nothing sent: still ours
        tx.publish(1, 0)	# queued; the wait for the release is cut short
        with pytest.raises(ValueError):
            view[0] = 2	# released: the receiver's now
        with raises(errno.EBUSY, "sipc_publish"):
            tx.publish(1, 0)
        with raises(errno.EAGAIN, "sipc_reserve"):
            tx.reserve(0)
        with raises(errno.ETIMEDOUT, "sipc_reserve"):
            tx.reserve(0.05)


@sysv_only("SysV objects carry no channel label")
def test_label_is_empty_on_sysv(chan):
    assert sipc.label(chan) == ""
    with raises(errno.ENOENT, "sipc_label"):
        sipc.label(chan + "-none")


@sysv_only("a third party's msgsnd() on the channel's SysV queue")
def test_malformed_message(chan):
    """A message of the wrong size in the queue (a third party's) is
    EPROTO: sent here with msgsnd() on the channel's SysV queue."""
    msqid, _ = sysvinfo.ids(chan)
    libc = ctypes.CDLL(None, use_errno=True)

    class Msg(ctypes.Structure):
        _fields_ = [("mtype", ctypes.c_long), ("text", ctypes.c_char * 8)]
    msg = Msg(1, b"garbage!")
    assert libc.msgsnd(msqid, ctypes.byref(msg), 8, 0o4000) == 0, ctypes.get_errno()
    with sipc.Receiver(chan) as rx, raises(errno.EPROTO, "sipc_next"):
        rx.next(0)


@pytest.mark.parametrize("call,function", [
    (lambda c: c.fileno(), "sipc_fd"),
    (lambda c: c.buffer(), "sipc_buffer"),
    (lambda c: c.commit(0), "sipc_commit"),
    (lambda c: c.acquire(), "sipc_acquire"),
    (lambda c: c.send_eof(), "sipc_send_eof"),
    (lambda c: c.send(b"x"), "sipc_send"),
    (lambda c: c.slots, "sipc_slots"),
    (lambda c: c.reserve(), "sipc_reserve"),
    (lambda c: c.publish(0), "sipc_publish"),
], ids=["fileno", "buffer", "commit", "acquire", "send_eof", "send", "slots",
        "reserve", "publish"])
def test_sender_closed(call, function, chan):
    tx = sipc.Sender(chan)
    tx.close()
    tx.close()	# a second close is a no-op
    assert tx.closed
    with raises(errno.EBADF, function):
        call(tx)


@pytest.mark.parametrize("call,function", [
    (lambda c: c.next(0), "sipc_next"),
    (lambda c: c.done(0), "sipc_done"),
    (lambda c: c.recv(), "sipc_recv"),
    (lambda c: list(c), "sipc_next"),
], ids=["next", "done", "recv", "iter"])
def test_receiver_closed(call, function, chan):
    with sipc.Receiver(chan) as rx:
        pass
    with raises(errno.EBADF, function):
        call(rx)


def test_released_views(chan):
    """Views are released when the data stops being the caller's."""
    with sipc.Sender(chan) as tx, sipc.Receiver(chan) as rx:
        buf = tx.buffer()
        buf[0] = 42
        tx.commit(1, timeout=0)
        with pytest.raises(ValueError):
            buf[0] = 1	# committed: the receiver's now
        view = rx.next()
        assert view[0] == 42
        tx_thread = threading.Thread(target=tx.acquire)
        tx_thread.start()
        rx.done()
        tx_thread.join(10)
        with pytest.raises(ValueError):
            view[0]		# done: the sender may reuse it
        buf = tx.buffer()
    with pytest.raises(ValueError):
        buf[0]			# closed


def test_close_refused_while_derived_view_lives(chan):
    rx = sipc.Receiver(chan)
    with sipc.Sender(chan) as tx:
        tx.buffer()[:3] = b"xyz"
        tx.commit(3, timeout=0)
    part = rx.next()[1:]	# a slice: not released by the channel
    with pytest.raises(BufferError):
        rx.close()
    assert not rx.closed and bytes(part) == b"yz"
    del part
    rx.close()
    assert rx.closed


def test_bad_timeouts(chan):
    with sipc.Receiver(chan) as rx, pytest.raises(ValueError):
        rx.next(-1)


def test_recv_into_readonly(chan):
    with sipc.Receiver(chan) as rx, pytest.raises(TypeError):
        rx.recv_into(b"read-only")


def test_unknown_backend():
    """SIPC_BACKEND with an unknown value: backend() is None and every
    call EINVAL (a new process: the choice is made once per process)."""
    code = ("import errno, sipc\n"
            "assert sipc.backend() is None\n"
            "try:\n    sipc.create('x')\nexcept sipc.SipcError as e:\n"
            "    assert e.errno == errno.EINVAL, e\nelse:\n    raise SystemExit(1)\n")
    env = dict(os.environ, SIPC_BACKEND="bogus")
    assert subprocess.run([sys.executable, "-c", code], env=env, timeout=30).returncode == 0


def test_strerror():
    assert sipc.strerror(errno.ENOENT) == sipc.strerror(-errno.ENOENT) == "No such channel"
    assert sipc.strerror(0)
