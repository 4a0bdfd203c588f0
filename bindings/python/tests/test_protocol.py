# SPDX-License-Identifier: GPL-2.0-only
"""The protocol through the binding: many messages, content checked, both
zero copy and copy, in threads of one process and across processes."""
from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

import sipc

# 1000 on the host; bindings/guest-run.sh asks for fewer under QEMU's
# TCG, where a depth-1 round trip between two threads costs milliseconds.
COUNT = int(os.environ.get("SIPC_TEST_MESSAGES", "1000"))


def payload(i: int) -> bytes:
    """Message i: a length that varies from 0 up, bytes that depend on i."""
    length = (i * 37) % 3000
    return bytes((i + k * 7) & 0xFF for k in range(length))


def run_receiver(name: str, zero_copy: bool, out: list) -> threading.Thread:
    def body():
        try:
            with sipc.Receiver(name) as rx:
                if zero_copy:
                    for view in rx:
                        out.append(bytes(view))
                else:
                    while (msg := rx.recv()) is not None:
                        out.append(msg)
        except BaseException as e:	# reported by the main thread
            out.append(e)
    t = threading.Thread(target=body, daemon=True)
    t.start()
    return t


@pytest.mark.parametrize("zero_copy", [True, False], ids=["zero-copy", "copy"])
@pytest.mark.parametrize("depth", [1, 4])
def test_thousand_messages(zero_copy, depth, new_name):
    sipc.create(new_name, 4096, depth)
    got: list = []
    t = run_receiver(new_name, zero_copy, got)
    with sipc.Sender(new_name) as tx:
        for i in range(COUNT):
            data = payload(i)
            if zero_copy:
                tx.acquire()
                tx.buffer()[:len(data)] = data
                tx.commit(len(data))
            else:
                tx.send(data)
        tx.send_eof()
    t.join(60)
    assert not t.is_alive()
    assert len(got) == COUNT
    for i, msg in enumerate(got):
        assert msg == payload(i), f"message {i}"


def test_thousand_messages_fast_path(new_name):
    """0.2: reserve() and publish(), on a one-region channel (the sysv
    backend has no multi-slot channels)."""
    sipc.create_slots(new_name, 4096, 1)
    got: list = []
    t = run_receiver(new_name, True, got)
    with sipc.Sender(new_name) as tx:
        assert tx.slots == 1
        for i in range(COUNT):
            data = payload(i)
            tx.reserve()[:len(data)] = data
            tx.publish(len(data))
        tx.send_eof()
    t.join(60)
    assert not t.is_alive() and len(got) == COUNT
    assert all(msg == payload(i) for i, msg in enumerate(got))


def test_views_are_the_region(chan):
    """The receiver's view reads the sender's region in place."""
    with sipc.Sender(chan) as tx, sipc.Receiver(chan) as rx:
        buf = tx.buffer()
        assert len(buf) == tx.capacity == rx.capacity == 65536
        assert not buf.readonly and buf.format == "B"
        buf[:4] = b"abcd"
        tx.commit(4, timeout=0)	# depth 1: NOOP-1 waits for acquire()
        view = rx.next()
        assert view.readonly and bytes(view) == b"abcd"
        with pytest.raises(TypeError):
            view[0] = 1


def test_empty_message_is_not_the_end(chan):
    with sipc.Sender(chan) as tx, sipc.Receiver(chan) as rx:
        tx.commit(0, timeout=0)
        view = rx.next()
        assert view is not None and len(view) == 0


def test_end_of_stream(chan):
    with sipc.Sender(chan) as tx, sipc.Receiver(chan) as rx:
        tx.send_eof()
        assert rx.next() is None
        tx.send_eof()
        assert rx.recv() is None
        tx.send_eof()
        assert list(rx) == []


SENDER = """
import sys, sipc
sys.path.insert(0, sys.argv[2])
from test_protocol import payload, COUNT
with sipc.Sender(sys.argv[1]) as tx:
    for i in range(COUNT):
        tx.send(payload(i))
    tx.send_eof()
"""


def test_thousand_messages_across_processes(new_name):
    sipc.create(new_name, 4096, 1)
    here = os.path.dirname(os.path.abspath(__file__))
    proc = subprocess.Popen([sys.executable, "-c", SENDER, new_name, here])
    got = []
    with sipc.Receiver(new_name) as rx:
        for i, view in enumerate(rx.messages(timeout=30)):
            assert view == payload(i), f"message {i}"
            got.append(i)
    assert proc.wait(30) == 0
    assert len(got) == COUNT
