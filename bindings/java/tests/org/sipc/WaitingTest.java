// SPDX-License-Identifier: GPL-2.0-only
package org.sipc;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.junit.Test;

/**
 * The EINTR retry of Channel.waiting() (package-private, hence this
 * package), with a stand-in for the libsipc call: the JVM rarely
 * interrupts a thread with a signal, so a real EINTR cannot be provoked
 * reliably here (the C# suite provokes real ones).
 */
public class WaitingTest {
    private final List<Integer> given = new ArrayList<>();

    /** A call that fails with EINTR `interrupts` times, 30 ms each. */
    private Channel.Wait<String> call(int interrupts) {
        return ms -> {
            given.add(ms);
            if (given.size() <= interrupts) {
                LockSupport.parkNanos(30000000L);
                throw new SipcException(-Errno.EINTR, "sipc_next");
            }
            return "done";
        };
    }

    @Test
    public void retriedWithTheTimeLeft() throws Exception {
        assertEquals("done", Channel.waiting(call(3), 1000));
        assertEquals(4, given.size());
        assertEquals(1000, (int) given.get(0));
        assertTrue(given.toString(), given.get(3) > 0 && given.get(3) <= 1000 - 90);
    }

    @Test
    public void noLimitStaysNoLimit() throws Exception {
        assertEquals("done", Channel.waiting(call(2), Sipc.FOREVER));
        assertEquals(List.of(-1, -1, -1), given);
        given.clear();
        assertEquals("done", Channel.waiting(call(2), Sipc.NOW));
        assertEquals(List.of(0, 0, 0), given);
    }

    @Test
    public void pastTheDeadlineLibsipcSaysSo() throws Exception {
        assertEquals("done", Channel.waiting(call(2), 10));
        assertEquals(1, (int) given.get(2));	// libsipc reports ETIMEDOUT itself
    }

    @Test
    public void otherErrorsAreThrown() throws Exception {
        try {
            Channel.waiting(ms -> {
                given.add(ms);
                throw new SipcException(-Errno.ETIMEDOUT, "sipc_next");
            }, 50);
            fail("no exception");
        } catch (SipcException e) {
            assertEquals(Errno.ETIMEDOUT, e.errno());
            assertEquals(1, given.size());
        }
    }
}
