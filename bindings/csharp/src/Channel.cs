// SPDX-License-Identifier: LGPL-2.1-or-later
using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;

namespace Sipc
{
    /// <summary>
    /// An open handle on a channel, the base of <see cref="Sender"/> and
    /// <see cref="Receiver"/>; its static methods are the calls on channels
    /// by name (the helper's and the administrator's side).
    /// </summary>
    /// <remarks>
    /// Dispose it (<c>using</c>) to release the views, close the handle and
    /// unmap the region.  There is no finalizer: a span taken from a
    /// <see cref="ChannelView"/> may still point into the region, so only
    /// an explicit Dispose unmaps it.  A channel never disposed stays open
    /// until the process exits.  Timeouts are in milliseconds:
    /// <see cref="Timeout.Infinite"/> (-1, the default) waits as long as
    /// needed, 0 never waits (EAGAIN where a call would).
    /// </remarks>
    public abstract class Channel : IDisposable
    {
        readonly List<ChannelView> views = new List<ChannelView>();	// not yet invalidated

        /// <summary>The libsipc handle; -1 once closed, so that calls get EBADF.</summary>
        internal volatile int handle;

        internal unsafe Channel(string name, Role role)
        {
            Name = name;
            handle = Native.Check(Native.sipc_open(Native.Name(name), (int)role), "sipc_open");
            UIntPtr cap;
            int r = Native.sipc_buffer(handle, null, &cap);
            if (r < 0) {
                Native.sipc_close(handle);
                Native.Check(r, "sipc_buffer");
            }
            Capacity = (long)cap.ToUInt64();
        }

        /// <summary>The channel's name.</summary>
        public string Name { get; private set; }

        /// <summary>Bytes of the region: the longest message.</summary>
        public long Capacity { get; private set; }

        /// <summary>False once disposed.</summary>
        public bool IsOpen { get { return handle >= 0; } }

        /// <summary>Slots of the channel, 1 for one region (libsipc 0.2).</summary>
        /// <exception cref="SipcException">EBADF.</exception>
        public int Slots
        {
            get { return Native.Check(Native.sipc_slots(handle), "sipc_slots"); }
        }

        /// <summary>
        /// A descriptor for poll or epoll: readable when a receiver has a
        /// message waiting, writable when a sender's queue has room.  Do not
        /// read, write or close it.
        /// </summary>
        /// <exception cref="SipcException">EBADF, EOPNOTSUPP on the sysv backend.</exception>
        public int Fd
        {
            get { return Native.Check(Native.sipc_fd(handle), "sipc_fd"); }
        }

        /// <summary>
        /// Invalidate the views, close the handle and unmap the region.
        /// Does nothing when already closed.
        /// </summary>
        public void Dispose()
        {
            int h;
            lock (views) {
                h = handle;
                if (h < 0)
                    return;
                InvalidateViews();
                handle = -1;
            }
            Native.Check(Native.sipc_close(h), "sipc_close");
        }

        /// <summary>The same as <see cref="Dispose"/>.</summary>
        public void Close()
        {
            Dispose();
        }

        internal unsafe ChannelView View(byte* p, UIntPtr len, bool readOnly)
        {
            ulong n = len.ToUInt64();
            var v = new ChannelView(p, n > int.MaxValue ? int.MaxValue : (int)n, readOnly, Name);
            lock (views)
                views.Add(v);
            return v;
        }

        /// <summary>The data stopped being the caller's: fail every later access.</summary>
        internal void InvalidateViews()
        {
            lock (views) {
                foreach (ChannelView v in views)
                    v.Invalidate();
                views.Clear();
            }
        }

        /// <summary>A description, with the handle.</summary>
        public override string ToString()
        {
            int h = handle;
            return GetType().Name + "[" + Name + (h < 0 ? ", closed]" : ", handle " + h + "]");
        }

