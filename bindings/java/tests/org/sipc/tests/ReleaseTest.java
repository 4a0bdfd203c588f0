// SPDX-License-Identifier: GPL-2.0-only
package org.sipc.tests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.util.Arrays;

import org.junit.Test;
import org.sipc.ChannelStat;
import org.sipc.Receiver;
import org.sipc.Sender;
import org.sipc.Sipc;

/** Resources: close unmaps, destroy removes the SysV objects and entry. */
public class ReleaseTest extends ChannelTest {
    @Test
    public void destroyRemovesSysvObjects() throws Exception {
        sysvOnly("the channel's SysV queue and segment, and its registry entry");
        String n = fresh();
        Sipc.create(n, 8192, 2);
        long[] ids = SysvInfo.ids(n);
        assertTrue(SysvInfo.msqExists(ids[0]) && SysvInfo.shmExists(ids[1]));
        try (Sender tx = new Sender(n); Receiver rx = new Receiver(n)) {
            tx.send("abc".getBytes());
            assertArrayEquals("abc".getBytes(), rx.recv());
        }
        Sipc.destroy(n);
        assertFalse(SysvInfo.msqExists(ids[0]));
        assertFalse(SysvInfo.shmExists(ids[1]));
        assertFalse(Files.exists(SysvInfo.registry().resolve(n + ".chan")));
        assertFalse(Arrays.asList(Sipc.list()).contains(n));
    }

    @Test
    public void closeUnmaps() throws Exception {
        sysvOnly("attaches of the channel's SysV segment");
        long shmid = SysvInfo.ids(chan)[1];
        Sender tx = new Sender(chan);
        Receiver rx = new Receiver(chan);
        assertTrue(SysvInfo.shmMappedHere(shmid));
        assertEquals(2, Sipc.stat(chan).attached());	// sysv: shm_nattch
        tx.close();
        assertEquals(1, Sipc.stat(chan).attached());
        rx.close();
        assertEquals(0, Sipc.stat(chan).attached());
        assertFalse(SysvInfo.shmMappedHere(shmid));
    }

    @Test
    public void closeUnmapsOnKernel() throws Exception {
        kernelOnly("mappings of the module's endpoints");
        Sender tx = new Sender(chan);
        Receiver rx = new Receiver(chan);
        assertEquals(2, SysvInfo.endpointMappings());
        assertEquals(2, Sipc.stat(chan).attached());	// kernel: endpoints
        tx.close();
        assertEquals(1, Sipc.stat(chan).attached());
        rx.close();
        assertEquals(0, Sipc.stat(chan).attached());
        assertEquals(0, SysvInfo.endpointMappings());
    }

    @Test
    public void tryWithResourcesClosesOnException() throws Exception {
        Sender kept = null;
        try (Sender tx = new Sender(chan)) {
            kept = tx;
            throw new IllegalStateException("boom");
        } catch (IllegalStateException e) {
            assertEquals("boom", e.getMessage());
        }
        assertFalse(kept.isOpen());
        assertEquals(0, Sipc.stat(chan).attached());
    }

    @Test
    public void manyOpensAndCloses() throws Exception {
        for (int i = 0; i < 2000; i++) {
            try (Receiver rx = new Receiver(chan)) {
                assertTrue(rx.isOpen());
            }
        }
        assertEquals(0, Sipc.stat(chan).attached());
    }

    private static long openFds() throws Exception {
        try (java.util.stream.Stream<java.nio.file.Path> s = Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    private static void failOpen(String n) throws Exception {
        expect(org.sipc.Errno.ENOENT, "sipc_open", () -> new Receiver(n));
    }

    @Test
    public void failedOpensLeakNothing() throws Exception {
        String n = fresh();
        failOpen(n);	// loads the classes first
        long fds = openFds();
        for (int i = 0; i < 100; i++) {
            failOpen(n);
        }
        assertEquals(fds, openFds());
    }

    @Test
    public void listStatContext() throws Exception {
        String n = fresh();
        Sipc.create(n, 5000, 3);
        assertTrue(Arrays.asList(Sipc.list()).containsAll(Arrays.asList(chan, n)));
        ChannelStat st = Sipc.stat(n);
        assertEquals(8192, st.size());
        assertEquals(3, st.depth());
        assertEquals(ProcessHandle.current().pid(), st.creatorPid());
        // sysv: neither state nor counters, no context; kernel: both.
        assertEquals(KERNEL ? Sipc.STAT_STATE | Sipc.STAT_COUNTERS | Sipc.STAT_CREATE_FLAGS : 0, st.flags());
        if (!KERNEL) {
            assertEquals("", Sipc.context(n));
        }
        assertEquals(BACKEND, Sipc.backend());
    }
}
