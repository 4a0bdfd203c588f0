// SPDX-License-Identifier: LGPL-2.1-or-later
package org.sipc;

import java.nio.ByteBuffer;

/**
 * The JNI layer: one native method per libsipc call (jni/sipc_jni.c).
 * Each throws {@link SipcException} for a negative result; the public
 * classes add views, timeouts and resource handling on top.
 */
final class Jni {
    private Jni() {
    }

    static {
        System.loadLibrary("sipc_jni");
    }

    static native String strerror(int err);

    static native String backend();

    static native void create(String name, long size, int depth) throws SipcException;

    static native void createSlots(String name, long size, int slots) throws SipcException;

    static native void createFlags(String name, long size, int slots, int flags)
            throws SipcException;

    static native void destroy(String name) throws SipcException;

    static native void revoke(String name, int roles) throws SipcException;
    static native void revokeId(long id, int roles) throws SipcException;
    static native void destroyRevoke(String name) throws SipcException;

    static native String[] list() throws SipcException;

    /** The fields of struct sipc_stat, in ChannelStat's order. */
    static native long[] stat(String name) throws SipcException;

    static native String context(String name) throws SipcException;

    static native String label(String name) throws SipcException;

    static native int open(String name, int role) throws SipcException;

    static native void close(int h) throws SipcException;

    static native int fd(int h) throws SipcException;

    static native long capacity(int h) throws SipcException;

    static native int slots(int h) throws SipcException;

    /** The sender's region, writable, at most Integer.MAX_VALUE bytes. */
    static native ByteBuffer buffer(int h) throws SipcException;

    static native void commit(int h, long len, int timeoutMs) throws SipcException;

    static native void acquire(int h, int timeoutMs) throws SipcException;

    static native void sendEof(int h, int timeoutMs) throws SipcException;

    static native void send(int h, byte[] data, int off, int len) throws SipcException;

    static native void sendDirect(int h, ByteBuffer data, int off, int len) throws SipcException;

    /** The next message in place (not yet read-only), or null at the end. */
    static native ByteBuffer next(int h, int timeoutMs) throws SipcException;

    static native void done(int h, int timeoutMs) throws SipcException;

    /** Copy into buf[off, off + len): the length, or -1 at the end. */
    static native int recv(int h, byte[] buf, int off, int len) throws SipcException;

    static native int recvDirect(int h, ByteBuffer buf, int off, int len) throws SipcException;

    static native ByteBuffer reserve(int h, int timeoutMs) throws SipcException;

    static native void publish(int h, long len, int timeoutMs) throws SipcException;
}
