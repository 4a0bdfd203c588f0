// SPDX-License-Identifier: LGPL-2.1-or-later
package org.sipc;

import java.nio.ByteBuffer;

/**
 * A zero-copy view of a channel's region: the sender's buffer (writable)
 * or a received message (read-only).
 *
 * <p>Valid while its data is the caller's (see {@link #isValid()}); every
 * method but {@link #isValid()}, {@link #isReadOnly()} and
 * {@link #length()} then throws {@link IllegalStateException}.  Do not use
 * a view in one thread while another closes its channel.
 */
public final class View {
    private final ByteBuffer buf;	// the region itself; read-only for receivers
    private final String owner;
    private volatile boolean valid = true;

    View(ByteBuffer buf, String owner) {
        this.buf = buf;
        this.owner = owner;
    }

    /** Make every later access fail: the data is no longer the caller's. */
    void invalidate() {
        valid = false;
    }

    private void check() {
        if (!valid) {
            throw new IllegalStateException("sipc: view of " + owner
                    + " is no longer valid (committed, done, or channel closed)");
        }
    }

    /**
     * Whether the view may still be used.
     *
     * @return false after the sender's commit or publish, the receiver's
     *         done or next message, or the channel's close
     */
    public boolean isValid() {
        return valid;
    }

    /**
     * Whether this is a receiver's view.
     *
     * @return true when the view is read-only
     */
    public boolean isReadOnly() {
        return buf.isReadOnly();
    }

    /**
     * Bytes in the view: the message, or the sender's whole buffer.
     *
     * @return the length
     */
    public int length() {
        return buf.capacity();
    }

    /**
     * One byte.
     *
     * @param index offset in the view
     * @return the byte there
     */
    public byte get(int index) {
        check();
        return buf.get(index);
    }

    /**
     * Copy bytes out of the view.
     *
     * @param index offset in the view
     * @param dst   destination array
     * @param off   offset in {@code dst}
     * @param len   bytes to copy
     * @return this view
     */
    public View get(int index, byte[] dst, int off, int len) {
        check();
        buf.get(index, dst, off, len);
        return this;
    }

    /**
     * A copy of the whole view.
     *
     * @return a new array of {@link #length()} bytes
     */
    public byte[] toArray() {
        byte[] a = new byte[length()];
        get(0, a, 0, a.length);
        return a;
    }

    /**
     * Write one byte (sender's view only).
     *
     * @param index offset in the view
     * @param b     the byte
     * @return this view
     * @throws java.nio.ReadOnlyBufferException on a receiver's view
     */
    public View put(int index, byte b) {
        check();
        buf.put(index, b);
        return this;
    }

    /**
     * Copy bytes into the view (sender's view only).
     *
     * @param index offset in the view
     * @param src   source array, all of it
     * @return this view
     * @throws java.nio.ReadOnlyBufferException on a receiver's view
     */
    public View put(int index, byte[] src) {
        return put(index, src, 0, src.length);
    }

    /**
     * Copy bytes into the view (sender's view only).
     *
     * @param index offset in the view
     * @param src   source array
     * @param off   offset in {@code src}
     * @param len   bytes to copy
     * @return this view
     * @throws java.nio.ReadOnlyBufferException on a receiver's view
     */
    public View put(int index, byte[] src, int off, int len) {
        check();
        buf.put(index, src, off, len);
        return this;
    }

    /**
     * The region as a direct ByteBuffer, zero copy, for NIO calls such as
     * {@code FileChannel.read(ByteBuffer)}: read-only for a receiver,
     * writable for a sender; position 0, limit {@link #length()}.
     *
     * <p>Checked now, never again: Java cannot invalidate a direct buffer,
     * so do not use it after {@link #isValid()} turns false.  After the
     * channel is closed it points at unmapped memory and the JVM may
     * crash; before that, it shows data that is no longer the caller's.
     *
     * @return a new buffer over the same memory
     */
    public ByteBuffer byteBuffer() {
        check();
        return buf.duplicate();
    }
}
