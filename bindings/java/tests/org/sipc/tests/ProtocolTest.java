// SPDX-License-Identifier: GPL-2.0-only
package org.sipc.tests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.sipc.Receiver;
import org.sipc.Sender;
import org.sipc.Sipc;
import org.sipc.View;

/** The protocol through the binding: 1,000 messages, content checked. */
public class ProtocolTest extends ChannelTest {
    /** 1000, or fewer under TCG (SIPC_TEST_MESSAGES, bindings/guest-run.sh). */
    static final int COUNT = ChannelTest.envInt("SIPC_TEST_MESSAGES", 1000);

    /** Message i: a length that varies from 0 up, bytes that depend on i. */
    static byte[] payload(int i) {
        byte[] b = new byte[(i * 37) % 3000];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) (i + k * 7);
        }
        return b;
    }

    enum Way { ZERO_COPY, COPY, FAST_PATH, BYTE_BUFFER }

    /** Send COUNT messages one way, receive them another, compare. */
    private void thousand(String name, Way send, boolean zeroCopyReceive) throws Exception {
        List<byte[]> got = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        Thread rx = spawn(() -> {
            try (Receiver r = new Receiver(name)) {
                if (zeroCopyReceive) {
                    for (View m; (m = r.next()) != null; r.done()) {
                        assertTrue(m.isReadOnly());
                        got.add(m.toArray());
                    }
                } else {
                    for (byte[] m; (m = r.recv()) != null;) {
                        got.add(m);
                    }
                }
            }
        }, errors);
        try (Sender tx = new Sender(name)) {
            for (int i = 0; i < COUNT; i++) {
                byte[] p = payload(i);
                switch (send) {
                case ZERO_COPY:
                    tx.acquire();
                    tx.buffer().put(0, p);
                    tx.commit(p.length);
                    break;
                case COPY:
                    tx.send(p);
                    break;
                case FAST_PATH:
                    tx.reserve().put(0, p);
                    tx.publish(p.length);
                    break;
                case BYTE_BUFFER:
                    ByteBuffer b = ByteBuffer.allocateDirect(p.length + 3);
                    b.position(3);
                    b.put(p).position(3);
                    tx.send(b);
                    assertFalse(b.hasRemaining());
                    break;
                }
            }
            tx.sendEof();
        }
        rx.join(60000);
        assertFalse(rx.isAlive());
        assertTrue(errors.toString(), errors.isEmpty());
        assertEquals(COUNT, got.size());
        for (int i = 0; i < COUNT; i++) {
            assertArrayEquals("message " + i, payload(i), got.get(i));
        }
    }

    @Test
    public void thousandZeroCopyDepth1() throws Exception {
        thousand(chan, Way.ZERO_COPY, true);
    }

    @Test
    public void thousandCopyDepth1() throws Exception {
        thousand(chan, Way.COPY, false);
    }

    @Test
    public void thousandZeroCopyDepth4() throws Exception {
        String n = fresh();
        Sipc.create(n, 4096, 4);
        thousand(n, Way.ZERO_COPY, true);
    }

    @Test
    public void thousandDirectByteBuffers() throws Exception {
        String n = fresh();
        Sipc.create(n, 4096, 4);
        thousand(n, Way.BYTE_BUFFER, false);
    }

    @Test
    public void thousandFastPath() throws Exception {
        String n = fresh();
        Sipc.createSlots(n, 4096, 1);
        thousand(n, Way.FAST_PATH, true);
    }

    @Test
    public void viewsAreTheRegion() throws Exception {
        try (Sender tx = new Sender(chan); Receiver rx = new Receiver(chan)) {
            View buf = tx.buffer();
            assertEquals(65536, buf.length());
            assertEquals(65536, tx.capacity());
            assertEquals(65536, rx.capacity());
            assertEquals(1, tx.slots());
            assertFalse(buf.isReadOnly());
            buf.put(0, "abcd".getBytes());
            tx.commit(4, Sipc.NOW);	// depth 1: NOOP-1 waits for acquire()
            View m = rx.next();
            assertArrayEquals("abcd".getBytes(), m.toArray());
            ByteBuffer bb = m.byteBuffer();
            assertTrue(bb.isDirect() && bb.isReadOnly());
            assertEquals('c', bb.get(2));
            ByteBuffer w = tx.buffer().byteBuffer();
            assertTrue(w.isDirect() && !w.isReadOnly());
        }
    }

    @Test
    public void copyIntoArraysAndBuffers() throws Exception {
        String n = fresh();
        Sipc.create(n, 4096, 4);
        try (Sender tx = new Sender(n); Receiver rx = new Receiver(n)) {
            tx.send("0123456789".getBytes(), 2, 5);
            byte[] into = new byte[10];
            assertEquals(5, rx.recv(into, 3, 7));
            assertEquals("23456", new String(into, 3, 5));
            tx.acquire(1000);	// fills the queue with NOOPs...
            expect(org.sipc.Errno.EAGAIN, "sipc_next", () -> rx.next(Sipc.NOW));	// ...gone
            tx.send(ByteBuffer.wrap("heap".getBytes()));
            ByteBuffer dst = ByteBuffer.allocateDirect(16);
            dst.position(1);
            assertEquals(4, rx.recv(dst));
            assertEquals(5, dst.position());
            assertEquals('h', dst.get(1));
        }
    }

    @Test
    public void emptyMessageIsNotTheEnd() throws Exception {
        try (Sender tx = new Sender(chan); Receiver rx = new Receiver(chan)) {
            tx.commit(0, Sipc.NOW);
            View m = rx.next();
            assertNotNull(m);
            assertEquals(0, m.length());
        }
    }

    @Test
    public void endOfStream() throws Exception {
        try (Sender tx = new Sender(chan); Receiver rx = new Receiver(chan)) {
            tx.sendEof();
            assertNull(rx.next());
            tx.sendEof();
            assertNull(rx.recv());
            tx.sendEof();
            assertEquals(-1, rx.recv(new byte[4]));
        }
    }
}
