# SPDX-License-Identifier: GPL-2.0-only
"""Timeouts, in seconds: None waits, 0 never waits, more waits about that
long (the sysv backend polls every 50 us to 5 ms)."""
from __future__ import annotations

import os
import signal
import threading
import time

import pytest

import sipc

SLACK = 1.0	# scheduling on a busy 2-core machine


def elapsed(call) -> tuple[float, BaseException | None]:
    start = time.monotonic()
    try:
        call()
    except sipc.SipcError as e:
        return time.monotonic() - start, e
    return time.monotonic() - start, None


@pytest.mark.parametrize("seconds", [0.05, 0.3])
def test_next_times_out(chan, seconds):
    with sipc.Receiver(chan) as rx:
        took, err = elapsed(lambda: rx.next(seconds))
    assert isinstance(err, sipc.SipcTimeoutError) and isinstance(err, TimeoutError)
    assert seconds <= took < seconds + SLACK


def test_zero_never_waits(chan):
    with sipc.Receiver(chan) as rx:
        took, err = elapsed(lambda: rx.next(0))
    assert isinstance(err, sipc.WouldBlockError) and took < SLACK


def test_tiny_timeout_still_waits(chan):
    """0.1 ms rounds up to 1 ms: a timeout, not a non-blocking call."""
    with sipc.Receiver(chan) as rx:
        _, err = elapsed(lambda: rx.next(0.0001))
    assert isinstance(err, sipc.SipcTimeoutError)


def test_acquire_times_out_then_completes(chan):
    with sipc.Sender(chan) as tx, sipc.Receiver(chan) as rx:
        tx.buffer()[0] = ord("x")
        tx.commit(1, timeout=0)	# depth 1: NOOP-1 waits for room
        took, err = elapsed(lambda: tx.acquire(0.1))
        assert isinstance(err, sipc.SipcTimeoutError) and 0.1 <= took < 0.1 + SLACK
        assert bytes(rx.next(1)) == b"x"
        t = threading.Thread(target=rx.done, args=(5,))
        t.start()
        tx.acquire(5)	# keeps the progress of the timed-out call
        t.join(5)
        assert not t.is_alive()


def test_done_times_out(chan):
    with sipc.Sender(chan) as tx, sipc.Receiver(chan) as rx:
        tx.commit(1, timeout=0)
        rx.next(1)
        took, err = elapsed(lambda: rx.done(0.1))
        assert isinstance(err, sipc.SipcTimeoutError) and 0.1 <= took < 0.1 + SLACK


def test_commit_times_out(new_name):
    """Depth 1 and a receiver that never reads: the second message's
    DATA_READY finds the queue full."""
    sipc.create(new_name, 4096, 1)
    with sipc.Sender(new_name) as tx:
        tx.commit(1, timeout=0)
        with pytest.raises(sipc.SipcTimeoutError):
            tx.acquire(0.05)
        with pytest.raises(sipc.SipcTimeoutError):
            tx.send_eof(0.05)


def test_blocking_wait_is_woken(chan):
    """A wait without a limit returns as soon as the message comes."""
    got = []

    def receive():
        with sipc.Receiver(chan) as rx:
            got.append(rx.recv())
    t = threading.Thread(target=receive)
    t.start()
    time.sleep(0.2)
    with sipc.Sender(chan) as tx:
        start = time.monotonic()
        tx.send(b"wake")
        t.join(5)
        assert time.monotonic() - start < SLACK
    assert got == [b"wake"]


def test_iteration_timeout(chan):
    with sipc.Receiver(chan) as rx, pytest.raises(sipc.SipcTimeoutError):
        for _ in rx.messages(timeout=0.05):
            pass


class Signals:
    """SIGUSR1 to this process every 20 ms from a thread, with a handler
    (run in the main thread, where the waits below are)."""

    def __init__(self, handler):
        self.handler, self.stop, self.count = handler, threading.Event(), 0

    def __enter__(self):
        self.old = signal.signal(signal.SIGUSR1, self.handler)
        self.thread = threading.Thread(target=self.run)
        self.thread.start()
        return self

    def run(self):
        while not self.stop.wait(0.02):
            os.kill(os.getpid(), signal.SIGUSR1)
            self.count += 1

    def __exit__(self, *exc):
        # Ignored first: the thread may send one more before it sees
        # stop, and the test's handler must not run outside the test
        # (seen under TCG, where that window is wide).
        signal.signal(signal.SIGUSR1, signal.SIG_IGN)
        self.stop.set()
        self.thread.join()
        signal.signal(signal.SIGUSR1, self.old)


def test_signals_do_not_cut_waits(chan):
    """EINTR: the handler runs and the wait goes on (PEP 475)."""
    seen = []
    waited = threading.Event()

    def send_late():
        with sipc.Sender(chan) as tx:
            tx.send(b"late")
            # Open until the second wait is over: on the kernel backend
            # a sender that left ends it with EPIPE.
            waited.wait(30)
    with sipc.Receiver(chan) as rx, Signals(lambda *a: seen.append(1)) as sig:
        late = threading.Timer(0.5, send_late)
        late.start()
        assert bytes(rx.next()) == b"late"
        took, err = elapsed(lambda: rx.next(0.5))
        waited.set()
        late.join()
    assert isinstance(err, sipc.SipcTimeoutError) and 0.5 <= took < 0.5 + SLACK
    # Signals pending together are delivered once: fewer handler runs.
    assert sig.count >= 10 and len(seen) >= 2


def test_signal_handler_exception_ends_wait(chan):
    def handler(*args):
        raise KeyError("from the handler")
    with sipc.Receiver(chan) as rx, Signals(handler):
        with pytest.raises(KeyError):
            rx.next()