        /// <summary>Create a channel with a region of size bytes (rounded up to
        /// whole pages) and a control queue of depth messages (0 means 1).</summary>
        /// <param name="name">Channel name: 1 to 63 printable ASCII bytes, no '/'.</param>
        /// <param name="size">Region bytes.</param>
        /// <param name="depth">Queue depth, up to <see cref="Library.QueueDepthMax"/>.</param>
        /// <exception cref="SipcException">EEXIST, EINVAL, ENAMETOOLONG, ENOSPC,
        /// ENOMEM, EACCES, ENODEV.</exception>
        public static void Create(string name, long size, int depth = 1)
        {
            Native.Check(Native.sipc_create(Native.Name(name), Native.Size(size, "size"),
                (uint)Native.Size(depth, "depth").ToUInt32()), "sipc_create");
        }

        /// <summary>Create a multi-slot channel (libsipc 0.2): slots slots of
        /// size bytes and a queue of slots - 1, so that the sender fills one
        /// slot while the receiver reads another.</summary>
        /// <param name="name">Channel name.</param>
        /// <param name="size">Bytes of each slot, rounded up to whole pages.</param>
        /// <param name="slots">0 or 1 for one region, up to <see cref="Library.SlotsMax"/>.</param>
        /// <exception cref="SipcException">As <see cref="Create"/>, and EOPNOTSUPP
        /// for more than one slot on the sysv backend.</exception>
        public static void CreateSlots(string name, long size, int slots)
        {
            Native.Check(Native.sipc_create_slots(Native.Name(name), Native.Size(size, "size"),
                Native.Size(slots, "slots").ToUInt32()), "sipc_create_slots");
        }

        /// <summary>Create a channel as <see cref="CreateSlots"/> with creation
        /// flags (libsipc 0.4): <see cref="Sipc.CreateFlags.Sealed"/> makes a
        /// sealed channel.</summary>
        /// <param name="name">Channel name.</param>
        /// <param name="size">Bytes of the region (slots 0 or 1) or of each slot.</param>
        /// <param name="slots">0 or 1 for one region, up to <see cref="Library.SlotsMax"/>.</param>
        /// <param name="flags">Creation flags.</param>
        /// <exception cref="SipcException">As <see cref="CreateSlots"/>, EINVAL for an
        /// unknown flag, EOPNOTSUPP for Sealed on the sysv backend.</exception>
        public static void CreateFlags(string name, long size, int slots, CreateFlags flags)
        {
            Native.Check(Native.sipc_create_flags(Native.Name(name), Native.Size(size, "size"),
                Native.Size(slots, "slots").ToUInt32(), (uint)flags), "sipc_create_flags");
        }

        /// <summary>Destroy a channel: the name goes at once, blocked peers wake
        /// with EIDRM, the memory goes with the last user.</summary>
        /// <param name="name">Channel name.</param>
        /// <exception cref="SipcException">ENOENT, EINVAL, ENAMETOOLONG, EACCES, ENODEV.</exception>
        public static void Destroy(string name)
        {
            Native.Check(Native.sipc_destroy(Native.Name(name)), "sipc_destroy");
        }

        /// <summary>Revoke endpoints of a channel (kernel backend only): their
        /// mappings go, their calls fail with EACCES.</summary>
        /// <param name="name">Channel name.</param>
        /// <param name="roles">The endpoints to revoke.</param>
        /// <exception cref="SipcException">ENOENT, EINVAL, EACCES, ENODEV, and
        /// EOPNOTSUPP on the sysv backend.</exception>
        public static void Revoke(string name, RevokeRoles roles)
        {
            Native.Check(Native.sipc_revoke(Native.Name(name), (uint)roles), "sipc_revoke");
        }

        /// <summary>Revoke as <see cref="Revoke"/>, naming the channel by its
        /// id (<see cref="ChannelStat.Id"/>): this reaches a channel that was
        /// destroyed while a peer still holds it (kernel backend only).</summary>
        /// <param name="id">The channel's id.</param>
        /// <param name="roles">The endpoints to revoke.</param>
        /// <exception cref="SipcException">ENOENT, EINVAL, EACCES, ENODEV, and
        /// EOPNOTSUPP on the sysv backend.</exception>
        public static void RevokeId(ulong id, RevokeRoles roles)
        {
            Native.Check(Native.sipc_revoke_id(id, (uint)roles), "sipc_revoke_id");
        }

