// SPDX-License-Identifier: LGPL-2.1-or-later
package org.sipc;

import java.lang.annotation.Native;

/**
 * The error numbers libsipc reports, as in Linux's {@code <errno.h>}, for
 * comparing with {@link SipcException#errno()}.  (The JNI library checks
 * each value against the C header when it is compiled.)
 */
public final class Errno {
    private Errno() {
    }

    /** No such channel. */
    @Native public static final int ENOENT = 2;
    /** Interrupted by a signal: never thrown, the binding calls again. */
    @Native public static final int EINTR = 4;
    /** Closed handle, or a call for the other role. */
    @Native public static final int EBADF = 9;
    /** Would have to wait, and the timeout is 0. */
    @Native public static final int EAGAIN = 11;
    /** Out of memory. */
    @Native public static final int ENOMEM = 12;
    /** Refused by the policy, revoked, or a foreign registry directory. */
    @Native public static final int EACCES = 13;
    /** Role taken (kernel backend), or the buffer is still committed. */
    @Native public static final int EBUSY = 16;
    /** The channel name is taken. */
    @Native public static final int EEXIST = 17;
    /** Kernel backend asked for, and no {@code /dev/sipc}. */
    @Native public static final int ENODEV = 19;
    /** A bad argument: name, size, depth, role. */
    @Native public static final int EINVAL = 22;
    /** Too many open handles. */
    @Native public static final int EMFILE = 24;
    /** A limit on channels or memory was reached. */
    @Native public static final int ENOSPC = 28;
    /** The sender left without ending the stream (kernel backend). */
    @Native public static final int EPIPE = 32;
    /** The channel name is too long. */
    @Native public static final int ENAMETOOLONG = 36;
    /** The channel was destroyed. */
    @Native public static final int EIDRM = 43;
    /** A malformed message in the queue. */
    @Native public static final int EPROTO = 71;
    /** A message longer than a ByteBuffer can show (2 GiB). */
    @Native public static final int EOVERFLOW = 75;
    /** A message longer than the region, or than the copy buffer. */
    @Native public static final int EMSGSIZE = 90;
    /** Not on this backend (revoke, descriptors and slots on sysv). */
    @Native public static final int EOPNOTSUPP = 95;
    /** The timeout passed. */
    @Native public static final int ETIMEDOUT = 110;
}
