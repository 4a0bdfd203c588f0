// SPDX-License-Identifier: GPL-2.0-only
package org.sipc.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;

import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Rule;
import org.junit.rules.Timeout;
import org.sipc.Errno;
import org.sipc.Sipc;
import org.sipc.SipcException;

/**
 * Base of the tests: a fresh channel per test (64 KiB, depth 1), names
 * that are destroyed afterwards, a time limit, and error assertions.
 * The suite runs on the sysv backend with a private registry (the host,
 * make check) or on the kernel backend (bindings/guest-run.sh in a guest
 * with sipc.ko); a test of what only one backend does starts with
 * {@link #sysvOnly} or {@link #kernelOnly}, so that the other backend
 * reports it as skipped with the reason.
 */
public abstract class ChannelTest {
    /** The backend the suite was started for (SIPC_BACKEND). */
    static final String BACKEND = String.valueOf(System.getenv("SIPC_BACKEND"));
    static final boolean KERNEL = "kernel".equals(BACKEND);

    private static int counter;
    private final List<String> names = new ArrayList<>();

    /** A hung wait fails its test, not the suite. */
    @Rule
    public Timeout limit = Timeout.seconds(envInt("SIPC_TEST_TIME_LIMIT", 30));

    /** Environment variable name as a positive number, else dflt (guest-run.sh sets them under TCG). */
    static int envInt(String name, int dflt) {
        try {
            int v = Integer.parseInt(String.valueOf(System.getenv(name)));
            return v > 0 ? v : dflt;
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** Channel created for the test. */
    protected String chan;

    @Before
    public void createChannel() throws SipcException {
        if (!KERNEL && (!"sysv".equals(BACKEND) || System.getenv("SIPC_SYSV_DIR") == null)) {
            fail("run with SIPC_BACKEND=sysv and a private SIPC_SYSV_DIR, or SIPC_BACKEND=kernel");
        }
        chan = fresh();
        Sipc.create(chan, 65536, 1);
    }

    @After
    public void destroyChannels() {
        for (String n : names) {
            try {
                Sipc.destroy(n);
            } catch (SipcException e) {
                assertEquals(Errno.ENOENT, e.errno());
            }
        }
    }

    /** Skip the test (with the reason) unless the backend is sysv. */
    protected static void sysvOnly(String reason) {
        Assume.assumeTrue("sysv only (" + BACKEND + " backend): " + reason, "sysv".equals(BACKEND));
    }

    /** Skip the test (with the reason) unless the backend is the kernel's. */
    protected static void kernelOnly(String reason) {
        Assume.assumeTrue("kernel only (" + BACKEND + " backend): " + reason, KERNEL);
    }

    /** A name no channel has; destroyed after the test if created. */
    protected String fresh() {
        String n = "java-" + ProcessHandle.current().pid() + "-" + counter++;
        names.add(n);
        return n;
    }

    /** A call that must fail. */
    protected interface Call {
        void run() throws Exception;
    }

    /** Assert that call throws a SipcException with errno from function. */
    protected static SipcException expect(int errno, String function, Call call) throws Exception {
        try {
            call.run();
        } catch (SipcException e) {
            assertEquals("errno of " + e, errno, e.errno());
            assertEquals(function, e.function());
            assertEquals(Sipc.strerror(errno), e.strerror());
            assertEquals(Sipc.strerror(-errno), e.strerror());
            assertTrue(e.getMessage(), e.getMessage().startsWith(function + ": " + e.strerror()));
            return e;
        }
        fail("no SipcException " + errno + " from " + function);
        return null;
    }

    /** Run body in a new thread, started now. */
    protected static Thread spawn(Call body, List<Throwable> errors) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                synchronized (errors) {
                    errors.add(e);
                }
            }
        });
        t.start();
        return t;
    }
}
