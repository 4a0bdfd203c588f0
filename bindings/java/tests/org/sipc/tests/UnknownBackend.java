// SPDX-License-Identifier: GPL-2.0-only
package org.sipc.tests;

import org.sipc.Errno;
import org.sipc.Sipc;
import org.sipc.SipcException;

/** Run with SIPC_BACKEND=bogus: no backend, every call EINVAL. */
public final class UnknownBackend {
    private UnknownBackend() {
    }

    public static void main(String[] args) {
        if (Sipc.backend() != null) {
            System.exit(1);
        }
        try {
            Sipc.create("x", 4096);
        } catch (SipcException e) {
            System.exit(e.errno() == Errno.EINVAL ? 0 : 2);
        }
        System.exit(3);
    }
}
