// SPDX-License-Identifier: LGPL-2.1-or-later
using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Sipc
{
    /// <summary>
    /// The receiving end of a channel: maps the region read-only.
    /// </summary>
    /// <remarks>
    /// Zero copy: <see cref="Next"/> returns a read-only view of the message
    /// in the region, <see cref="Done"/> gives it back.  Copy:
    /// <see cref="Recv()"/>.
    /// </remarks>
    public sealed unsafe class Receiver : Channel
    {
        /// <summary>Open a channel as its receiver and map the region read-only.</summary>
        /// <param name="name">Channel name.</param>
        /// <exception cref="SipcException">ENOENT, EINVAL, ENAMETOOLONG, EBUSY (kernel:
        /// the role is taken), EACCES, EMFILE, ENOMEM, ENODEV.</exception>
        public Receiver(string name) : base(name, Role.Receiver)
        {
        }

        /// <summary>Wait for the next message and return a read-only view of it in
        /// the region, valid until Done, the next message or Dispose.</summary>
        /// <param name="millisecondsTimeout">How long to wait.</param>
        /// <returns>The view (possibly empty), or null at the end of the stream.</returns>
        /// <exception cref="SipcException">EAGAIN, ETIMEDOUT, EPIPE, EIDRM, EPROTO,
        /// EBADF.</exception>
        public ChannelView Next(int millisecondsTimeout = Timeout.Infinite)
        {
            InvalidateViews();
            byte* data;
            UIntPtr len;
            var d = new Native.Deadline(millisecondsTimeout);
            int r;
            while (d.Again(r = Native.sipc_next(handle, &data, &len, d.Ms))) {
            }
            return Native.Check(r, "sipc_next") == 0 ? null : View(data, len, true);
        }

        /// <summary>Tell the sender the current message is read: invalidates its
        /// view first.  Returns at once when no message is held.</summary>
        /// <param name="millisecondsTimeout">How long to wait.</param>
        /// <exception cref="SipcException">EAGAIN, ETIMEDOUT, EIDRM, EBADF.</exception>
        public void Done(int millisecondsTimeout = Timeout.Infinite)
        {
            InvalidateViews();
            var d = new Native.Deadline(millisecondsTimeout);
            int r;
            while (d.Again(r = Native.sipc_done(handle, d.Ms))) {
            }
            Native.Check(r, "sipc_done");
        }

        /// <summary>Copy the next message into buffer and release it, waiting as
        /// long as needed.</summary>
        /// <param name="buffer">Destination.</param>
        /// <returns>The message's length, or -1 at the end of the stream.</returns>
        /// <exception cref="SipcException">EMSGSIZE (longer than buffer: it is
        /// dropped), and the errors of <see cref="Next"/>.</exception>
        public int Recv(Span<byte> buffer)
        {
            InvalidateViews();
            UIntPtr len;
            byte spare;	// sipc_recv() wants a pointer even for 0 bytes
            var d = new Native.Deadline(Timeout.Infinite);
            int r;
            fixed (byte* p = &MemoryMarshal.GetReference(buffer)) {
                while (d.Again(r = Native.sipc_recv(handle, p != null ? p : &spare,
                        new UIntPtr((uint)buffer.Length), &len))) {
                }
            }
            return Native.Check(r, "sipc_recv") == 1 ? (int)len.ToUInt32() : -1;
        }

        /// <summary>Copy out the next message and release it, waiting as long as
        /// needed.</summary>
        /// <returns>The message, or null at the end of the stream.</returns>
        /// <exception cref="SipcException">As <see cref="Next"/> and <see cref="Done"/>.</exception>
        public byte[] Recv()
        {
            ChannelView m = Next();
            if (m == null)
                return null;
            byte[] copy = m.ToArray();
            Done();
            return copy;
        }
    }
}
