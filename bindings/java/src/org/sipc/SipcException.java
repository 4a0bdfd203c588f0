// SPDX-License-Identifier: LGPL-2.1-or-later
package org.sipc;

import java.io.IOException;

/**
 * A libsipc call failed.  Carries the error number ({@link #errno()},
 * compare with the {@link Errno} constants) and the C function that
 * returned it; the message is libsipc's text for the number
 * ({@code sipc_strerror()}).
 */
public class SipcException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The error number, positive. */
    private final int errno;
    /** The C function that failed. */
    private final String function;

    /**
     * An exception for a libsipc result.
     *
     * @param errno    the error number, positive or negative
     * @param function the C function that failed, e.g. {@code "sipc_open"}
     */
    public SipcException(int errno, String function) {
        super(function + ": " + Sipc.strerror(errno) + " (errno " + Math.abs(errno) + ")");
        this.errno = Math.abs(errno);
        this.function = function;
    }

    /**
     * The error number.
     *
     * @return a positive errno value, such as {@link Errno#ETIMEDOUT}
     */
    public int errno() {
        return errno;
    }

    /**
     * The C function that failed.
     *
     * @return its name, e.g. {@code "sipc_next"}
     */
    public String function() {
        return function;
    }

    /**
     * libsipc's text for the error number alone, without the function.
     *
     * @return the text of {@code sipc_strerror(errno)}
     */
    public String strerror() {
        return Sipc.strerror(errno);
    }
}
