// SPDX-License-Identifier: GPL-2.0-only
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;

namespace Sipc.Tests
{
    /// <summary>
    /// Every error path: libsipc's errno reaches C# as a SipcException with
    /// libsipc's message; misuse the binding catches itself throws the usual
    /// .NET exception.
    /// </summary>
    public class ErrorTests : ChannelTest
    {
        /// <summary>EEXIST.</summary>
        [Test]
        public void CreateExisting()
        {
            Expect(Errno.EEXIST, "sipc_create", () => Channel.Create(Chan, 4096));
        }

        /// <summary>EINVAL, ENAMETOOLONG, and names C cannot carry.</summary>
        [Test]
        public void CreateBadNames()
        {
            foreach (string bad in new[] { "", "a/b", "sp ace", "t\u0001ab", "caf\u00e9" })
                Expect(Errno.EINVAL, "sipc_create", () => Channel.Create(bad, 4096));
            Expect(Errno.ENAMETOOLONG, "sipc_create", () => Channel.Create(new string('n', Library.NameMax), 4096));
            Assert.Throws<ArgumentException>(() => Channel.Create("nul\0x", 4096));
            Assert.Throws<ArgumentNullException>(() => Channel.Create(null, 4096));
        }

        /// <summary>Sizes and depths.</summary>
        [Test]
        public void CreateBadSizes()
        {
            string n = Fresh();
            Expect(Errno.EINVAL, "sipc_create", () => Channel.Create(n, 0));
            Expect(Errno.EINVAL, "sipc_create", () => Channel.Create(n, 4096, Library.QueueDepthMax + 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => Channel.Create(n, -1));
            Assert.Throws<ArgumentOutOfRangeException>(() => Channel.Create(n, 4096, -1));
        }

        /// <summary>No multi-slot channels on sysv.</summary>
        [Test]
        public void NoSlotsOnSysv()
        {
            SysvOnly("the sysv backend has one region per channel");
            string n = Fresh();
            Expect(Errno.EOPNOTSUPP, "sipc_create_slots", () => Channel.CreateSlots(n, 4096, 2));
            Expect(Errno.EINVAL, "sipc_create_slots", () => Channel.CreateSlots(n, 4096, Library.SlotsMax + 1));
        }

        /// <summary>No sealed channels on sysv, whose stat reports no creation flags.</summary>
        [Test]
        public void NoSealedOnSysv()
        {
            SysvOnly("the kernel backend creates sealed channels");
            string n = Fresh();
            Expect(Errno.EOPNOTSUPP, "sipc_create_flags", () => Channel.CreateFlags(n, 4096, 0, CreateFlags.Sealed));
            Expect(Errno.EOPNOTSUPP, "sipc_create_flags", () => Channel.CreateFlags(n, 4096, 3, CreateFlags.Sealed));
            Expect(Errno.EINVAL, "sipc_create_flags", () => Channel.CreateFlags(n, 4096, 0, (CreateFlags)32));
            Expect(Errno.ENOENT, "sipc_stat", () => Channel.Stat(n));
            ChannelStat st = Channel.Stat(Chan);
            Assert.Equal(StatFlags.None, st.Flags & StatFlags.CreateFlags, "StatFlags.CreateFlags");
            Assert.Equal(CreateFlags.None, st.CreationFlags, "CreationFlags");
        }

        /// <summary>ENOENT from every call by name.</summary>
        [Test]
        public void NoSuchChannel()
        {
            string n = Fresh();
            Expect(Errno.ENOENT, "sipc_destroy", () => Channel.Destroy(n));
            Expect(Errno.ENOENT, "sipc_stat", () => Channel.Stat(n));
            Expect(Errno.ENOENT, "sipc_context", () => Channel.Context(n));
            Expect(Errno.ENOENT, "sipc_label", () => Channel.Label(n));
            Expect(Errno.ENOENT, "sipc_open", () => new Sender(n));
            Expect(Errno.ENOENT, "sipc_open", () => new Receiver(n));
        }

        /// <summary>Open with a role that is neither.</summary>
        [Test]
        public void OpenBadRole()
        {
            Expect(Errno.EINVAL, "sipc_open", () => Channel.Open(Chan, (Role)3));
            using (var c = Channel.Open(Chan, Role.Receiver))
                Assert.True(c is Receiver, "a Receiver");
        }

        /// <summary>EOPNOTSUPP: revoke, descriptors.</summary>
        [Test]
        public void RevokeAndDescriptorNotOnSysv()
        {
            SysvOnly("SysV objects cannot be revoked, have no descriptor and no label");
            Expect(Errno.EOPNOTSUPP, "sipc_revoke", () => Channel.Revoke(Chan, RevokeRoles.Sender | RevokeRoles.Receiver));
            ulong id = Channel.Stat(Chan).Id;
            Expect(Errno.EOPNOTSUPP, "sipc_revoke_id", () => Channel.RevokeId(id, RevokeRoles.Receiver));
            Expect(Errno.EOPNOTSUPP, "sipc_destroy_revoke", () => Channel.DestroyRevoke(Chan));
            using (var rx = new Receiver(Chan))
                Expect(Errno.EOPNOTSUPP, "sipc_fd", () => { int fd = rx.Fd; });
            Assert.Equal("", Channel.Label(Chan));
        }

        /// <summary>Multi-slot channels (kernel).</summary>
        [Test]
        public void SlotsOnKernel()
        {
            KernelOnly("multi-slot channels are the module's");
            string n = Fresh();
            Channel.CreateSlots(n, 4096, 2);
            using (var tx = new Sender(n))
                Assert.Equal(2, tx.Slots);
        }

        /// <summary>Revoked endpoints fail with EACCES; the role is free again.</summary>
        [Test]
        public void RevokeOnKernel()
        {
            KernelOnly("revocation is the module's (SIPC_IOC_REVOKE)");
            using (var tx = new Sender(Chan))
            using (var rx = new Receiver(Chan)) {
                Channel.Revoke(Chan, RevokeRoles.Sender);
                // Not Send(): it would write to the revoked mapping (SIGBUS).
                Expect(Errno.EACCES, "sipc_commit", () => tx.Commit(1, 0));
                using (var tx2 = new Sender(Chan)) {
                    tx2.Buffer().Write(0, new byte[] { 1, 2, 3 });
                    tx2.Commit(3, 0);	// queued; no wait for the release
                    // Not Recv(): its release would wait for the NOOP that a
                    // commit cut short never queues.
                    Assert.Equal(3, rx.Next(0).Length);
                }
                Channel.RevokeId(Channel.Stat(Chan).Id, RevokeRoles.Receiver);
                Expect(Errno.EACCES, "sipc_next", () => rx.Next(0));
            }
            Expect(Errno.ENOENT, "sipc_revoke", () => Channel.Revoke(Chan + "-none", RevokeRoles.Sender));
            using (var tx = new Sender(Chan))
            using (var rx = new Receiver(Chan)) {
                Assert.True(rx.Fd >= 0, "a descriptor");
                Channel.DestroyRevoke(Chan);
                Assert.True(!Channel.List().Contains(Chan), "not listed");
                Expect(Errno.EACCES, "sipc_commit", () => tx.Commit(1, 0));
                Expect(Errno.EACCES, "sipc_next", () => rx.Next(0));
            }
            Expect(Errno.ENOENT, "sipc_destroy_revoke", () => Channel.DestroyRevoke(Chan));
        }

        /// <summary>EMSGSIZE, and lengths C cannot carry.</summary>
        [Test]
        public void TooLong()
        {
            using (var tx = new Sender(Chan)) {
                Expect(Errno.EMSGSIZE, "sipc_commit", () => tx.Commit(tx.Capacity + 1));
                Expect(Errno.EMSGSIZE, "sipc_send", () => tx.Send(new byte[tx.Capacity + 1]));
                tx.Reserve(0);
                Expect(Errno.EMSGSIZE, "sipc_publish", () => tx.Publish(tx.Capacity + 1, 0));
                Assert.Throws<ArgumentOutOfRangeException>(() => tx.Commit(-1));
                Assert.Throws<ArgumentOutOfRangeException>(() => tx.Send(new byte[4], 2, 3));
            }
        }

        /// <summary>EBUSY: commit without acquire.</summary>
        [Test]
        public void CommitTwice()
        {
            using (var tx = new Sender(Chan)) {
                tx.Commit(1, 0);
                Expect(Errno.EBUSY, "sipc_commit", () => tx.Commit(1, 0));
            }
        }

        /// <summary>EAGAIN from every waiting call.</summary>
        [Test]
        public void WouldBlock()
        {
            using (var tx = new Sender(Chan))
            using (var rx = new Receiver(Chan)) {
                Expect(Errno.EAGAIN, "sipc_next", () => rx.Next(0));
                tx.Commit(1, 0);
                Expect(Errno.EAGAIN, "sipc_acquire", () => tx.Acquire(0));
                Expect(Errno.EAGAIN, "sipc_send_eof", () => tx.SendEof(0));
                Assert.True(rx.Next(0) != null, "message");
                Expect(Errno.EAGAIN, "sipc_done", () => rx.Done(0));	// NOOP-1 not queued yet
            }
        }

        /// <summary>Publish without reserve: EBUSY.</summary>
        [Test]
        public void PublishThenBusy()
        {
            using (var tx = new Sender(Chan)) {
                ChannelView v = tx.Reserve(0);
                tx.Publish(1, 0);	// queued; the wait for the release is cut short
                Assert.True(!v.IsValid, "view invalidated");
                Expect(Errno.EBUSY, "sipc_publish", () => tx.Publish(1, 0));
                Expect(Errno.EAGAIN, "sipc_reserve", () => tx.Reserve(0));
            }
        }

        /// <summary>A message longer than the copy buffer is dropped.</summary>
        [Test]
        public void RecvTooSmall()
        {
            string n = Fresh();
            Channel.Create(n, 4096, 2);	// NOOP-1 goes with the message
            using (var tx = new Sender(n))
            using (var rx = new Receiver(n)) {
                tx.Commit(10, 0);
                Expect(Errno.EMSGSIZE, "sipc_recv", () => rx.Recv(new byte[9]));
                tx.Acquire(5000);
                Expect(Errno.EAGAIN, "sipc_next", () => rx.Next(0));	// it was dropped
            }
        }

        /// <summary>EIDRM wakes a waiting receiver.</summary>
        [Test]
        public void DestroyWakesWaiter()
        {
            var errors = new List<Exception>();
            using (var rx = new Receiver(Chan)) {	// opened here: the thread only waits
                var t = Spawn(() => Expect(Errno.EIDRM, "sipc_next", () => rx.Next(10000)), errors);
                Thread.Sleep(200);
                Channel.Destroy(Chan);
                Join(t, errors);
            }
        }

        /// <summary>EIDRM for the sender.</summary>
        [Test]
        public void SenderAfterDestroy()
        {
            using (var tx = new Sender(Chan)) {
                Channel.Destroy(Chan);
                Expect(Errno.EIDRM, "sipc_send_eof", () => tx.SendEof(1000));
            }
        }

        /// <summary>EBADF from every call on a disposed channel.</summary>
        [Test]
        public void ClosedHandles()
        {
            var tx = new Sender(Chan);
            var rx = new Receiver(Chan);
            tx.Dispose();
            tx.Dispose();	// a second Dispose does nothing
            rx.Close();
            Assert.True(!tx.IsOpen && !rx.IsOpen, "closed");
            Expect(Errno.EBADF, "sipc_fd", () => { int fd = tx.Fd; });
            Expect(Errno.EBADF, "sipc_slots", () => { int s = tx.Slots; });
            Expect(Errno.EBADF, "sipc_buffer", () => tx.Buffer());
            Expect(Errno.EBADF, "sipc_commit", () => tx.Commit(0));
            Expect(Errno.EBADF, "sipc_acquire", () => tx.Acquire());
            Expect(Errno.EBADF, "sipc_send_eof", () => tx.SendEof());
            Expect(Errno.EBADF, "sipc_send", () => tx.Send(new byte[1]));
            Expect(Errno.EBADF, "sipc_reserve", () => tx.Reserve());
            Expect(Errno.EBADF, "sipc_publish", () => tx.Publish(0));
            Expect(Errno.EBADF, "sipc_next", () => rx.Next(0));
            Expect(Errno.EBADF, "sipc_done", () => rx.Done());
            Expect(Errno.EBADF, "sipc_recv", () => rx.Recv(new byte[1]));
            Expect(Errno.EBADF, "sipc_next", () => rx.Recv());
        }

        /// <summary>Views and their streams fail once the data is not the caller's.</summary>
        [Test]
        public void ViewsInvalidated()
        {
            var tx = new Sender(Chan);
            try {
                using (var rx = new Receiver(Chan)) {
                    ChannelView buf = tx.Buffer();
                    Stream ws = buf.AsStream();
                    buf[0] = 42;
                    tx.Commit(1, 0);
                    Assert.True(!buf.IsValid, "committed");
                    Assert.Throws<ObjectDisposedException>(() => buf[0] = 1);
                    Assert.Throws<ObjectDisposedException>(() => ws.WriteByte(1));
                    ChannelView m = rx.Next();
                    Assert.Equal((byte)42, m[0]);
                    Assert.Throws<InvalidOperationException>(() => m[0] = 1);
                    Assert.Throws<InvalidOperationException>(() => { var s = m.Span; });
                    Assert.Throws<NotSupportedException>(() => m.AsStream().WriteByte(1));
                    Stream rs = m.AsStream();
                    var errors = new List<Exception>();
                    var t = Spawn(() => tx.Acquire(), errors);
                    rx.Done();
                    Join(t, errors);
                    Assert.Throws<ObjectDisposedException>(() => { byte b = m[0]; });
                    Assert.Throws<ObjectDisposedException>(() => m.ToArray());
                    Assert.Throws<ObjectDisposedException>(() => rs.ReadByte());
                    ChannelView again = tx.Buffer();
                    tx.Dispose();
                    Assert.Throws<ObjectDisposedException>(() => { var s = again.ReadOnlySpan; });
                }
            } finally {
                tx.Dispose();
            }
        }

        /// <summary>Timeouts below -1.</summary>
        [Test]
        public void BadTimeout()
        {
            using (var rx = new Receiver(Chan))
                Assert.Throws<ArgumentOutOfRangeException>(() => rx.Next(-2));
        }

        /// <summary>SIPC_BACKEND=bogus: no backend, EINVAL (a new process).</summary>
        [Test]
        public void UnknownBackend()
        {
            var psi = new ProcessStartInfo("mono",
                "\"" + typeof(ErrorTests).Assembly.Location + "\" --unknown-backend");
            psi.UseShellExecute = false;
            psi.EnvironmentVariables["SIPC_BACKEND"] = "bogus";
            using (var p = Process.Start(psi)) {
                Assert.True(p.WaitForExit(30000), "child ended");
                Assert.Equal(0, p.ExitCode, "child's exit status");
            }
        }

        /// <summary>Library.StrError.</summary>
        [Test]
        public void StrError()
        {
            Assert.Equal("No such channel", Library.StrError(Errno.ENOENT));
            Assert.Equal(Library.StrError(Errno.ETIMEDOUT), Library.StrError(-Errno.ETIMEDOUT));
        }
    }
}
