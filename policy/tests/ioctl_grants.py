#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Every ioctl that libsipc, the tools and the bindings issue is granted by the policy
interface meant for that role, derived from the sources rather than
listed by hand, so that a new command cannot be forgotten again (as
COMMIT and RECV_NEXT once were).

  policy/tests/ioctl_grants.py            TAP on stdout
  policy/tests/ioctl_grants.py --self-test   also prove that it fails on
                                             a sipc.if with a grant removed

The roles come from the UAPI header's own documentation: each command's
block says "On: /dev/sipc", "On: a sender endpoint", "On: a receiver
endpoint" or "On: an endpoint".  The grants come from the allowxperm
lines of each interface in policy/sipc.if, with the interfaces it calls.
"""
import os
import re
import sys
import tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
HEADER = os.path.join(ROOT, "include/uapi/linux/sipc.h")
IFACE = os.path.join(ROOT, "policy/sipc.if")
# The programs that issue commands: the library, every tool, and the
# bindings (which call libsipc, but would be caught issuing an ioctl of
# their own, by name or by number).
USERS = ["lib/src", "tools", "bindings"]
SOURCES = (".c", ".h", ".py", ".java", ".cs")

# Which interface must grant a command, by the header's "On:" wording.
SENDER, RECEIVER, DEVICE = "sipc_send", "sipc_receive", "device"


def commands(header):
    """{name: (nr, where)} from the #defines and the doc blocks."""
    text = open(header).read()
    nrs = {m.group(1): int(m.group(2), 16) for m in re.finditer(
        r"#define (SIPC_IOC_[A-Z_]+)\s+_IO\(SIPC_IOC_MAGIC, (0x[0-9a-fA-F]+)\)", text)}
    where = {}
    for block in re.finditer(r"/\*\n \* (SIPC_IOC_[A-Z_ /]+?) - .*?\*/", text, re.S):
        names = re.findall(r"SIPC_IOC_[A-Z_]+", block.group(1))
        on = re.search(r"On: ([^.]*)\.", block.group(0))
        for n in names:
            where[n] = on.group(1) if on else None
    return {n: (nr, where.get(n)) for n, nr in nrs.items()}


def used_commands(cmds):
    by_nr = {nr: n for n, (nr, _) in cmds.items()}
    used = set()
    for d in USERS:
        for dirpath, _, files in os.walk(os.path.join(ROOT, d)):
            if "/testing" in dirpath[len(ROOT):]:
                continue        # the test bed's own scripts
            for f in files:
                if f.endswith(SOURCES):
                    text = open(os.path.join(dirpath, f), errors="replace").read()
                    used |= set(re.findall(r"SIPC_IOC_[A-Z_]+", text))
                    if d == "bindings":
                        # A raw command number: 0xBD.. as in _IO(0xBD, nr).
                        for nr in re.findall(r"0x[bB][dD]([0-9a-fA-F]{2})\b", text):
                            used.add(by_nr.get(int(nr, 16), "SIPC_IOC_UNKNOWN_0xbd" + nr))
    # mmap() of an endpoint and every fault on it are checked as
    # SIPC_IOC_MAP: the library maps, so it "issues" MAP too.
    return (used - {"SIPC_IOC_MAGIC"}) | {"SIPC_IOC_MAP"}


def grants(iface_text):
    """{interface: {"chr_file": set(nr), "anon_inode": set(nr)}}, with the
    grants of the interfaces it calls folded in."""
    own, calls = {}, {}
    for m in re.finditer(r"interface\(`(\w+)',`(.*?)\n'\)", iface_text, re.S):
        name, body = m.group(1), m.group(2)
        g = {"chr_file": set(), "anon_inode": set()}
        for line in body.splitlines():
            x = re.match(r"\s*allowxperm \S+ (?:\{[^}]*\}|\S+):(\w+) ioctl (.*);", line)
            if x and x.group(1) in g:
                g[x.group(1)] |= {int(h, 16) & 0xff for h in re.findall(r"0x[0-9a-fA-F]+", x.group(2))}
        own[name] = g
        calls[name] = set(re.findall(r"^\s*(sipc_\w+)\(", body, re.M))

    def closure(name, seen=()):
        g = {k: set(v) for k, v in own.get(name, {"chr_file": set(), "anon_inode": set()}).items()}
        for c in calls.get(name, ()):
            if c not in seen and c in own:
                for k, v in closure(c, seen + (name,)).items():
                    g[k] |= v
        return g
    return {n: closure(n) for n in own}


