// SPDX-License-Identifier: LGPL-2.1-or-later
package org.sipc;

import java.nio.ByteBuffer;

/**
 * The sending end of a channel: maps the region read-write.
 *
 * <p>Zero copy: write into {@link #buffer()} after opening or
 * {@link #acquire()}, then {@link #commit(long)}; or, the fast path of
 * libsipc 0.2, {@link #reserve()} then {@link #publish(long)}.  Copy:
 * {@link #send(byte[])}.  Methods without a timeout wait as long as needed.
 */
public final class Sender extends Channel {
    /**
     * Open a channel as its sender and map the region read-write.
     *
     * @param name channel name
     * @throws SipcException ENOENT, EINVAL, ENAMETOOLONG, EBUSY (kernel: the
     *                       role is taken), EACCES, EMFILE, ENOMEM, ENODEV
     */
    public Sender(String name) throws SipcException {
        super(name, Sipc.ROLE_SENDER);
    }

    /**
     * A writable view of the whole region (at most
     * {@code Integer.MAX_VALUE} bytes), valid until the next commit, send,
     * publish or close.
     *
     * @return the view
     * @throws SipcException EBADF
     */
    public View buffer() throws SipcException {
        return view(Jni.buffer(handle), false);
    }

    /**
     * Hand the first {@code length} bytes of the region to the receiver,
     * waiting as long as needed for room in the queue.
     *
     * @param length bytes of the message
     * @throws SipcException as {@link #commit(long, int)}
     */
    public void commit(long length) throws SipcException {
        commit(length, Sipc.FOREVER);
    }

    /**
     * Hand the first {@code length} bytes of the region to the receiver.
     * Does not wait for the receiver to read them; invalidates the views.
     *
     * @param length    bytes of the message
     * @param timeoutMs how long to wait for room in the queue
     * @throws SipcException EBUSY (still committed: acquire first),
     *                       EMSGSIZE, EAGAIN, ETIMEDOUT, EIDRM, EBADF
     */
    public void commit(long length, int timeoutMs) throws SipcException {
        long len = size(length, "length");
        waiting(ms -> {
            Jni.commit(handle, len, ms);
            return null;
        }, timeoutMs);
        invalidateViews();
    }

    /**
     * Wait until the receiver is done with the last message.
     *
     * @throws SipcException as {@link #acquire(int)}
     */
    public void acquire() throws SipcException {
        acquire(Sipc.FOREVER);
    }

    /**
     * Wait until the receiver is done with the last message, so that the
     * region may be written again.  Returns at once if nothing is
     * committed; a call that times out keeps its progress.
     *
     * @param timeoutMs how long to wait
     * @throws SipcException EAGAIN, ETIMEDOUT, EIDRM, EBADF
     */
    public void acquire(int timeoutMs) throws SipcException {
        waiting(ms -> {
            Jni.acquire(handle, ms);
            return null;
        }, timeoutMs);
    }

    /**
     * Mark the end of the stream, waiting as long as needed.
     *
     * @throws SipcException as {@link #sendEof(int)}
     */
    public void sendEof() throws SipcException {
        sendEof(Sipc.FOREVER);
    }

    /**
     * Mark the end of the stream (after acquiring the region): the
     * receiver gets null from {@link Receiver#next()}.
     *
     * @param timeoutMs how long to wait
     * @throws SipcException EAGAIN, ETIMEDOUT, EIDRM, EBADF
     */
    public void sendEof(int timeoutMs) throws SipcException {
        waiting(ms -> {
            Jni.sendEof(handle, ms);
            return null;
        }, timeoutMs);
    }

    /**
     * Copy a message into the region and commit it.
     *
     * @param data the message
     * @throws SipcException as {@link #send(byte[], int, int)}
     */
    public void send(byte[] data) throws SipcException {
        send(data, 0, data.length);
    }

    /**
     * Copy {@code data[off, off + len)} into the region and commit it,
     * waiting as long as needed for the region.
     *
     * @param data the bytes
     * @param off  offset of the message in {@code data}
     * @param len  its length
     * @throws SipcException EMSGSIZE (longer than the region), EIDRM,
     *                       EBADF
     */
    public void send(byte[] data, int off, int len) throws SipcException {
        java.util.Objects.checkFromIndexSize(off, len, data.length);
        waiting(ms -> {
            Jni.send(handle, data, off, len);
            return null;
        }, Sipc.FOREVER);
        invalidateViews();
    }

    /**
     * Copy the remaining bytes of {@code data} into the region and commit
     * them; the position moves to the limit.
     *
     * @param data the message, from its position to its limit
     * @throws SipcException as {@link #send(byte[], int, int)}
     */
    public void send(ByteBuffer data) throws SipcException {
        int pos = data.position();
        int len = data.remaining();
        if (data.isDirect()) {
            waiting(ms -> {
                Jni.sendDirect(handle, data, pos, len);
                return null;
            }, Sipc.FOREVER);
        } else if (data.hasArray()) {
            send(data.array(), data.arrayOffset() + pos, len);
        } else {
            byte[] copy = new byte[len];
            data.duplicate().get(copy);
            send(copy, 0, len);
        }
        data.position(pos + len);
        invalidateViews();
    }

    /**
     * The fast path: the next buffer to fill, waiting as long as needed.
     *
     * @return a writable view
     * @throws SipcException as {@link #reserve(int)}
     */
    public View reserve() throws SipcException {
        return reserve(Sipc.FOREVER);
    }

    /**
     * The fast path (libsipc 0.2): wait until the next buffer to fill is
     * free -- the whole region, or on a multi-slot channel the slots in
     * turn -- and return a writable view of it, valid until
     * {@link #publish(long, int)}.
     *
     * @param timeoutMs how long to wait
     * @return a writable view
     * @throws SipcException EAGAIN, ETIMEDOUT (progress is kept: call
     *                       again), EIDRM, EACCES, EBADF
     */
    public View reserve(int timeoutMs) throws SipcException {
        return view(waiting(ms -> Jni.reserve(handle, ms), timeoutMs), false);
    }

    /**
     * The fast path: publish, then wait as long as needed for the next
     * buffer.
     *
     * @param length bytes of the message
     * @throws SipcException as {@link #publish(long, int)}
     */
    public void publish(long length) throws SipcException {
        publish(length, Sipc.FOREVER);
    }

    /**
     * The fast path (libsipc 0.2): hand the first {@code length} bytes of
     * the reserved buffer to the receiver, then wait until the next buffer
     * is free -- on a one-region channel until the receiver released this
     * message, so the receiver must run in another thread or process.
     * Returns once the message is queued (a wait cut short is finished by
     * {@link #reserve(int)}); invalidates the views.
     *
     * @param length    bytes of the message
     * @param timeoutMs how long to wait
     * @throws SipcException having sent nothing: EMSGSIZE, EBUSY (reserve
     *                       first), EAGAIN, ETIMEDOUT, EIDRM, EACCES,
     *                       EBADF
     */
    public void publish(long length, int timeoutMs) throws SipcException {
        long len = size(length, "length");
        waiting(ms -> {
            Jni.publish(handle, len, ms);
            return null;
        }, timeoutMs);
        invalidateViews();
    }
}
