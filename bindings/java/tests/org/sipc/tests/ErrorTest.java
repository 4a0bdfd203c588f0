// SPDX-License-Identifier: GPL-2.0-only
package org.sipc.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.Test;
import org.sipc.ChannelStat;
import org.sipc.Errno;
import org.sipc.Receiver;
import org.sipc.Sender;
import org.sipc.Sipc;
import org.sipc.View;

/**
 * Every error path: libsipc's errno reaches Java as a SipcException with
 * libsipc's message; misuse the binding catches itself throws the usual
 * Java exception.
 */
public class ErrorTest extends ChannelTest {
    @Test
    public void createExisting() throws Exception {
        expect(Errno.EEXIST, "sipc_create", () -> Sipc.create(chan, 4096));
    }

    @Test
    public void createBadNames() throws Exception {
        for (String bad : new String[] {"", "a/b", "sp ace", "t\u0001ab", "caf\u00e9", "nul\u0000x"}) {
            expect(Errno.EINVAL, "sipc_create", () -> Sipc.create(bad, 4096));
        }
        expect(Errno.ENAMETOOLONG, "sipc_create", () -> Sipc.create("n".repeat(Sipc.NAME_MAX), 4096));
        assertThrows(NullPointerException.class, () -> Sipc.create(null, 4096));
    }

    @Test
    public void createBadSizes() throws Exception {
        String n = fresh();
        expect(Errno.EINVAL, "sipc_create", () -> Sipc.create(n, 0));
        expect(Errno.EINVAL, "sipc_create", () -> Sipc.create(n, 4096, Sipc.QUEUE_DEPTH_MAX + 1));
        assertThrows(IllegalArgumentException.class, () -> Sipc.create(n, -1));
        assertThrows(IllegalArgumentException.class, () -> Sipc.create(n, 4096, -1));
    }

    @Test
    public void noSlotsOnSysv() throws Exception {
        sysvOnly("the sysv backend has one region per channel");
        String n = fresh();
        expect(Errno.EOPNOTSUPP, "sipc_create_slots", () -> Sipc.createSlots(n, 4096, 2));
        expect(Errno.EINVAL, "sipc_create_slots", () -> Sipc.createSlots(n, 4096, Sipc.SLOTS_MAX + 1));
    }

    @Test
    public void noSealedOnSysv() throws Exception {
        sysvOnly("the kernel backend creates sealed channels");
        String n = fresh();
        expect(Errno.EOPNOTSUPP, "sipc_create_flags",
                () -> Sipc.createFlags(n, 4096, 0, Sipc.CREATE_SEALED));
        expect(Errno.EOPNOTSUPP, "sipc_create_flags",
                () -> Sipc.createFlags(n, 4096, 3, Sipc.CREATE_SEALED));
        expect(Errno.EINVAL, "sipc_create_flags", () -> Sipc.createFlags(n, 4096, 0, 1 << 5));
        expect(Errno.ENOENT, "sipc_stat", () -> Sipc.stat(n));
        ChannelStat st = Sipc.stat(chan);
        assertEquals(0, st.flags() & Sipc.STAT_CREATE_FLAGS);
        assertEquals(0, st.createFlags());
    }

    @Test
    public void noSuchChannel() throws Exception {
        String n = fresh();
        expect(Errno.ENOENT, "sipc_destroy", () -> Sipc.destroy(n));
        expect(Errno.ENOENT, "sipc_stat", () -> Sipc.stat(n));
        expect(Errno.ENOENT, "sipc_context", () -> Sipc.context(n));
        expect(Errno.ENOENT, "sipc_label", () -> Sipc.label(n));
        expect(Errno.ENOENT, "sipc_open", () -> new Sender(n));
        expect(Errno.ENOENT, "sipc_open", () -> new Receiver(n));
    }

    @Test
    public void revokeAndDescriptorNotOnSysv() throws Exception {
        sysvOnly("SysV objects cannot be revoked, have no descriptor and no label");
        expect(Errno.EOPNOTSUPP, "sipc_revoke",
                () -> Sipc.revoke(chan, Sipc.REVOKE_SENDER | Sipc.REVOKE_RECEIVER));
        long id = Sipc.stat(chan).id();
        expect(Errno.EOPNOTSUPP, "sipc_revoke_id",
                () -> Sipc.revokeId(id, Sipc.REVOKE_RECEIVER));
        expect(Errno.EOPNOTSUPP, "sipc_destroy_revoke", () -> Sipc.destroyRevoke(chan));
        try (Receiver rx = new Receiver(chan)) {
            expect(Errno.EOPNOTSUPP, "sipc_fd", rx::fd);
        }
        assertEquals("", Sipc.label(chan));
    }

