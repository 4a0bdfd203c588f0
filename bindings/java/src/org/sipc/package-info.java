// SPDX-License-Identifier: LGPL-2.1-or-later
/**
 * Java binding of libsipc: one-way channels from a sender to a receiver.
 *
 * <p>A thin JNI layer: every call is one call of libsipc (see sipc(7)), so
 * both backends work as they do from C.  A helper creates a channel
 * ({@link org.sipc.Sipc#create}); a {@link org.sipc.Sender} fills the
 * region and commits messages, a {@link org.sipc.Receiver} reads them in
 * place.  Both are {@link java.lang.AutoCloseable}.
 *
 * <pre>{@code
 * try (Sender tx = new Sender("demo")) {
 *     tx.send("hello".getBytes());          // copy in
 *     View buf = tx.reserve();               // or zero copy
 *     buf.put(0, "world".getBytes());
 *     tx.publish(5);
 *     tx.sendEof();
 * }
 * try (Receiver rx = new Receiver("demo")) {
 *     for (View m; (m = rx.next()) != null; rx.done())
 *         use(m.toArray());                   // or m.byteBuffer(), read-only
 * }
 * }</pre>
 *
 * <h2>Views</h2>
 * A {@link org.sipc.View} shows the mapped region itself, zero copy: the
 * sender's is writable, the receiver's read-only.  It is valid while its
 * data is the caller's: the sender's until the commit or publish, the
 * receiver's until {@code done()} or the next message, and both until the
 * channel is closed.  Every access through the View is checked and throws
 * {@link java.lang.IllegalStateException} once it is no longer valid.
 * {@link org.sipc.View#byteBuffer()} gives the raw direct ByteBuffer for
 * NIO calls; Java cannot invalidate a direct buffer, so that one must not
 * be kept past the View's validity: after close it points at unmapped
 * memory and the JVM may crash.
 *
 * <h2>Errors and timeouts</h2>
 * Failures throw {@link org.sipc.SipcException} with the errno
 * ({@link org.sipc.Errno}) and libsipc's message.  Timeouts are in
 * milliseconds: {@link org.sipc.Sipc#FOREVER} (-1) waits as long as needed,
 * {@link org.sipc.Sipc#NOW} (0) never waits.
 */
package org.sipc;
