// SPDX-License-Identifier: LGPL-2.1-or-later
package org.sipc;

import java.util.ArrayList;
import java.util.List;

/**
 * An open handle on a channel: the base of {@link Sender} and
 * {@link Receiver}.  {@link AutoCloseable}: use try-with-resources.
 *
 * <p>There is no finalizer or cleaner: a raw buffer from
 * {@link View#byteBuffer()} may still point into the region, so only an
 * explicit {@link #close()} unmaps it.  A channel never closed stays open
 * until the process exits.
 */
public abstract class Channel implements AutoCloseable {
    private final String name;
    private final long capacity;
    private final List<View> views = new ArrayList<>();	// not yet invalidated
    /** The libsipc handle; -1 once closed, so that calls get EBADF. */
    volatile int handle;

    Channel(String name, int role) throws SipcException {
        this.name = name;
        handle = Jni.open(name, role);
        try {
            capacity = Jni.capacity(handle);
        } catch (SipcException e) {
            try {
                Jni.close(handle);
            } catch (SipcException e2) {
                e.addSuppressed(e2);
            }
            throw e;
        }
    }

    /**
     * The channel's name.
     *
     * @return the name it was opened with
     */
    public String name() {
        return name;
    }

    /**
     * Bytes of the region: the longest message.
     *
     * @return the capacity
     */
    public long capacity() {
        return capacity;
    }

    /**
     * Whether {@link #close()} has not been called.
     *
     * @return true while open
     */
    public boolean isOpen() {
        return handle >= 0;
    }

    /**
     * Slots of the channel (libsipc 0.2).
     *
     * @return 1 for one region
     * @throws SipcException EBADF
     */
    public int slots() throws SipcException {
        return Jni.slots(handle);
    }

    /**
     * A descriptor for poll or epoll: readable when a receiver has a
     * message waiting, writable when a sender's queue has room.  Do not
     * read, write or close it.
     *
     * @return the file descriptor number
     * @throws SipcException EBADF, EOPNOTSUPP on the sysv backend
     */
    public int fd() throws SipcException {
        return Jni.fd(handle);
    }

    /**
     * Invalidate the views, close the handle and unmap the region.  Does
     * nothing when already closed.
     *
     * @throws SipcException EBADF
     */
    @Override
    public void close() throws SipcException {
        int h;
        synchronized (views) {
            h = handle;
            if (h < 0) {
                return;
            }
            invalidateViews();
            handle = -1;
        }
        Jni.close(h);
    }

    /** A view of raw, registered so that it can be invalidated. */
    View view(java.nio.ByteBuffer raw, boolean readOnly) {
        View v = new View(readOnly ? raw.asReadOnlyBuffer() : raw, name);
        synchronized (views) {
            views.add(v);
        }
        return v;
    }

    /** The data stopped being the caller's: fail every later access. */
    void invalidateViews() {
        synchronized (views) {
            for (View v : views) {
                v.invalidate();
            }
            views.clear();
        }
    }

    /** A size_t argument: C would read a negative one as huge. */
    static long size(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative");
        }
        return value;
    }

    /** A libsipc call that may wait, given the timeout in ms. */
    @FunctionalInterface
    interface Wait<T> {
        T call(int timeoutMs) throws SipcException;
    }

    /**
     * Run a call that may wait.  EINTR is the JVM's business (its own
     * signals), never the caller's: the call is repeated with the time
     * left; libsipc keeps the progress of an interrupted call.
     */
    static <T> T waiting(Wait<T> call, int timeoutMs) throws SipcException {
        long deadline = System.nanoTime() + timeout(timeoutMs) * 1000000L;
        int ms = timeoutMs;
        for (;;) {
            try {
                return call.call(ms);
            } catch (SipcException e) {
                if (e.errno() != Errno.EINTR) {
                    throw e;
                }
                if (timeoutMs > 0) {
                    ms = (int) Math.max(1, (deadline - System.nanoTime() + 999999) / 1000000);
                }
            }
        }
    }

    static int timeout(int timeoutMs) {
        if (timeoutMs < Sipc.FOREVER) {
            throw new IllegalArgumentException("timeout must be FOREVER (-1), NOW (0) or > 0 ms");
        }
        return timeoutMs;
    }

    @Override
    public String toString() {
        int h = handle;
        return getClass().getSimpleName() + "[" + name + (h < 0 ? ", closed]" : ", handle " + h + "]");
    }
}
