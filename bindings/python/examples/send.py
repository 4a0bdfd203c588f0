#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""send.py CHANNEL -- send standard input through a channel, zero copy:
read straight into the region, commit, end the stream.

    sipc-helper demo; python3 recv.py demo > out & python3 send.py demo < in
"""
import sys

import sipc

with sipc.Sender(sys.argv[1]) as tx:
    while True:
        tx.acquire()			# the receiver is done with the last one
        buf = tx.buffer()		# writable memoryview of the region
        n = sys.stdin.buffer.readinto(buf)
        if not n:
            break
        tx.commit(n)
    tx.send_eof()