        /// <summary>Revoke both roles of a channel, then destroy it: no mapping
        /// outlives the call (kernel backend only).</summary>
        /// <param name="name">Channel name.</param>
        /// <exception cref="SipcException">As <see cref="Destroy"/>, and
        /// EOPNOTSUPP on the sysv backend.</exception>
        public static void DestroyRevoke(string name)
        {
            Native.Check(Native.sipc_destroy_revoke(Native.Name(name)), "sipc_destroy_revoke");
        }

        /// <summary>The names of the channels that exist now.</summary>
        /// <exception cref="SipcException">EACCES, ENODEV, EINVAL.</exception>
        public static string[] List()
        {
            uint count = 0;
            for (;;) {
                var buf = new byte[count * Library.NameMax];
                int total = Native.Check(Native.sipc_list(count > 0 ? buf : null, count), "sipc_list");
                if (total <= count) {
                    var names = new string[total];
                    for (int i = 0; i < total; i++) {
                        int at = i * Library.NameMax;
                        int end = Array.IndexOf(buf, (byte)0, at, Library.NameMax);
                        names[i] = Encoding.ASCII.GetString(buf, at, (end < 0 ? at + Library.NameMax : end) - at);
                    }
                    return names;
                }
                count = (uint)total + 8;	// more may appear meanwhile
            }
        }

        /// <summary>Describe a channel.</summary>
        /// <param name="name">Channel name.</param>
        /// <exception cref="SipcException">ENOENT, EINVAL, ENAMETOOLONG, EACCES, ENODEV.</exception>
        public static ChannelStat Stat(string name)
        {
            Native.Stat st;
            Native.Check(Native.sipc_stat(Native.Name(name), out st), "sipc_stat");
            return new ChannelStat(st);
        }

        delegate int TextCall(byte[] name, byte[] buf, UIntPtr size);

        static string Text(TextCall call, string function, string name)
        {
            byte[] raw = Native.Name(name);
            int size = 256;
            for (;;) {
                var buf = new byte[size];
                int len = Native.Check(call(raw, buf, new UIntPtr((uint)size)), function);
                if (len < size)
                    return Encoding.UTF8.GetString(buf, 0, len);
                size = len + 1;
            }
        }

        /// <summary>The security context of the process that created a channel;
        /// empty when no LSM provides one.</summary>
        /// <param name="name">Channel name.</param>
        /// <exception cref="SipcException">ENOENT, EINVAL, ENAMETOOLONG, EACCES, ENODEV.</exception>
        public static string Context(string name)
        {
            return Text(Native.sipc_context, "sipc_context", name);
        }

        /// <summary>The channel's own security label, the one its endpoints are
        /// checked against; empty on the sysv backend and when no LSM labels
        /// channels.</summary>
        /// <param name="name">Channel name.</param>
        /// <exception cref="SipcException">ENOENT, EINVAL, ENAMETOOLONG, EACCES, ENODEV.</exception>
        public static string Label(string name)
        {
            return Text(Native.sipc_label, "sipc_label", name);
        }

        /// <summary>Open a channel in a role (sipc_open).</summary>
        /// <param name="name">Channel name.</param>
        /// <param name="role">The role.</param>
        /// <returns>A <see cref="Sender"/> or a <see cref="Receiver"/>.</returns>
        /// <exception cref="SipcException">As the constructors; EINVAL for another role.</exception>
        public static Channel Open(string name, Role role)
        {
            if (role == Role.Sender)
                return new Sender(name);
            if (role == Role.Receiver)
                return new Receiver(name);
            throw new SipcException(-Errno.EINVAL, "sipc_open");	// what libsipc says of it
        }
    }
}
