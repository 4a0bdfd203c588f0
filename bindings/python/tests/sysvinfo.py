# SPDX-License-Identifier: GPL-2.0-only
"""What the sysv backend leaves in the system: registry entries (files in
$SIPC_SYSV_DIR, format in lib/BACKENDS.md) and SysV objects
(/proc/sysvipc/msg and /proc/sysvipc/shm, what ``ipcs`` shows).

Objects are matched by id or creator, never counted globally: other
programs may create and remove SysV objects while the tests run.
"""
from __future__ import annotations

import os


def registry_dir() -> str:
    return os.environ["SIPC_SYSV_DIR"]


def entry(name: str) -> dict[str, str]:
    """The key/value lines of channel ``name``'s registry entry."""
    with open(os.path.join(registry_dir(), name + ".chan"), encoding="ascii") as f:
        return dict(line.rstrip("\n").split(" ", 1) for line in f if " " in line)


def ids(name: str) -> tuple[int, int]:
    """(msqid, shmid) of channel ``name``."""
    e = entry(name)
    return int(e["msqid"]), int(e["shmid"])


def _table(kind: str) -> list[dict[str, str]]:
    with open(f"/proc/sysvipc/{kind}", encoding="ascii") as f:
        head = f.readline().split()
        return [dict(zip(head, line.split())) for line in f]


def msq_exists(msqid: int) -> bool:
    return any(int(r["msqid"]) == msqid for r in _table("msg"))


def shm_exists(shmid: int) -> bool:
    return any(int(r["shmid"]) == shmid for r in _table("shm"))


def shm_mapped_here(shmid: int) -> bool:
    """Whether this process maps segment ``shmid`` (its inode in maps)."""
    with open("/proc/self/maps", encoding="ascii") as f:
        for line in f:
            fields = line.split()
            if len(fields) >= 6 and fields[5].startswith("/SYSV") and int(fields[4]) == shmid:
                return True
    return False


def leftovers(pid: int) -> list[str]:
    """Registry entries in the private directory, and segments created by
    process ``pid``; empty when the suite cleaned up."""
    found = [f"registry entry {f}" for f in sorted(os.listdir(registry_dir()))]
    found += [f"shm {r['shmid']} created by {pid}" for r in _table("shm")
              if int(r["cpid"]) == pid]
    return found
