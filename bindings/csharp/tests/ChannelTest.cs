// SPDX-License-Identifier: GPL-2.0-only
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;

namespace Sipc.Tests
{
    /// <summary>Thrown by <see cref="ChannelTest.SysvOnly"/> and
    /// <see cref="ChannelTest.KernelOnly"/>: the runner reports the test as
    /// skipped, with the message as the reason.</summary>
    public sealed class SkipException : Exception
    {
        /// <summary>Skip with this reason.</summary>
        public SkipException(string reason) : base(reason)
        {
        }
    }

    /// <summary>
    /// Base of the tests: a fresh channel per test (64 KiB, depth 1), names
    /// destroyed afterwards, and error assertions.  The suite runs on the
    /// sysv backend with a private registry (the host) or on the kernel
    /// backend (bindings/guest-run.sh in a guest with sipc.ko); a test of
    /// what only one backend does starts with SysvOnly() or KernelOnly().
    /// </summary>
    public abstract class ChannelTest
    {
        /// <summary>The backend the suite was started for (SIPC_BACKEND).</summary>
        public static readonly string Backend = Environment.GetEnvironmentVariable("SIPC_BACKEND");
        /// <summary>Whether that is the kernel backend.</summary>
        public static readonly bool Kernel = Backend == "kernel";

        static int counter;
        readonly List<string> names = new List<string>();

        /// <summary>Channel created for the test.</summary>
        protected string Chan;

        /// <summary>Create the test's channel.</summary>
        public void SetUp()
        {
            if (!Kernel && (Backend != "sysv" ||
                Environment.GetEnvironmentVariable("SIPC_SYSV_DIR") == null))
                throw new Exception("run with SIPC_BACKEND=sysv and a private SIPC_SYSV_DIR, or SIPC_BACKEND=kernel");
            Chan = Fresh();
            Channel.Create(Chan, 65536, 1);
        }

        /// <summary>Destroy every channel the test named.</summary>
        public void TearDown()
        {
            foreach (string name in names) {
                try {
                    Channel.Destroy(name);
                } catch (SipcException e) {
                    Assert.Equal(Errno.ENOENT, e.Errno, "destroy " + name);
                }
            }
        }

        /// <summary>Environment variable name as a positive number, else dflt.</summary>
        public static int EnvInt(string name, int dflt)
        {
            return int.TryParse(Environment.GetEnvironmentVariable(name), out int v) && v > 0 ? v : dflt;
        }

        /// <summary>Skip the test unless the backend is sysv.</summary>
        protected static void SysvOnly(string reason)
        {
            if (Backend != "sysv")
                throw new SkipException("sysv only (" + Backend + " backend): " + reason);
        }

        /// <summary>Skip the test unless the backend is the kernel's.</summary>
        protected static void KernelOnly(string reason)
        {
            if (!Kernel)
                throw new SkipException("kernel only (" + Backend + " backend): " + reason);
        }

        /// <summary>A name no channel has; destroyed after the test if created.</summary>
        protected string Fresh()
        {
            string name = "cs-" + Process.GetCurrentProcess().Id + "-" + Interlocked.Increment(ref counter);
            names.Add(name);
            return name;
        }

        /// <summary>call throws a SipcException with errno, from function.</summary>
        protected static SipcException Expect(int errno, string function, Action call)
        {
            var e = Assert.Throws<SipcException>(call);
            Assert.Equal(errno, e.Errno, "errno of " + e.Message);
            Assert.Equal(function, e.Function, "function");
            Assert.Equal(Library.StrError(errno), e.StrError, "text");
            Assert.Equal(Library.StrError(-errno), e.StrError, "text of -errno");
            Assert.True(e.Message.StartsWith(function + ": " + e.StrError), "message " + e.Message);
            return e;
        }

        /// <summary>Run body in a new thread; its exception lands in errors.</summary>
        protected static Thread Spawn(Action body, List<Exception> errors)
        {
            var t = new Thread(() => {
                try {
                    body();
                } catch (Exception e) {
                    lock (errors)
                        errors.Add(e);
                }
            });
            t.Start();
            return t;
        }

