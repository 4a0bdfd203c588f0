// SPDX-License-Identifier: GPL-2.0-only
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Sipc.Tests
{
    /// <summary>The protocol through the binding: 1,000 messages, content checked.</summary>
    public class ProtocolTests : ChannelTest
    {
        // 1000, or fewer under TCG (SIPC_TEST_MESSAGES, bindings/guest-run.sh).
        static readonly int Count = ChannelTest.EnvInt("SIPC_TEST_MESSAGES", 1000);

        /// <summary>Message i: a length that varies from 0 up, bytes that depend on i.</summary>
        static byte[] Payload(int i)
        {
            var b = new byte[(i * 37) % 3000];
            for (int k = 0; k < b.Length; k++)
                b[k] = (byte)(i + k * 7);
            return b;
        }

        enum Way { ZeroCopy, Copy, FastPath, Stream }

        void Thousand(string name, Way send, bool zeroCopyReceive)
        {
            var got = new List<byte[]>();
            var errors = new List<Exception>();
            var rx = Spawn(() => {
                using (var r = new Receiver(name)) {
                    if (zeroCopyReceive) {
                        for (ChannelView m; (m = r.Next()) != null; r.Done()) {
                            Assert.True(m.IsReadOnly, "read-only");
                            got.Add(m.ReadOnlySpan.ToArray());
                        }
                    } else {
                        for (byte[] m; (m = r.Recv()) != null;)
                            got.Add(m);
                    }
                }
            }, errors);
            using (var tx = new Sender(name)) {
                for (int i = 0; i < Count; i++) {
                    byte[] p = Payload(i);
                    switch (send) {
                    case Way.ZeroCopy:
                        tx.Acquire();
                        p.AsSpan().CopyTo(tx.Buffer().Span);
                        tx.Commit(p.Length);
                        break;
                    case Way.Copy:
                        tx.Send(p);
                        break;
                    case Way.FastPath:
                        tx.Reserve().Write(0, p);
                        tx.Publish(p.Length);
                        break;
                    case Way.Stream:
                        tx.Acquire();
                        tx.Buffer().AsStream().Write(p, 0, p.Length);
                        tx.Commit(p.Length);
                        break;
                    }
                }
                tx.SendEof();
            }
            Join(rx, errors);
            Assert.Equal(Count, got.Count, "messages");
            for (int i = 0; i < Count; i++)
                Assert.Bytes(Payload(i), got[i], "message " + i);
        }

        /// <summary>Zero copy both ways, depth 1.</summary>
        [Test] public void ThousandZeroCopyDepth1() { Thousand(Chan, Way.ZeroCopy, true); }

        /// <summary>Copy both ways, depth 1.</summary>
        [Test] public void ThousandCopyDepth1() { Thousand(Chan, Way.Copy, false); }

        /// <summary>Zero copy, depth 4.</summary>
        [Test]
        public void ThousandZeroCopyDepth4()
        {
            string n = Fresh();
            Channel.Create(n, 4096, 4);
            Thousand(n, Way.ZeroCopy, true);
        }

        /// <summary>Through an UnmanagedMemoryStream, depth 4.</summary>
        [Test]
        public void ThousandStreams()
        {
            string n = Fresh();
            Channel.Create(n, 4096, 4);
            Thousand(n, Way.Stream, false);
        }

        /// <summary>Reserve and publish (0.2).</summary>
        [Test]
        public void ThousandFastPath()
        {
            string n = Fresh();
            Channel.CreateSlots(n, 4096, 1);
            Thousand(n, Way.FastPath, true);
        }

        /// <summary>The receiver's view reads the sender's region in place.</summary>
        [Test]
        public void ViewsAreTheRegion()
        {
            using (var tx = new Sender(Chan))
            using (var rx = new Receiver(Chan)) {
                ChannelView buf = tx.Buffer();
                Assert.Equal(65536, buf.Length);
                Assert.Equal(65536L, tx.Capacity);
                Assert.Equal(65536L, rx.Capacity);
                Assert.Equal(1, tx.Slots);
                Assert.True(!buf.IsReadOnly, "writable");
                buf.Write(0, Encoding.ASCII.GetBytes("abcd"));
                tx.Commit(4, 0);	// depth 1: NOOP-1 waits for Acquire()
                ChannelView m = rx.Next();
                Assert.Equal("abcd", Encoding.ASCII.GetString(m.ToArray()));
                Assert.Equal((byte)'c', m[2]);
                Assert.Equal((byte)'c', m.ReadOnlySpan[2]);
                var s = m.AsStream();
                Assert.True(s.CanRead && !s.CanWrite, "read-only stream");
                Assert.Equal(4L, s.Length);
                Assert.Equal((int)'a', s.ReadByte());
            }
        }

        /// <summary>Copy into arrays and spans.</summary>
        [Test]
        public void CopyIntoSpans()
        {
            string n = Fresh();
            Channel.Create(n, 4096, 4);
            using (var tx = new Sender(n))
            using (var rx = new Receiver(n)) {
                tx.Send(Encoding.ASCII.GetBytes("0123456789"), 2, 5);
                var into = new byte[10];
                Assert.Equal(5, rx.Recv(new Span<byte>(into, 3, 7)));
                Assert.Equal("23456", Encoding.ASCII.GetString(into, 3, 5));
            }
        }

        /// <summary>An empty message is a message.</summary>
        [Test]
        public void EmptyMessageIsNotTheEnd()
        {
            using (var tx = new Sender(Chan))
            using (var rx = new Receiver(Chan)) {
                tx.Commit(0, 0);
                ChannelView m = rx.Next();
                Assert.True(m != null && m.Length == 0, "empty message");
            }
        }

        /// <summary>The end of the stream.</summary>
        [Test]
        public void EndOfStream()
        {
            using (var tx = new Sender(Chan))
            using (var rx = new Receiver(Chan)) {
                tx.SendEof();
                Assert.True(rx.Next() == null, "Next at the end");
                tx.SendEof();
                Assert.True(rx.Recv() == null, "Recv at the end");
                tx.SendEof();
                Assert.Equal(-1, rx.Recv(new byte[4]));
            }
        }
    }
}
