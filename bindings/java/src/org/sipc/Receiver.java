// SPDX-License-Identifier: LGPL-2.1-or-later
package org.sipc;

import java.nio.ByteBuffer;

/**
 * The receiving end of a channel: maps the region read-only.
 *
 * <p>Zero copy: {@link #next()} returns a read-only view of the message
 * in the region, {@link #done()} gives it back.  Copy: {@link #recv()}.
 * Methods without a timeout wait as long as needed.
 */
public final class Receiver extends Channel {
    /**
     * Open a channel as its receiver and map the region read-only.
     *
     * @param name channel name
     * @throws SipcException ENOENT, EINVAL, ENAMETOOLONG, EBUSY (kernel: the
     *                       role is taken), EACCES, EMFILE, ENOMEM, ENODEV
     */
    public Receiver(String name) throws SipcException {
        super(name, Sipc.ROLE_RECEIVER);
    }

    /**
     * The next message, waiting as long as needed.
     *
     * @return a read-only view, or null at the end of the stream
     * @throws SipcException as {@link #next(int)}
     */
    public View next() throws SipcException {
        return next(Sipc.FOREVER);
    }

    /**
     * Wait for the next message and return a read-only view of it in the
     * region, valid until {@link #done(int)}, the next message or close.
     *
     * @param timeoutMs how long to wait
     * @return the view (possibly empty), or null at the end of the stream
     * @throws SipcException EAGAIN, ETIMEDOUT, EPIPE, EIDRM, EPROTO,
     *                       EBADF, EOVERFLOW (a message above 2 GiB, which a
     *                       ByteBuffer cannot show: done() drops it)
     */
    public View next(int timeoutMs) throws SipcException {
        invalidateViews();
        ByteBuffer raw = waiting(ms -> Jni.next(handle, ms), timeoutMs);
        return raw == null ? null : view(raw, true);
    }

    /**
     * Tell the sender the current message is read, waiting as long as
     * needed.
     *
     * @throws SipcException as {@link #done(int)}
     */
    public void done() throws SipcException {
        done(Sipc.FOREVER);
    }

    /**
     * Tell the sender the current message is read: invalidates its view
     * first.  Returns at once when no message is held.
     *
     * @param timeoutMs how long to wait
     * @throws SipcException EAGAIN, ETIMEDOUT, EIDRM, EBADF
     */
    public void done(int timeoutMs) throws SipcException {
        invalidateViews();
        waiting(ms -> {
            Jni.done(handle, ms);
            return null;
        }, timeoutMs);
    }

    /**
     * Copy out the next message and release it, waiting as long as needed.
     *
     * @return the message, or null at the end of the stream
     * @throws SipcException as {@link #next(int)} and {@link #done(int)}
     */
    public byte[] recv() throws SipcException {
        View v = next();
        if (v == null) {
            return null;
        }
        byte[] copy = v.toArray();
        done();
        return copy;
    }

    /**
     * Copy the next message into {@code buf} and release it, waiting as
     * long as needed.
     *
     * @param buf destination
     * @return the message's length, or -1 at the end of the stream
     * @throws SipcException as {@link #recv(byte[], int, int)}
     */
    public int recv(byte[] buf) throws SipcException {
        return recv(buf, 0, buf.length);
    }

    /**
     * Copy the next message into {@code buf[off, off + len)} and release
     * it, waiting as long as needed.
     *
     * @param buf destination
     * @param off offset in {@code buf}
     * @param len room in {@code buf}
     * @return the message's length, or -1 at the end of the stream
     * @throws SipcException EMSGSIZE (longer than {@code len}: it is
     *                       dropped), and the errors of {@link #next(int)}
     */
    public int recv(byte[] buf, int off, int len) throws SipcException {
        java.util.Objects.checkFromIndexSize(off, len, buf.length);
        invalidateViews();
        return waiting(ms -> Jni.recv(handle, buf, off, len), Sipc.FOREVER);
    }

    /**
     * Copy the next message into {@code dst} at its position, which moves
     * past it, and release it, waiting as long as needed.
     *
     * @param dst destination, from its position to its limit
     * @return the message's length, or -1 at the end of the stream
     * @throws SipcException as {@link #recv(byte[], int, int)}
     */
    public int recv(ByteBuffer dst) throws SipcException {
        if (dst.isReadOnly()) {
            throw new java.nio.ReadOnlyBufferException();
        }
        int pos = dst.position();
        int n;
        invalidateViews();
        if (dst.isDirect()) {
            n = waiting(ms -> Jni.recvDirect(handle, dst, pos, dst.remaining()), Sipc.FOREVER);
        } else if (dst.hasArray()) {
            n = recv(dst.array(), dst.arrayOffset() + pos, dst.remaining());
        } else {
            byte[] tmp = new byte[dst.remaining()];
            n = recv(tmp, 0, tmp.length);
            if (n > 0) {
                dst.duplicate().put(tmp, 0, n);
            }
        }
        if (n > 0) {
            dst.position(pos + n);
        }
        return n;
    }
}
