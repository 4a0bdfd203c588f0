// SPDX-License-Identifier: GPL-2.0-only
package org.sipc.tests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.sipc.Errno;
import org.sipc.Receiver;
import org.sipc.Sender;
import org.sipc.Sipc;

/** Timeouts in ms: FOREVER waits, NOW never waits, more about that long. */
public class TimeoutTest extends ChannelTest {
    static final long SLACK = 1000;	// scheduling on a busy 2-core machine

    private static void within(long min, long start) {
        long took = (System.nanoTime() - start) / 1000000;
        assertTrue("took " + took + " ms", took >= min && took < min + SLACK);
    }

    @Test
    public void nextTimesOut() throws Exception {
        try (Receiver rx = new Receiver(chan)) {
            for (int ms : new int[] {50, 300}) {
                long start = System.nanoTime();
                expect(Errno.ETIMEDOUT, "sipc_next", () -> rx.next(ms));
                within(ms, start);
            }
            long start = System.nanoTime();
            expect(Errno.EAGAIN, "sipc_next", () -> rx.next(Sipc.NOW));
            within(0, start);
        }
    }

    @Test
    public void acquireTimesOutThenCompletes() throws Exception {
        try (Sender tx = new Sender(chan); Receiver rx = new Receiver(chan)) {
            tx.buffer().put(0, (byte) 'x');
            tx.commit(1, Sipc.NOW);
            long start = System.nanoTime();
            expect(Errno.ETIMEDOUT, "sipc_acquire", () -> tx.acquire(100));
            within(100, start);
            assertArrayEquals(new byte[] {'x'}, rx.next(1000).toArray());
            List<Throwable> errors = new ArrayList<>();
            Thread t = spawn(() -> rx.done(5000), errors);
            tx.acquire(5000);	// keeps the progress of the timed-out call
            t.join(5000);
            assertFalse(t.isAlive());
            assertTrue(errors.toString(), errors.isEmpty());
        }
    }

    @Test
    public void doneAndSendEofTimeOut() throws Exception {
        try (Sender tx = new Sender(chan); Receiver rx = new Receiver(chan)) {
            tx.commit(1, Sipc.NOW);
            expect(Errno.ETIMEDOUT, "sipc_send_eof", () -> tx.sendEof(50));
            rx.next(1000);
            long start = System.nanoTime();
            expect(Errno.ETIMEDOUT, "sipc_done", () -> rx.done(100));
            within(100, start);
        }
    }

    @Test
    public void reserveTimesOut() throws Exception {
        try (Sender tx = new Sender(chan)) {
            tx.reserve();
            tx.publish(1, Sipc.NOW);
            long start = System.nanoTime();
            expect(Errno.ETIMEDOUT, "sipc_reserve", () -> tx.reserve(100));
            within(100, start);
        }
    }

    @Test
    public void blockingWaitIsWoken() throws Exception {
        List<byte[]> got = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        Thread t = spawn(() -> {
            try (Receiver rx = new Receiver(chan)) {
                got.add(rx.recv());
            }
        }, errors);
        Thread.sleep(200);
        try (Sender tx = new Sender(chan)) {
            long start = System.nanoTime();
            tx.send("wake".getBytes());
            t.join(5000);
            within(0, start);
        }
        assertTrue(errors.toString(), errors.isEmpty());
        assertArrayEquals("wake".getBytes(), got.get(0));
    }
}
