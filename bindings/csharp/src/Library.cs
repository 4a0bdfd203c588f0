// SPDX-License-Identifier: LGPL-2.1-or-later
using System;

namespace Sipc
{
    /// <summary>Roles of a channel's endpoints (SIPC_ROLE_*).</summary>
    public enum Role
    {
        /// <summary>Maps the region read-write and sends.</summary>
        Sender = 1,
        /// <summary>Maps the region read-only and receives.</summary>
        Receiver = 2,
    }

    /// <summary>Endpoints to revoke (SIPC_REVOKE_*).</summary>
    [Flags]
    public enum RevokeRoles
    {
        /// <summary>The sender.</summary>
        Sender = 1,
        /// <summary>The receiver.</summary>
        Receiver = 2,
    }

    /// <summary>The backend, error texts and the constants of sipc.h.</summary>
    public static class Library
    {
        /// <summary>Bytes of a name buffer, NUL included: names are shorter.</summary>
        public const int NameMax = 64;
        /// <summary>Largest control queue depth.</summary>
        public const int QueueDepthMax = 64;
        /// <summary>Most slots of a multi-slot channel.</summary>
        public const int SlotsMax = 65;
        /// <summary>Region size the tools use when none is given.</summary>
        public const int DefaultSize = 1024 * 1024;

        /// <summary>libsipc's text for an error number, positive or negative.</summary>
        public static string StrError(int errno)
        {
            return Native.Text(Native.sipc_strerror(errno));
        }

        /// <summary>
        /// The backend in use, "kernel" or "sysv"; null when SIPC_BACKEND holds
        /// an unknown value (every other call then fails with EINVAL).
        /// </summary>
        public static string Backend
        {
            get { return Native.Text(Native.sipc_backend()); }
        }
    }
}
