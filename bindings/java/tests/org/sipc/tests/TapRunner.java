// SPDX-License-Identifier: GPL-2.0-only
package org.sipc.tests;

import java.util.ArrayList;
import java.util.List;

import org.junit.runner.Description;
import org.junit.runner.JUnitCore;
import org.junit.runner.Request;
import org.junit.runner.notification.Failure;
import org.junit.runner.notification.RunListener;

/**
 * Runs JUnit 4 test classes and prints TAP: one line per test, then one
 * for the suite-wide leak check (no registry entry, no SysV segment of
 * this process left).  Exit status 1 when anything failed.
 */
public final class TapRunner extends RunListener {
    private int n;
    private boolean failed;
    private Description current;
    private String problem;
    private String skip;

    @Override
    public void testStarted(Description d) {
        current = d;
        problem = null;
        skip = null;
    }

    @Override
    public void testFailure(Failure f) {
        if (f.getDescription().isTest() && f.getDescription().equals(current)) {
            problem = f.getException().toString();
            System.err.println(f.getTrace());
        } else {	// a class-level failure (@BeforeClass...): a line of its own
            line(false, f.getDescription().getDisplayName(), f.getException().toString());
            System.err.println(f.getTrace());
        }
    }

    @Override
    public void testAssumptionFailure(Failure f) {
        skip = f.getMessage();
    }

    @Override
    public void testIgnored(Description d) {
        n++;
        System.out.println("ok " + n + " - java " + name(d) + " # SKIP ignored");
    }

    @Override
    public void testFinished(Description d) {
        if (skip != null) {
            n++;
            System.out.println("ok " + n + " - java " + name(d) + " # SKIP " + skip);
        } else {
            line(problem == null, name(d), problem);
        }
        current = null;
    }

    private static String name(Description d) {
        String c = d.getClassName();
        return c.substring(c.lastIndexOf('.') + 1) + "." + d.getMethodName();
    }

    private void line(boolean ok, String name, String why) {
        n++;
        failed |= !ok;
        String text = "java " + name + (ok ? "" : " (" + why + ")");
        System.out.println((ok ? "ok " : "not ok ") + n + " - " + text.replace('\n', ' ').replace('#', '_'));
    }

    public static void main(String[] args) throws ClassNotFoundException {
        List<Class<?>> classes = new ArrayList<>();
        for (String a : args) {
            classes.add(Class.forName(a));
        }
        Request req = Request.classes(classes.toArray(new Class<?>[0]));
        System.out.println("1.." + (req.getRunner().testCount() + 1));
        TapRunner tap = new TapRunner();
        JUnitCore core = new JUnitCore();
        core.addListener(tap);
        core.run(req);
        List<String> leaks = SysvInfo.leftovers(ProcessHandle.current().pid());
        tap.line(leaks.isEmpty(), ChannelTest.KERNEL ? "no channel or endpoint mapping left by the suite"
                : "no registry entry or SysV segment left by the suite",
                String.join("; ", leaks));
        System.exit(tap.failed ? 1 : 0);
    }
}