    @Test
    public void slotsOnKernel() throws Exception {
        kernelOnly("multi-slot channels are the module's");
        String n = fresh();
        Sipc.createSlots(n, 4096, 2);
        try (Sender tx = new Sender(n)) {
            assertEquals(2, tx.slots());
        }
    }

    /** Revoked endpoints fail with EACCES; the role is free again. */
    @Test
    public void revokeOnKernel() throws Exception {
        kernelOnly("revocation is the module's (SIPC_IOC_REVOKE)");
        try (Sender tx = new Sender(chan); Receiver rx = new Receiver(chan)) {
            Sipc.revoke(chan, Sipc.REVOKE_SENDER);
            // Not send(): it would write to the revoked mapping (SIGBUS).
            expect(Errno.EACCES, "sipc_commit", () -> tx.commit(1, 0));
            try (Sender tx2 = new Sender(chan)) {
                tx2.buffer().put(0, "new".getBytes());
                tx2.commit(3, 0);	// queued; no wait for the release
                // Not recv(): its release would wait for the NOOP that a
                // commit cut short never queues.
                assertEquals("new", new String(rx.next(0).toArray()));
            }
            long id = Sipc.stat(chan).id();
            Sipc.revokeId(id, Sipc.REVOKE_RECEIVER);
            expect(Errno.EACCES, "sipc_next", () -> rx.next(0));
        }
        expect(Errno.ENOENT, "sipc_revoke", () -> Sipc.revoke(chan + "-none", Sipc.REVOKE_SENDER));
        try (Sender tx = new Sender(chan); Receiver rx = new Receiver(chan)) {
            assertTrue(rx.fd() >= 0);
            Sipc.destroyRevoke(chan);
            assertFalse(Arrays.asList(Sipc.list()).contains(chan));
            expect(Errno.EACCES, "sipc_commit", () -> tx.commit(1, 0));
            expect(Errno.EACCES, "sipc_next", () -> rx.next(0));
        }
        expect(Errno.ENOENT, "sipc_destroy_revoke", () -> Sipc.destroyRevoke(chan));
    }

    @Test
    public void tooLong() throws Exception {
        try (Sender tx = new Sender(chan)) {
            expect(Errno.EMSGSIZE, "sipc_commit", () -> tx.commit(tx.capacity() + 1));
            expect(Errno.EMSGSIZE, "sipc_send", () -> tx.send(new byte[(int) tx.capacity() + 1]));
            tx.reserve(Sipc.NOW);
            expect(Errno.EMSGSIZE, "sipc_publish", () -> tx.publish(tx.capacity() + 1, Sipc.NOW));
            assertThrows(IllegalArgumentException.class, () -> tx.commit(-1));
            assertThrows(IndexOutOfBoundsException.class, () -> tx.send(new byte[4], 2, 3));
        }
    }

    @Test
    public void commitTwice() throws Exception {
        try (Sender tx = new Sender(chan)) {
            tx.commit(1, Sipc.NOW);
            expect(Errno.EBUSY, "sipc_commit", () -> tx.commit(1, Sipc.NOW));
        }
    }

    @Test
    public void wouldBlock() throws Exception {
        try (Sender tx = new Sender(chan); Receiver rx = new Receiver(chan)) {
            expect(Errno.EAGAIN, "sipc_next", () -> rx.next(Sipc.NOW));
            tx.commit(1, Sipc.NOW);
            expect(Errno.EAGAIN, "sipc_acquire", () -> tx.acquire(Sipc.NOW));
            expect(Errno.EAGAIN, "sipc_send_eof", () -> tx.sendEof(Sipc.NOW));
            assertNotNull(rx.next(Sipc.NOW));
            expect(Errno.EAGAIN, "sipc_done", () -> rx.done(Sipc.NOW));	// NOOP-1 not queued yet
        }
    }

    @Test
    public void publishThenBusy() throws Exception {
        try (Sender tx = new Sender(chan)) {
            View v = tx.reserve(Sipc.NOW);
            tx.publish(1, Sipc.NOW);	// queued; the wait for the release is cut short
            assertFalse(v.isValid());
            expect(Errno.EBUSY, "sipc_publish", () -> tx.publish(1, Sipc.NOW));
            expect(Errno.EAGAIN, "sipc_reserve", () -> tx.reserve(Sipc.NOW));
        }
    }

