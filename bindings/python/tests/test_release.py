# SPDX-License-Identifier: GPL-2.0-only
"""Resources: closing unmaps, destroying removes the channel (on sysv: the
SysV objects and the registry entry), a forgotten channel is closed by the
garbage collector once no view of its region is left."""
from __future__ import annotations

import gc
import os
import weakref

import pytest

import backend
import sipc
import sysvinfo
from backend import kernel_only, sysv_only


def mapped(name: str, shmid: int | None) -> int:
    """How many mappings of channel ``name``'s region this process has:
    SysV attaches of its segment, or (kernel) endpoint mappings, which the
    tests below have for one channel only."""
    if backend.SYSV:
        return int(sysvinfo.shm_mapped_here(shmid))
    return backend.endpoint_mappings()


def shm_id(name: str) -> int | None:
    return sysvinfo.ids(name)[1] if backend.SYSV else None


@sysv_only("the channel's SysV queue and segment, and its registry entry")
def test_destroy_removes_sysv_objects(new_name):
    sipc.create(new_name, 8192, 2)
    msqid, shmid = sysvinfo.ids(new_name)
    assert sysvinfo.msq_exists(msqid) and sysvinfo.shm_exists(shmid)
    with sipc.Sender(new_name) as tx, sipc.Receiver(new_name) as rx:
        tx.send(b"abc")
        assert rx.recv() == b"abc"
    sipc.destroy(new_name)
    assert not sysvinfo.msq_exists(msqid)
    assert not sysvinfo.shm_exists(shmid)
    assert not os.path.exists(os.path.join(sysvinfo.registry_dir(), new_name + ".chan"))
    assert new_name not in sipc.list_channels()


@kernel_only("the module's channel, without SysV objects")
def test_destroy_removes_channel(new_name):
    sipc.create(new_name, 8192, 2)
    assert new_name in sipc.list_channels()
    with sipc.Sender(new_name) as tx, sipc.Receiver(new_name) as rx:
        tx.send(b"abc")
        assert rx.recv() == b"abc"
        assert backend.endpoint_mappings() == 2
    assert backend.endpoint_mappings() == 0
    sipc.destroy(new_name)
    assert new_name not in sipc.list_channels()
    with pytest.raises(sipc.NoChannelError):
        sipc.stat(new_name)


def test_close_unmaps(chan):
    shmid = shm_id(chan)
    tx, rx = sipc.Sender(chan), sipc.Receiver(chan)
    assert mapped(chan, shmid)
    assert sipc.stat(chan).attached == 2	# sysv: shm_nattch; kernel: endpoints
    tx.close()
    assert sipc.stat(chan).attached == 1
    rx.close()
    assert sipc.stat(chan).attached == 0
    assert not mapped(chan, shmid)


def test_with_block_closes(chan):
    with sipc.Receiver(chan) as rx:
        assert not rx.closed
    assert rx.closed and sipc.stat(chan).attached == 0


def test_close_on_error_in_with_block(chan):
    try:
        with sipc.Sender(chan) as tx:
            raise KeyError("boom")
    except KeyError:
        pass
    assert tx.closed and sipc.stat(chan).attached == 0


def test_garbage_collector_closes(chan):
    tx = sipc.Sender(chan)
    ref = weakref.ref(tx)
    del tx
    gc.collect()
    assert ref() is None
    assert sipc.stat(chan).attached == 0


def test_view_keeps_channel_alive(chan):
    """A view alive keeps its channel (and so the mapping) alive."""
    shmid = shm_id(chan)
    part = sipc.Sender(chan).buffer()[10:20]	# the channel is unnamed
    gc.collect()
    assert mapped(chan, shmid)
    part[0] = 7
    del part
    gc.collect()
    assert not mapped(chan, shmid)


def test_open_failure_leaks_nothing(new_name):
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(100):
        try:
            sipc.Receiver(new_name)
        except sipc.NoChannelError:
            pass
    assert len(os.listdir("/proc/self/fd")) == before


def test_many_channels_opened_and_closed(new_name):
    """Handles are given back: far more opens than a process may hold."""
    sipc.create(new_name, 4096)
    for _ in range(2000):
        with sipc.Receiver(new_name):
            pass
    assert sipc.stat(new_name).attached == 0


def test_list_and_stat(chan, new_name):
    sipc.create(new_name, 5000, 3)
    names = sipc.list_channels()
    assert chan in names and new_name in names
    st = sipc.stat(new_name)
    assert st.size == 8192 and st.depth == 3 and st.creator_pid == os.getpid()
    # sysv: neither state, counters nor creation flags; kernel: all three.
    want = (sipc.STAT_STATE | sipc.STAT_COUNTERS | sipc.STAT_CREATE_FLAGS
            if backend.KERNEL else 0)
    assert st.creator_uid == os.geteuid() and st.flags == want
    assert st.create_flags == 0
    assert isinstance(sipc.context(new_name), str)
