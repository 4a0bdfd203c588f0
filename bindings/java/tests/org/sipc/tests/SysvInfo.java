// SPDX-License-Identifier: GPL-2.0-only
package org.sipc.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.sipc.Sipc;
import org.sipc.SipcException;

/**
 * What the sysv backend leaves in the system: registry entries (files in
 * $SIPC_SYSV_DIR, lib/BACKENDS.md) and SysV objects (/proc/sysvipc, what
 * ipcs shows).  Objects are matched by id or creator, never counted: other
 * programs may create and remove SysV objects meanwhile.
 */
final class SysvInfo {
    private SysvInfo() {
    }

    /**
     * Mappings of sipc endpoints in this process (kernel backend): their
     * lines in /proc/self/maps name anon_inode:[sipc-sender] or
     * [sipc-receiver].
     */
    static long endpointMappings() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.filter(l -> l.contains("anon_inode:[sipc-")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path registry() {
        return Path.of(System.getenv("SIPC_SYSV_DIR"));
    }

    /** {msqid, shmid} from channel name's registry entry. */
    static long[] ids(String name) throws IOException {
        Map<String, String> e = new HashMap<>();
        for (String line : Files.readAllLines(registry().resolve(name + ".chan"))) {
            int sp = line.indexOf(' ');
            if (sp > 0) {
                e.put(line.substring(0, sp), line.substring(sp + 1));
            }
        }
        return new long[] {Long.parseLong(e.get("msqid")), Long.parseLong(e.get("shmid"))};
    }

    /** Rows of /proc/sysvipc/KIND as column -> value. */
    private static List<Map<String, String>> table(String kind) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/sysvipc", kind));
            String[] head = lines.get(0).trim().split("\\s+");
            List<Map<String, String>> rows = new ArrayList<>();
            for (String l : lines.subList(1, lines.size())) {
                String[] f = l.trim().split("\\s+");
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < head.length && i < f.length; i++) {
                    row.put(head[i], f[i]);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean msqExists(long id) {
        return table("msg").stream().anyMatch(r -> Long.parseLong(r.get("msqid")) == id);
    }

    static boolean shmExists(long id) {
        return table("shm").stream().anyMatch(r -> Long.parseLong(r.get("shmid")) == id);
    }

    /** Whether this process maps SysV segment shmid (its inode in maps). */
    static boolean shmMappedHere(long shmid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/maps"))) {
            String[] f = l.trim().split("\\s+");
            if (f.length >= 6 && f[5].startsWith("/SYSV") && Long.parseLong(f[4]) == shmid) {
                return true;
            }
        }
        return false;
    }

    /**
     * Registry entries, and segments created by pid (sysv); channels named
     * by pid, and endpoint mappings (kernel): empty when clean.
     */
    static List<String> leftovers(long pid) {
        List<String> found = new ArrayList<>();
        if (ChannelTest.KERNEL) {
            try {
                for (String n : Sipc.list()) {
                    if (n.startsWith("java-" + pid + "-")) {
                        found.add("channel " + n);
                    }
                }
            } catch (SipcException e) {
                found.add("list: " + e);
            }
            if (endpointMappings() > 0) {
                found.add(endpointMappings() + " endpoint mappings");
            }
            return found;
        }
        try (Stream<Path> s = Files.list(registry())) {
            s.forEach(p -> found.add("registry entry " + p.getFileName()));
        } catch (IOException e) {
            found.add("registry: " + e);
        }
        for (Map<String, String> r : table("shm")) {
            if (Long.parseLong(r.get("cpid")) == pid) {
                found.add("shm " + r.get("shmid") + " created by " + pid);
            }
        }
        return found;
    }
}
