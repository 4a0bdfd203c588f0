// SPDX-License-Identifier: LGPL-2.1-or-later
using System;
using System.IO;

namespace Sipc
{
    /// <summary>
    /// A libsipc call failed.  Carries the error number (<see cref="Errno"/>,
    /// compare with the <see cref="Sipc.Errno"/> constants) and the C function
    /// that returned it; the message is libsipc's text for the number.
    /// </summary>
    public class SipcException : IOException
    {
        /// <summary>An exception for a libsipc result.</summary>
        /// <param name="errno">The error number, positive or negative.</param>
        /// <param name="function">The C function that failed, e.g. "sipc_open".</param>
        public SipcException(int errno, string function)
            : base(function + ": " + Library.StrError(errno) + " (errno " + Math.Abs(errno) + ")")
        {
            Errno = Math.Abs(errno);
            Function = function;
        }

        /// <summary>The error number, positive, e.g. <see cref="Sipc.Errno.ETIMEDOUT"/>.</summary>
        public int Errno { get; private set; }

        /// <summary>The C function that failed, e.g. "sipc_next".</summary>
        public string Function { get; private set; }

        /// <summary>libsipc's text for the error number alone.</summary>
        public string StrError { get { return Library.StrError(Errno); } }
    }

    /// <summary>
    /// The error numbers libsipc reports (Linux values), for comparing with
    /// <see cref="SipcException.Errno"/>.
    /// </summary>
    public static class Errno
    {
        /// <summary>No such channel.</summary>
        public const int ENOENT = 2;
        /// <summary>Interrupted by a signal: never thrown, the binding calls again.</summary>
        public const int EINTR = 4;
        /// <summary>Closed handle, or a call for the other role.</summary>
        public const int EBADF = 9;
        /// <summary>Would have to wait, and the timeout is 0.</summary>
        public const int EAGAIN = 11;
        /// <summary>Out of memory.</summary>
        public const int ENOMEM = 12;
        /// <summary>Refused by the policy, revoked, or a foreign registry directory.</summary>
        public const int EACCES = 13;
        /// <summary>Role taken (kernel backend), or the buffer is still committed.</summary>
        public const int EBUSY = 16;
        /// <summary>The channel name is taken.</summary>
        public const int EEXIST = 17;
        /// <summary>Kernel backend asked for, and no /dev/sipc.</summary>
        public const int ENODEV = 19;
        /// <summary>A bad argument: name, size, depth, role.</summary>
        public const int EINVAL = 22;
        /// <summary>Too many open handles.</summary>
        public const int EMFILE = 24;
        /// <summary>A limit on channels or memory was reached.</summary>
        public const int ENOSPC = 28;
        /// <summary>The sender left without ending the stream (kernel backend).</summary>
        public const int EPIPE = 32;
        /// <summary>The channel name is too long.</summary>
        public const int ENAMETOOLONG = 36;
        /// <summary>The channel was destroyed.</summary>
        public const int EIDRM = 43;
        /// <summary>A malformed message in the queue.</summary>
        public const int EPROTO = 71;
        /// <summary>A message longer than the region, or than the copy buffer.</summary>
        public const int EMSGSIZE = 90;
        /// <summary>Not on this backend (revoke, descriptors and slots on sysv).</summary>
        public const int EOPNOTSUPP = 95;
        /// <summary>The timeout passed.</summary>
        public const int ETIMEDOUT = 110;
    }
}