def check(iface_text):
    """The TAP results: (list of (ok, description))."""
    cmds = commands(HEADER)
    g = grants(iface_text)
    results = []
    for name in sorted(used_commands(cmds)):
        if name not in cmds:
            results.append((False, "%s is used but not defined in the header" % name))
            continue
        nr, on = cmds[name]
        if on is None:
            results.append((False, "%s has no \"On:\" line in the header" % name))
            continue
        need = []      # (interface, class)
        if on.startswith("/dev/sipc"):
            if name == "SIPC_IOC_ATTACH_SENDER":
                need.append((SENDER, "chr_file"))
            elif name == "SIPC_IOC_ATTACH_RECEIVER":
                need.append((RECEIVER, "chr_file"))
            elif name != "SIPC_IOC_VERSION":
                # Administration: some interface must grant it.
                if not any(nr in v["chr_file"] for v in g.values()):
                    results.append((False, "%s (0xbd%02x) on /dev/sipc: no interface grants it" % (name, nr)))
                else:
                    results.append((True, "%s (0xbd%02x) on /dev/sipc is granted" % (name, nr)))
            else:
                need += [(SENDER, "chr_file"), (RECEIVER, "chr_file")]
        if "sender endpoint" in on:
            need.append((SENDER, "anon_inode"))
        elif "receiver endpoint" in on:
            need.append((RECEIVER, "anon_inode"))
        elif "endpoint" in on:
            need += [(SENDER, "anon_inode"), (RECEIVER, "anon_inode")]
        for iface, cls in need:
            ok = iface in g and nr in g[iface][cls]
            results.append((ok, "%s (0xbd%02x, on %s) is granted by %s() on %s" % (name, nr, on, iface, cls)))
    # The unconfined user domains: every command of the header, each on
    # the class its "On:" line names.
    u = g.get("sipc_unconfined", {"chr_file": set(), "anon_inode": set()})
    for name, (nr, on) in sorted(cmds.items()):
        if name == "SIPC_IOC_MAGIC" or on is None:
            continue
        classes = (["chr_file"] if on.startswith("/dev/sipc") else []) + \
            (["anon_inode"] if "endpoint" in on else [])
        for cls in classes:
            results.append((nr in u[cls], "%s (0xbd%02x) is granted by sipc_unconfined() on %s" % (name, nr, cls)))
    return results


def main():
    results = check(open(IFACE).read())
    if "--self-test" in sys.argv:
        text = open(IFACE).read()
        broken = text.replace(" 0xbd24 };", " };", 1)
        fails = [d for ok, d in check(broken) if not ok]
        results.append((broken != text and any("SIPC_IOC_COMMIT" in d for d in fails),
                        "self-test: a sipc.if without COMMIT in sipc_send() is caught"))
        broken = text.replace(" 0xbd24 0xbd25 };", " 0xbd24 };", 1)
        fails = [d for ok, d in check(broken) if not ok]
        results.append((broken != text and any("RECV_NEXT" in d and "sipc_unconfined" in d for d in fails),
                        "self-test: a sipc.if without RECV_NEXT in sipc_unconfined() is caught"))
    print("TAP version 13")
    print("1..%d" % len(results))
    for i, (ok, what) in enumerate(results, 1):
        print("%s %d %s" % ("ok" if ok else "not ok", i, what))
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
