// SPDX-License-Identifier: LGPL-2.1-or-later
using System;
using System.Collections.Generic;
using System.IO;

namespace Sipc
{
    /// <summary>
    /// A zero-copy view of a channel's region: the sender's buffer
    /// (writable) or a received message (read-only).
    /// </summary>
    /// <remarks>
    /// Valid while its data is the caller's: the sender's until the commit,
    /// send or publish, the receiver's until Done or the next message, both
    /// until the channel is disposed.  Every access through the view then
    /// throws <see cref="ObjectDisposedException"/>, and the streams from
    /// <see cref="AsStream"/> are disposed.  A <see cref="Span{T}"/> taken
    /// from <see cref="Span"/> or <see cref="ReadOnlySpan"/> cannot be
    /// invalidated: use it at once and do not keep it past the view's
    /// validity (after Dispose it points at unmapped memory).  Do not use a
    /// view in one thread while another disposes its channel.
    /// </remarks>
    public sealed unsafe class ChannelView
    {
        readonly byte* ptr;
        readonly string owner;
        readonly List<UnmanagedMemoryStream> streams = new List<UnmanagedMemoryStream>();
        volatile bool valid = true;

        internal ChannelView(byte* ptr, int length, bool readOnly, string owner)
        {
            this.ptr = ptr;
            Length = length;
            IsReadOnly = readOnly;
            this.owner = owner;
        }

        /// <summary>Bytes in the view: the message, or the sender's whole buffer
        /// (at most int.MaxValue).</summary>
        public int Length { get; private set; }

        /// <summary>True for a receiver's view.</summary>
        public bool IsReadOnly { get; private set; }

        /// <summary>False once the data is no longer the caller's.</summary>
        public bool IsValid { get { return valid; } }

        internal void Invalidate()
        {
            valid = false;
            lock (streams) {
                foreach (var s in streams)
                    s.Dispose();
                streams.Clear();
            }
        }

        void Check()
        {
            if (!valid)
                throw new ObjectDisposedException("ChannelView",
                    "sipc: view of " + owner + " is no longer valid (committed, done, or channel closed)");
        }

        void CheckWritable()
        {
            Check();
            if (IsReadOnly)
                throw new InvalidOperationException("sipc: a receiver's view is read-only");
        }

        /// <summary>The view as a read-only span, zero copy; checked now, never again.</summary>
        public ReadOnlySpan<byte> ReadOnlySpan
        {
            get { Check(); return new ReadOnlySpan<byte>(ptr, Length); }
        }

        /// <summary>The sender's view as a writable span, zero copy; checked now, never again.</summary>
        /// <exception cref="InvalidOperationException">On a receiver's view.</exception>
        public Span<byte> Span
        {
            get { CheckWritable(); return new Span<byte>(ptr, Length); }
        }

        /// <summary>One byte; setting it is for the sender's view only.</summary>
        /// <param name="index">Offset in the view.</param>
        public byte this[int index]
        {
            get { Check(); CheckIndex(index, 1); return ptr[index]; }
            set { CheckWritable(); CheckIndex(index, 1); ptr[index] = value; }
        }

        void CheckIndex(int index, int count)
        {
            if (index < 0 || count < 0 || index > Length - count)
                throw new ArgumentOutOfRangeException("index");
        }

        /// <summary>A copy of the whole view.</summary>
        public byte[] ToArray()
        {
            return ReadOnlySpan.ToArray();
        }

        /// <summary>Copy bytes into the sender's view.</summary>
        /// <param name="index">Offset in the view.</param>
        /// <param name="data">The bytes.</param>
        public void Write(int index, ReadOnlySpan<byte> data)
        {
            CheckWritable();
            CheckIndex(index, data.Length);
            data.CopyTo(new Span<byte>(ptr + index, Length - index));
        }

        /// <summary>
        /// A stream over the view, zero copy: read-only for a receiver,
        /// read-write for a sender.  Disposed when the view is invalidated,
        /// so that later use throws ObjectDisposedException.
        /// </summary>
        public UnmanagedMemoryStream AsStream()
        {
            Check();
            var s = new UnmanagedMemoryStream(ptr, Length, Length,
                IsReadOnly ? FileAccess.Read : FileAccess.ReadWrite);
            lock (streams)
                streams.Add(s);
            return s;
        }
    }
}
