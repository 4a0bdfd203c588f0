// SPDX-License-Identifier: GPL-2.0-only
using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace Sipc.Tests
{
    /// <summary>Resources: Dispose unmaps, Destroy removes the SysV objects and entry.</summary>
    public class ReleaseTests : ChannelTest
    {
        /// <summary>No queue, segment or registry entry after Destroy.</summary>
        [Test]
        public void DestroyRemovesSysvObjects()
        {
            SysvOnly("the channel's SysV queue and segment, and its registry entry");
            string n = Fresh();
            Channel.Create(n, 8192, 2);
            long[] ids = SysvInfo.Ids(n);
            Assert.True(SysvInfo.MsqExists(ids[0]) && SysvInfo.ShmExists(ids[1]), "objects exist");
            using (var tx = new Sender(n))
            using (var rx = new Receiver(n)) {
                tx.Send(Encoding.ASCII.GetBytes("abc"));
                Assert.Bytes(Encoding.ASCII.GetBytes("abc"), rx.Recv());
            }
            Channel.Destroy(n);
            Assert.True(!SysvInfo.MsqExists(ids[0]), "queue removed");
            Assert.True(!SysvInfo.ShmExists(ids[1]), "segment removed");
            Assert.True(!File.Exists(Path.Combine(SysvInfo.Registry, n + ".chan")), "entry removed");
            Assert.True(!Channel.List().Contains(n), "not listed");
        }

        /// <summary>Dispose detaches the segment.</summary>
        [Test]
        public void DisposeUnmaps()
        {
            SysvOnly("attaches of the channel's SysV segment");
            long shmid = SysvInfo.Ids(Chan)[1];
            var tx = new Sender(Chan);
            var rx = new Receiver(Chan);
            Assert.True(SysvInfo.ShmMappedHere(shmid), "mapped");
            Assert.Equal(2u, Channel.Stat(Chan).Attached);	// sysv: shm_nattch
            tx.Dispose();
            Assert.Equal(1u, Channel.Stat(Chan).Attached);
            rx.Dispose();
            Assert.Equal(0u, Channel.Stat(Chan).Attached);
            Assert.True(!SysvInfo.ShmMappedHere(shmid), "unmapped");
        }

        /// <summary>Dispose unmaps the endpoint (kernel).</summary>
        [Test]
        public void DisposeUnmapsOnKernel()
        {
            KernelOnly("mappings of the module's endpoints");
            var tx = new Sender(Chan);
            var rx = new Receiver(Chan);
            Assert.Equal(2, SysvInfo.EndpointMappings());
            Assert.Equal(2u, Channel.Stat(Chan).Attached);	// kernel: endpoints
            tx.Dispose();
            Assert.Equal(1u, Channel.Stat(Chan).Attached);
            rx.Dispose();
            Assert.Equal(0u, Channel.Stat(Chan).Attached);
            Assert.Equal(0, SysvInfo.EndpointMappings());
        }

        /// <summary>using disposes when the block throws.</summary>
        [Test]
        public void UsingDisposesOnException()
        {
            Sender kept = null;
            try {
                using (var tx = new Sender(Chan)) {
                    kept = tx;
                    throw new InvalidOperationException("boom");
                }
            } catch (InvalidOperationException) {
            }
            Assert.True(!kept.IsOpen, "disposed");
            Assert.Equal(0u, Channel.Stat(Chan).Attached);
        }

        /// <summary>Far more opens than a process may hold at once.</summary>
        [Test]
        public void ManyOpensAndCloses()
        {
            for (int i = 0; i < 2000; i++)
                using (var rx = new Receiver(Chan))
                    Assert.True(rx.IsOpen, "open");
            Assert.Equal(0u, Channel.Stat(Chan).Attached);
        }

        /// <summary>Failed opens leave no descriptor behind.</summary>
        [Test]
        public void FailedOpensLeakNothing()
        {
            string n = Fresh();
            Expect(Errno.ENOENT, "sipc_open", () => new Receiver(n));
            int fds = Directory.GetFileSystemEntries("/proc/self/fd").Length;
            for (int i = 0; i < 100; i++)
                Expect(Errno.ENOENT, "sipc_open", () => new Receiver(n));
            Assert.Equal(fds, Directory.GetFileSystemEntries("/proc/self/fd").Length);
        }

        /// <summary>List, Stat, Context, Backend.</summary>
        [Test]
        public void ListStatContext()
        {
            string n = Fresh();
            Channel.Create(n, 5000, 3);
            var names = Channel.List();
            Assert.True(names.Contains(Chan) && names.Contains(n), "listed");
            ChannelStat st = Channel.Stat(n);
            Assert.Equal(8192ul, st.Size);
            Assert.Equal(3u, st.Depth);
            Assert.Equal((uint)Process.GetCurrentProcess().Id, st.CreatorPid);
            // sysv: neither state nor counters, no context; kernel: both.
            Assert.Equal(Kernel ? StatFlags.State | StatFlags.Counters | StatFlags.CreateFlags : StatFlags.None, st.Flags);
            if (!Kernel)
                Assert.Equal("", Channel.Context(n));
            Assert.Equal(Backend, Library.Backend);
        }
    }
}