        /// <summary>Wait for t, which must end cleanly.</summary>
        protected static void Join(Thread t, List<Exception> errors)
        {
            Assert.True(t.Join(20000), "thread ended");
            Assert.True(errors.Count == 0, "thread failed: " + string.Join("; ", errors));
        }
    }

    /// <summary>
    /// What the sysv backend leaves in the system: registry entries (files
    /// in $SIPC_SYSV_DIR, lib/BACKENDS.md) and SysV objects (/proc/sysvipc,
    /// what ipcs shows), matched by id or creator, never counted.
    /// </summary>
    public static class SysvInfo
    {
        /// <summary>The private registry directory.</summary>
        public static string Registry
        {
            get { return Environment.GetEnvironmentVariable("SIPC_SYSV_DIR"); }
        }

        /// <summary>(msqid, shmid) from a channel's registry entry.</summary>
        public static long[] Ids(string name)
        {
            var e = File.ReadAllLines(Path.Combine(Registry, name + ".chan"))
                .Where(l => l.Contains(' '))
                .ToDictionary(l => l.Substring(0, l.IndexOf(' ')), l => l.Substring(l.IndexOf(' ') + 1));
            return new[] { long.Parse(e["msqid"]), long.Parse(e["shmid"]) };
        }

        static List<Dictionary<string, string>> Table(string kind)
        {
            var lines = File.ReadAllLines("/proc/sysvipc/" + kind);
            var head = lines[0].Split((char[])null, StringSplitOptions.RemoveEmptyEntries);
            return lines.Skip(1).Select(l => {
                var f = l.Split((char[])null, StringSplitOptions.RemoveEmptyEntries);
                var row = new Dictionary<string, string>();
                for (int i = 0; i < head.Length && i < f.Length; i++)
                    row[head[i]] = f[i];
                return row;
            }).ToList();
        }

        /// <summary>Whether message queue id exists.</summary>
        public static bool MsqExists(long id)
        {
            return Table("msg").Any(r => long.Parse(r["msqid"]) == id);
        }

        /// <summary>Whether segment id exists.</summary>
        public static bool ShmExists(long id)
        {
            return Table("shm").Any(r => long.Parse(r["shmid"]) == id);
        }

        /// <summary>Whether this process maps segment shmid (its inode in maps).</summary>
        public static bool ShmMappedHere(long shmid)
        {
            return File.ReadAllLines("/proc/self/maps").Any(l => {
                var f = l.Split((char[])null, StringSplitOptions.RemoveEmptyEntries);
                return f.Length >= 6 && f[5].StartsWith("/SYSV") && long.Parse(f[4]) == shmid;
            });
        }

        /// <summary>Mappings of sipc endpoints in this process (kernel
        /// backend): anon_inode:[sipc-sender] or [sipc-receiver] in maps.</summary>
        public static int EndpointMappings()
        {
            return File.ReadAllLines("/proc/self/maps").Count(l => l.Contains("anon_inode:[sipc-"));
        }

        /// <summary>Registry entries, and segments created by pid (sysv);
        /// channels named by pid and endpoint mappings (kernel): empty when clean.</summary>
        public static List<string> Leftovers(int pid)
        {
            if (ChannelTest.Kernel) {
                var left = Channel.List().Where(c => c.StartsWith("cs-" + pid + "-"))
                    .Select(c => "channel " + c).ToList();
                if (EndpointMappings() > 0)
                    left.Add(EndpointMappings() + " endpoint mappings");
                return left;
            }
            var found = Directory.GetFileSystemEntries(Registry)
                .Select(p => "registry entry " + Path.GetFileName(p)).ToList();
            found.AddRange(Table("shm").Where(r => int.Parse(r["cpid"]) == pid)
                .Select(r => "shm " + r["shmid"] + " created by " + pid));
            return found;
        }
    }
}
