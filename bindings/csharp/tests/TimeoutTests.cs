// SPDX-License-Identifier: GPL-2.0-only
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace Sipc.Tests
{
    /// <summary>Timeouts in ms: Infinite waits, 0 never waits, more about that long.</summary>
    public class TimeoutTests : ChannelTest
    {
        const long Slack = 1000;	// scheduling on a busy 2-core machine

        static void Within(long min, Stopwatch w)
        {
            long took = w.ElapsedMilliseconds;
            Assert.True(took >= min && took < min + Slack, "took " + took + " ms, want " + min);
        }

        /// <summary>Next: ETIMEDOUT after the timeout, EAGAIN at once.</summary>
        [Test]
        public void NextTimesOut()
        {
            using (var rx = new Receiver(Chan)) {
                foreach (int ms in new[] { 50, 300 }) {
                    var w = Stopwatch.StartNew();
                    Expect(Errno.ETIMEDOUT, "sipc_next", () => rx.Next(ms));
                    Within(ms, w);
                }
                var w0 = Stopwatch.StartNew();
                Expect(Errno.EAGAIN, "sipc_next", () => rx.Next(0));
                Within(0, w0);
            }
        }

        /// <summary>A timed-out Acquire keeps its progress.</summary>
        [Test]
        public void AcquireTimesOutThenCompletes()
        {
            using (var tx = new Sender(Chan))
            using (var rx = new Receiver(Chan)) {
                tx.Buffer()[0] = (byte)'x';
                tx.Commit(1, 0);
                var w = Stopwatch.StartNew();
                Expect(Errno.ETIMEDOUT, "sipc_acquire", () => tx.Acquire(100));
                Within(100, w);
                Assert.Equal((byte)'x', rx.Next(1000)[0]);
                var errors = new List<Exception>();
                var t = Spawn(() => rx.Done(5000), errors);
                tx.Acquire(5000);
                Join(t, errors);
            }
        }

        /// <summary>Done and SendEof time out.</summary>
        [Test]
        public void DoneAndSendEofTimeOut()
        {
            using (var tx = new Sender(Chan))
            using (var rx = new Receiver(Chan)) {
                tx.Commit(1, 0);
                Expect(Errno.ETIMEDOUT, "sipc_send_eof", () => tx.SendEof(50));
                rx.Next(1000);
                var w = Stopwatch.StartNew();
                Expect(Errno.ETIMEDOUT, "sipc_done", () => rx.Done(100));
                Within(100, w);
            }
        }

        /// <summary>Reserve times out while the receiver holds the region.</summary>
        [Test]
        public void ReserveTimesOut()
        {
            using (var tx = new Sender(Chan)) {
                tx.Reserve();
                tx.Publish(1, 0);
                var w = Stopwatch.StartNew();
                Expect(Errno.ETIMEDOUT, "sipc_reserve", () => tx.Reserve(100));
                Within(100, w);
            }
        }

        /// <summary>
        /// The runtime's own signals (Mono stops threads for its garbage
        /// collector) interrupt SysV waits: the binding calls again, with the
        /// time left, and the caller never sees EINTR.
        /// </summary>
        [Test]
        public void GarbageCollectionDoesNotCutWaits()
        {
            int stop = 0;
            var gc = new Thread(() => {
                while (Volatile.Read(ref stop) == 0) {
                    GC.Collect();
                    Thread.Sleep(2);
                }
            });
            gc.Start();
            try {
                using (var rx = new Receiver(Chan)) {
                    var errors = new List<Exception>();
                    var waited = new ManualResetEventSlim();
                    var late = Spawn(() => {
                        Thread.Sleep(500);
                        using (var tx = new Sender(Chan)) {
                            tx.Send(new byte[] { 7 });
                            // Open until the second wait is over: on the
                            // kernel backend a sender that left ends it
                            // with EPIPE.
                            waited.Wait(30000);
                        }
                    }, errors);
                    Assert.Equal((byte)7, rx.Next()[0]);
                    var w = Stopwatch.StartNew();
                    Expect(Errno.ETIMEDOUT, "sipc_next", () => rx.Next(500));
                    Within(500, w);
                    waited.Set();
                    Join(late, errors);
                }
            } finally {
                Volatile.Write(ref stop, 1);
                gc.Join();
            }
        }

        /// <summary>A wait without a limit returns as soon as the message comes.</summary>
        [Test]
        public void BlockingWaitIsWoken()
        {
            byte[] got = null;
            var errors = new List<Exception>();
            var t = Spawn(() => {
                using (var rx = new Receiver(Chan))
                    got = rx.Recv();
            }, errors);
            Thread.Sleep(200);
            using (var tx = new Sender(Chan)) {
                var w = Stopwatch.StartNew();
                tx.Send(new byte[] { 1, 2, 3 });
                Join(t, errors);
                Within(0, w);
            }
            Assert.Bytes(new byte[] { 1, 2, 3 }, got);
        }
    }
}
