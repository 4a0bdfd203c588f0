// SPDX-License-Identifier: LGPL-2.1-or-later
using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Sipc
{
    /// <summary>
    /// The sending end of a channel: maps the region read-write.
    /// </summary>
    /// <remarks>
    /// Zero copy: write into <see cref="Buffer"/> after opening or
    /// <see cref="Acquire"/>, then <see cref="Commit"/>; or, the fast path
    /// of libsipc 0.2, <see cref="Reserve"/> then <see cref="Publish"/>.
    /// Copy: <see cref="Send(ReadOnlySpan{byte})"/>.
    /// </remarks>
    public sealed unsafe class Sender : Channel
    {
        /// <summary>Open a channel as its sender and map the region read-write.</summary>
        /// <param name="name">Channel name.</param>
        /// <exception cref="SipcException">ENOENT, EINVAL, ENAMETOOLONG, EBUSY (kernel:
        /// the role is taken), EACCES, EMFILE, ENOMEM, ENODEV.</exception>
        public Sender(string name) : base(name, Role.Sender)
        {
        }

        /// <summary>A writable view of the whole region, valid until the next
        /// commit, send, publish or Dispose.</summary>
        /// <exception cref="SipcException">EBADF.</exception>
        public ChannelView Buffer()
        {
            byte* p;
            UIntPtr cap;
            Native.Check(Native.sipc_buffer(handle, &p, &cap), "sipc_buffer");
            return View(p, cap, false);
        }

        /// <summary>Hand the first length bytes of the region to the receiver.
        /// Does not wait for the receiver to read them; invalidates the views.</summary>
        /// <param name="length">Bytes of the message.</param>
        /// <param name="millisecondsTimeout">How long to wait for room in the queue.</param>
        /// <exception cref="SipcException">EBUSY (still committed: Acquire first),
        /// EMSGSIZE, EAGAIN, ETIMEDOUT, EIDRM, EBADF.</exception>
        public void Commit(long length, int millisecondsTimeout = Timeout.Infinite)
        {
            UIntPtr len = Native.Size(length, "length");
            var d = new Native.Deadline(millisecondsTimeout);
            int r;
            while (d.Again(r = Native.sipc_commit(handle, len, d.Ms))) {
            }
            Native.Check(r, "sipc_commit");
            InvalidateViews();
        }

        /// <summary>Wait until the receiver is done with the last message, so
        /// that the region may be written again.  Returns at once if nothing is
        /// committed; a call that times out keeps its progress.</summary>
        /// <param name="millisecondsTimeout">How long to wait.</param>
        /// <exception cref="SipcException">EAGAIN, ETIMEDOUT, EIDRM, EBADF.</exception>
        public void Acquire(int millisecondsTimeout = Timeout.Infinite)
        {
            var d = new Native.Deadline(millisecondsTimeout);
            int r;
            while (d.Again(r = Native.sipc_acquire(handle, d.Ms))) {
            }
            Native.Check(r, "sipc_acquire");
        }

        /// <summary>Mark the end of the stream (after acquiring the region).</summary>
        /// <param name="millisecondsTimeout">How long to wait.</param>
        /// <exception cref="SipcException">EAGAIN, ETIMEDOUT, EIDRM, EBADF.</exception>
        public void SendEof(int millisecondsTimeout = Timeout.Infinite)
        {
            var d = new Native.Deadline(millisecondsTimeout);
            int r;
            while (d.Again(r = Native.sipc_send_eof(handle, d.Ms))) {
            }
            Native.Check(r, "sipc_send_eof");
        }

        /// <summary>Copy a message into the region and commit it, waiting as long
        /// as needed for the region.</summary>
        /// <param name="data">The message.</param>
        /// <exception cref="SipcException">EMSGSIZE (longer than the region), EIDRM,
        /// EBADF.</exception>
        public void Send(ReadOnlySpan<byte> data)
        {
            var d = new Native.Deadline(Timeout.Infinite);
            int r;
            fixed (byte* p = &MemoryMarshal.GetReference(data)) {
                while (d.Again(r = Native.sipc_send(handle, p, new UIntPtr((uint)data.Length)))) {
                }
            }
            Native.Check(r, "sipc_send");
            InvalidateViews();
        }

        /// <summary>Copy data[offset, offset + count) into the region and commit it.</summary>
        /// <param name="data">The bytes.</param>
        /// <param name="offset">Where the message starts in data.</param>
        /// <param name="count">Its length.</param>
        /// <exception cref="SipcException">As <see cref="Send(ReadOnlySpan{byte})"/>.</exception>
        public void Send(byte[] data, int offset, int count)
        {
            Send(new ReadOnlySpan<byte>(data, offset, count));
        }

        /// <summary>The fast path (libsipc 0.2): wait until the next buffer to fill
        /// is free -- the whole region, or on a multi-slot channel the slots in
        /// turn -- and return a writable view of it, valid until Publish.</summary>
        /// <param name="millisecondsTimeout">How long to wait.</param>
        /// <exception cref="SipcException">EAGAIN, ETIMEDOUT (progress is kept: call
        /// again), EIDRM, EACCES, EBADF.</exception>
        public ChannelView Reserve(int millisecondsTimeout = Timeout.Infinite)
        {
            byte* p;
            UIntPtr cap;
            var d = new Native.Deadline(millisecondsTimeout);
            int r;
            while (d.Again(r = Native.sipc_reserve(handle, &p, &cap, d.Ms))) {
            }
            Native.Check(r, "sipc_reserve");
            return View(p, cap, false);
        }

        /// <summary>The fast path (libsipc 0.2): hand the first length bytes of the
        /// reserved buffer to the receiver, then wait until the next buffer is
        /// free -- on a one-region channel until the receiver released this
        /// message, so the receiver must run in another thread or process.
        /// Returns once the message is queued (a wait cut short is finished by
        /// Reserve); invalidates the views.</summary>
        /// <param name="length">Bytes of the message.</param>
        /// <param name="millisecondsTimeout">How long to wait.</param>
        /// <exception cref="SipcException">Having sent nothing: EMSGSIZE, EBUSY
        /// (Reserve first), EAGAIN, ETIMEDOUT, EIDRM, EACCES, EBADF.</exception>
        public void Publish(long length, int millisecondsTimeout = Timeout.Infinite)
        {
            UIntPtr len = Native.Size(length, "length");
            var d = new Native.Deadline(millisecondsTimeout);
            int r;
            while (d.Again(r = Native.sipc_publish(handle, len, d.Ms))) {
            }
            Native.Check(r, "sipc_publish");
            InvalidateViews();
        }
    }
}
