// SPDX-License-Identifier: GPL-2.0-only
package org.sipc.tests;

import static org.junit.Assert.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;

/**
 * The binding covers libsipc: libsipc_jni.so calls every function of
 * lib/libsipc.map.  (The constants are checked when the JNI code is
 * compiled: _Static_assert against the C headers.)
 */
public class ApiTest {
    @Test
    public void everyExportedFunctionIsCalled() throws Exception {
        Path top = Path.of(System.getProperty("sipc.top", "../.."));
        TreeSet<String> exported = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\s*(sipc_\\w+);")
                .matcher(Files.readString(top.resolve("lib/libsipc.map")));
        while (m.find()) {
            exported.add(m.group(1));
        }
        String jni = System.getProperty("java.library.path") + File.separator + "libsipc_jni.so";
        Process nm = new ProcessBuilder("nm", "-D", "--undefined-only", jni).start();
        TreeSet<String> called = new TreeSet<>();
        for (String line : new String(nm.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2 && f[1].startsWith("sipc_")) {
                called.add(f[1].replaceAll("@.*", ""));
            }
        }
        assertEquals("nm exit status", 0, nm.waitFor());
        assertEquals(exported, called);
    }
}
