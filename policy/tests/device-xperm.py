#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""What the linked policy really allows on /dev/sipc and on unconfined
channels: the sesearch view, with the setools library, of a kernel policy
with sipc.pp installed (the Debian test bed runs it in its root).

  device-xperm.py /etc/selinux/default/policy/policy.33     TAP on stdout

Checked, with every attribute expanded to its types:
  - every domain that holds the ioctl permission on sipc_device_t (by any
    rule: the reference policy's generic device rules included) has at
    least one allowxperm rule there, so not every command;
  - dpkg_script_t, kdumpctl_t, systemd_tmpfiles_t, udev_t and every
    member of devices_unconfined_type but the unconfined user domains get
    VERSION (0xbd00) only;
  - the unconfined user domains (unconfined_t, unconfined_java_t,
    unconfined_execmem_t) get every device command, and ioctl with
    exactly sipc's endpoint commands on their own anon inodes.
"""
import sys

import setools

DEVICE_ALL = set(range(0xbd00, 0xbd08))
ENDPOINT_ALL = {0xbd00} | set(range(0xbd20, 0xbd26))
NAMED = ["dpkg_script_t", "kdumpctl_t", "systemd_tmpfiles_t", "udev_t"]
UNCONFINED = ["unconfined_t", "unconfined_java_t", "unconfined_execmem_t"]


def per_type(rules, target):
    """{source type: set of perms (allow) or ioctl numbers (allowxperm)}
    for the rules' expansions whose target is @target."""
    out = {}
    for rule in rules.results():
        for r in rule.expand():
            if str(r.target) != target:
                continue
            out.setdefault(str(r.source), set()).update(r.perms)
    return out


def main():
    p = setools.SELinuxPolicy(sys.argv[1])
    ioctl = per_type(setools.TERuleQuery(p, ruletype=["allow"], target="sipc_device_t",
                                         tclass=["chr_file"], perms=["ioctl"]), "sipc_device_t")
    xperm = per_type(setools.TERuleQuery(p, ruletype=["allowxperm"], target="sipc_device_t",
                                         tclass=["chr_file"]), "sipc_device_t")
    types = {str(t) for t in p.types()}
    unconf = {str(t) for t in p.lookup_typeattr("unconfined_domain_type").expand()}
    devunc = {str(t) for t in p.lookup_typeattr("devices_unconfined_type").expand()}
    res = []
    res.append((len(ioctl) > 0, "%d domains hold ioctl on sipc_device_t" % len(ioctl)))
    bare = sorted(t for t in ioctl if not xperm.get(t))
    res.append((not bare, "each of them has allowxperm rules on sipc_device_t (none gets every command)%s"
                % (": not " + " ".join(bare) if bare else "")))
    res.append((len(devunc) > 0, "devices_unconfined_type has %d members" % len(devunc)))
    for t in NAMED + sorted(devunc - set(NAMED) - set(UNCONFINED)):
        if t not in types:
            continue
        if t not in ioctl:
            res.append((True, "%s: no ioctl on sipc_device_t at all" % t))
            continue
        got = xperm.get(t, set())
        res.append((got == {0xbd00}, "%s: ioctl on sipc_device_t restricted to VERSION (got %s)"
                    % (t, " ".join("0x%x" % x for x in sorted(got)) or "every command")))
    for t in UNCONFINED:
        if t not in types:
            res.append((False, "%s exists in the policy" % t))
            continue
        res.append((t in unconf, "%s is an unconfined domain (unconfined_domain_type)" % t))
        res.append((xperm.get(t, set()) == DEVICE_ALL and "ioctl" in ioctl.get(t, set()),
                    "%s: every /dev/sipc command" % t))
        own = per_type(setools.TERuleQuery(p, ruletype=["allow"], source=t, source_indirect=True,
                                           target=t, tclass=["anon_inode"]), t).get(t, set())
        ownx = per_type(setools.TERuleQuery(p, ruletype=["allowxperm"], source=t, target=t,
                                            tclass=["anon_inode"]), t).get(t, set())
        res.append(({"create", "getattr", "read", "write", "map", "ioctl"} <= own,
                    "%s: create getattr read write map ioctl on its own channels" % t))
        res.append((ownx == ENDPOINT_ALL, "%s: ioctl on its own anon inodes is exactly sipc's endpoint commands (got %s)"
                    % (t, " ".join("0x%x" % x for x in sorted(ownx)))))
    print("TAP version 13")
    print("1..%d" % len(res))
    for i, (good, what) in enumerate(res, 1):
        print("%s %d - %s" % ("ok" if good else "not ok", i, what))
    return 0 if all(g for g, _ in res) else 1


if __name__ == "__main__":
    sys.exit(main())
