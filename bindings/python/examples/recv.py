#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""recv.py CHANNEL -- write what arrives on a channel to standard output,
straight from the read-only region, until the end of the stream.

    sipc-helper demo; python3 recv.py demo > out & python3 send.py demo < in
"""
import sys

import sipc

with sipc.Receiver(sys.argv[1]) as rx:
    for view in rx:			# read-only memoryview, released after
        sys.stdout.buffer.write(view)