    @Test
    public void recvTooSmall() throws Exception {
        String n = fresh();
        Sipc.create(n, 4096, 2);	// NOOP-1 goes with the message: no acquire needed
        try (Sender tx = new Sender(n); Receiver rx = new Receiver(n)) {
            tx.commit(10, Sipc.NOW);
            expect(Errno.EMSGSIZE, "sipc_recv", () -> rx.recv(new byte[9]));
            tx.acquire(5000);
            expect(Errno.EAGAIN, "sipc_next", () -> rx.next(Sipc.NOW));	// it was dropped
        }
    }

    @Test
    public void destroyWakesWaiter() throws Exception {
        List<Throwable> errors = new ArrayList<>();
        try (Receiver rx = new Receiver(chan)) {	// opened here: the thread only waits
            Thread t = spawn(() -> expect(Errno.EIDRM, "sipc_next", () -> rx.next(10000)), errors);
            Thread.sleep(200);
            Sipc.destroy(chan);
            t.join(10000);
            assertFalse(t.isAlive());
        }
        assertTrue(errors.toString(), errors.isEmpty());
    }

    @Test
    public void senderAfterDestroy() throws Exception {
        try (Sender tx = new Sender(chan)) {
            Sipc.destroy(chan);
            expect(Errno.EIDRM, "sipc_send_eof", () -> tx.sendEof(1000));
        }
    }

    @Test
    public void closedHandles() throws Exception {
        Sender tx = new Sender(chan);
        Receiver rx = new Receiver(chan);
        tx.close();
        tx.close();	// a second close does nothing
        rx.close();
        assertFalse(tx.isOpen() || rx.isOpen());
        expect(Errno.EBADF, "sipc_fd", tx::fd);
        expect(Errno.EBADF, "sipc_slots", tx::slots);
        expect(Errno.EBADF, "sipc_buffer", tx::buffer);
        expect(Errno.EBADF, "sipc_commit", () -> tx.commit(0));
        expect(Errno.EBADF, "sipc_acquire", () -> tx.acquire());
        expect(Errno.EBADF, "sipc_send_eof", () -> tx.sendEof());
        expect(Errno.EBADF, "sipc_send", () -> tx.send(new byte[1]));
        expect(Errno.EBADF, "sipc_reserve", () -> tx.reserve());
        expect(Errno.EBADF, "sipc_publish", () -> tx.publish(0));
        expect(Errno.EBADF, "sipc_next", () -> rx.next(Sipc.NOW));
        expect(Errno.EBADF, "sipc_done", () -> rx.done());
        expect(Errno.EBADF, "sipc_recv", () -> rx.recv(new byte[1]));
        expect(Errno.EBADF, "sipc_next", () -> rx.recv());
    }

    @Test
    public void viewsInvalidated() throws Exception {
        Sender tx = new Sender(chan);	// closed inside, a second close in finally
        try (Receiver rx = new Receiver(chan)) {
            View buf = tx.buffer();
            buf.put(0, (byte) 42);
            tx.commit(1, Sipc.NOW);
            assertFalse(buf.isValid());
            assertThrows(IllegalStateException.class, () -> buf.put(0, (byte) 1));
            View m = rx.next();
            assertEquals(42, m.get(0));
            assertThrows(ReadOnlyBufferException.class, () -> m.put(0, (byte) 1));
            assertThrows(ReadOnlyBufferException.class, () -> m.byteBuffer().put(0, (byte) 1));
            Thread t = new Thread(() -> {
                try {
                    tx.acquire();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            t.start();
            rx.done();
            t.join(10000);
            assertThrows(IllegalStateException.class, () -> m.get(0));
            assertThrows(IllegalStateException.class, m::toArray);
            assertThrows(IllegalStateException.class, m::byteBuffer);
            View again = tx.buffer();
            tx.close();
            assertThrows(IllegalStateException.class, () -> again.get(0));
        } finally {
            tx.close();
        }
    }

    @Test
    public void badTimeout() throws Exception {
        try (Receiver rx = new Receiver(chan)) {
            assertThrows(IllegalArgumentException.class, () -> rx.next(-2));
        }
    }

    @Test
    public void unknownBackend() throws Exception {
        // The backend is chosen once per process: ask a new JVM.
        ProcessBuilder pb = new ProcessBuilder(
                System.getProperty("java.home") + "/bin/java",
                "-Djava.library.path=" + System.getProperty("java.library.path"),
                "-cp", System.getProperty("java.class.path"),
                "org.sipc.tests.UnknownBackend");
        pb.environment().put("SIPC_BACKEND", "bogus");
        pb.inheritIO();
        assertEquals(0, pb.start().waitFor());
    }

    @Test
    public void strerror() {
        assertEquals("No such channel", Sipc.strerror(Errno.ENOENT));
        assertEquals(Sipc.strerror(Errno.ETIMEDOUT), Sipc.strerror(-Errno.ETIMEDOUT));
    }
}
