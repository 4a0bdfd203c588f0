// SPDX-License-Identifier: LGPL-2.1-or-later
namespace Sipc
{
    /// <summary>Bits of <see cref="ChannelStat.State"/> (SIPC_STATE_*).</summary>
    [System.Flags]
    public enum ChannelState : uint
    {
        /// <summary>No bit set.</summary>
        None = 0,
        /// <summary>A sender endpoint exists.</summary>
        Sender = 1,
        /// <summary>A receiver endpoint exists.</summary>
        Receiver = 2,
        /// <summary>The last sender left, none since.</summary>
        SenderHup = 4,
        /// <summary>Destroyed, awaiting the last close.</summary>
        Destroyed = 8,
    }

    /// <summary>Bits of <see cref="ChannelStat.Flags"/> (SIPC_STAT_*): which fields are known.</summary>
    [System.Flags]
    public enum StatFlags : uint
    {
        /// <summary>No bit set.</summary>
        None = 0,
        /// <summary>State is meaningful.</summary>
        State = 1,
        /// <summary>The counters are meaningful.</summary>
        Counters = 2,
        /// <summary>CreateFlags is known (libsipc 0.4).</summary>
        CreateFlags = 4,
    }

    /// <summary>Creation flags (SIPC_CREATE_*), for <see cref="Channel.CreateFlags"/>.</summary>
    [System.Flags]
    public enum CreateFlags : uint
    {
        /// <summary>No flag.</summary>
        None = 0,
        /// <summary>A sealed channel: the sender cannot change a published
        /// message until the receiver releases it (kernel backend only).</summary>
        Sealed = 2,
    }

    /// <summary>
    /// What <see cref="Channel.Stat"/> reports (struct sipc_stat).  Queued,
    /// Attached and the counters show what the receiver does: they are a
    /// backchannel (see sipc(7)).
    /// </summary>
    public sealed class ChannelStat
    {
        internal ChannelStat(Native.Stat s)
        {
            Id = s.Id; Size = s.Size; Depth = s.Depth; Queued = s.Queued;
            State = (ChannelState)s.State; Flags = (StatFlags)s.Flags;
            CreatorPid = s.CreatorPid; CreatorUid = s.CreatorUid; Attached = s.Attached;
            MsgsSent = s.MsgsSent; MsgsReceived = s.MsgsReceived; BytesSent = s.BytesSent;
            CreationFlags = (CreateFlags)s.CreateFlags;
        }

        /// <summary>Unique id of the channel.</summary>
        public ulong Id { get; private set; }
        /// <summary>Region bytes (page-rounded).</summary>
        public ulong Size { get; private set; }
        /// <summary>Control queue depth.</summary>
        public uint Depth { get; private set; }
        /// <summary>Messages waiting in the queue now.</summary>
        public uint Queued { get; private set; }
        /// <summary>State bits, if Flags has StatFlags.State.</summary>
        public ChannelState State { get; private set; }
        /// <summary>Which fields are known.</summary>
        public StatFlags Flags { get; private set; }
        /// <summary>Process id of the creator.</summary>
        public uint CreatorPid { get; private set; }
        /// <summary>User id of the creator.</summary>
        public uint CreatorUid { get; private set; }
        /// <summary>Endpoints (kernel) or shared memory attaches (sysv).</summary>
        public uint Attached { get; private set; }
        /// <summary>Messages sent since creation, if Flags has StatFlags.Counters.</summary>
        public ulong MsgsSent { get; private set; }
        /// <summary>Messages received since creation, if Flags has StatFlags.Counters.</summary>
        public ulong MsgsReceived { get; private set; }
        /// <summary>Bytes of data sent since creation, if Flags has StatFlags.Counters.</summary>
        public ulong BytesSent { get; private set; }
        /// <summary>Creation flags, if Flags has StatFlags.CreateFlags.</summary>
        public CreateFlags CreationFlags { get; private set; }
    }
}
