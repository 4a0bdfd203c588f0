// SPDX-License-Identifier: LGPL-2.1-or-later
using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Sipc
{
    /// <summary>
    /// The P/Invoke declarations of libsipc.so.1 (lib/include/sipc.h,
    /// LIBSIPC_0.1 and 0.2), and the conversions they need.  Names are
    /// passed as NUL-terminated UTF-8 bytes, sizes as size_t (UIntPtr).
    /// </summary>
    internal static unsafe class Native
    {
        const string Lib = "libsipc.so.1";

        /// <summary>struct sipc_stat.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct Stat
        {
            internal ulong Id, Size;
            internal uint Depth, Queued, State, Flags, CreatorPid, CreatorUid, Attached, CreateFlags;
            internal ulong MsgsSent, MsgsReceived, BytesSent;
            internal ulong Reserved1, Reserved2, Reserved3, Reserved4;
        }

        [DllImport(Lib)] internal static extern IntPtr sipc_strerror(int err);
        [DllImport(Lib)] internal static extern IntPtr sipc_backend();
        [DllImport(Lib)] internal static extern int sipc_create(byte[] name, UIntPtr size, uint depth);
        [DllImport(Lib)] internal static extern int sipc_destroy(byte[] name);
        [DllImport(Lib)] internal static extern int sipc_revoke(byte[] name, uint roles);
        [DllImport(Lib)] internal static extern int sipc_revoke_id(ulong id, uint roles);
        [DllImport(Lib)] internal static extern int sipc_destroy_revoke(byte[] name);
        [DllImport(Lib)] internal static extern int sipc_list(byte[] names, uint count);
        [DllImport(Lib)] internal static extern int sipc_stat(byte[] name, out Stat st);
        [DllImport(Lib)] internal static extern int sipc_context(byte[] name, byte[] buf, UIntPtr size);
        [DllImport(Lib)] internal static extern int sipc_label(byte[] name, byte[] buf, UIntPtr size);
        [DllImport(Lib)] internal static extern int sipc_open(byte[] name, int role);
        [DllImport(Lib)] internal static extern int sipc_close(int h);
        [DllImport(Lib)] internal static extern int sipc_fd(int h);
        [DllImport(Lib)] internal static extern int sipc_buffer(int h, byte** buf, UIntPtr* cap);
        [DllImport(Lib)] internal static extern int sipc_commit(int h, UIntPtr len, int timeoutMs);
        [DllImport(Lib)] internal static extern int sipc_acquire(int h, int timeoutMs);
        [DllImport(Lib)] internal static extern int sipc_send_eof(int h, int timeoutMs);
        [DllImport(Lib)] internal static extern int sipc_send(int h, byte* buf, UIntPtr len);
        [DllImport(Lib)] internal static extern int sipc_next(int h, byte** data, UIntPtr* len, int timeoutMs);
        [DllImport(Lib)] internal static extern int sipc_done(int h, int timeoutMs);
        [DllImport(Lib)] internal static extern int sipc_recv(int h, byte* buf, UIntPtr cap, UIntPtr* len);
        [DllImport(Lib)] internal static extern int sipc_create_slots(byte[] name, UIntPtr size, uint slots);
        [DllImport(Lib)] internal static extern int sipc_create_flags(byte[] name, UIntPtr size, uint slots, uint flags);
        [DllImport(Lib)] internal static extern int sipc_slots(int h);
        [DllImport(Lib)] internal static extern int sipc_reserve(int h, byte** buf, UIntPtr* cap, int timeoutMs);
        [DllImport(Lib)] internal static extern int sipc_publish(int h, UIntPtr len, int timeoutMs);

        /// <summary>The C form of a channel name; a NUL cannot be passed to C.</summary>
        internal static byte[] Name(string name)
        {
            if (name == null)
                throw new ArgumentNullException("name");
            if (name.IndexOf('\0') >= 0)
                throw new ArgumentException("embedded NUL in channel name", "name");
            byte[] raw = Encoding.UTF8.GetBytes(name);
            Array.Resize(ref raw, raw.Length + 1);
            return raw;
        }

        /// <summary>A size_t argument: C would read a negative one as huge.</summary>
        internal static UIntPtr Size(long value, string what)
        {
            if (value < 0)
                throw new ArgumentOutOfRangeException(what, "must not be negative");
            return new UIntPtr((ulong)value);
        }

        /// <summary>Return r, or throw its SipcException when negative.</summary>
        internal static int Check(int r, string function)
        {
            if (r < 0)
                throw new SipcException(r, function);
            return r;
        }

        /// <summary>
        /// The timeout of a call that may wait, across its repeats.  EINTR is
        /// the runtime's business (Mono stops threads with signals for its
        /// garbage collector), never the caller's: the call is repeated with
        /// the time left; libsipc keeps the progress of an interrupted call.
        /// <code>while (d.Again(r = call(d.Ms))) {}</code>
        /// </summary>
        internal struct Deadline
        {
            readonly int timeout;
            readonly long end;

            /// <summary>The timeout to pass to the next try.</summary>
            internal int Ms;

            internal Deadline(int millisecondsTimeout)
            {
                if (millisecondsTimeout < -1)
                    throw new ArgumentOutOfRangeException("millisecondsTimeout",
                        "must be Timeout.Infinite (-1), 0 or positive");
                timeout = Ms = millisecondsTimeout;
                end = Stopwatch.GetTimestamp() + (long)millisecondsTimeout * Stopwatch.Frequency / 1000;
            }

            /// <summary>Whether result r calls for another try (EINTR).</summary>
            internal bool Again(int r)
            {
                if (r != -Errno.EINTR)
                    return false;
                if (timeout > 0) {
                    long left = (end - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency;
                    Ms = (int)Math.Max(1, Math.Min(left + 1, int.MaxValue));
                }
                return true;
            }
        }

        /// <summary>A C string, or null.</summary>
        internal static string Text(IntPtr p)
        {
            return p == IntPtr.Zero ? null : Marshal.PtrToStringAnsi(p);
        }
    }
}
