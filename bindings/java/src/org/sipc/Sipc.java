// SPDX-License-Identifier: LGPL-2.1-or-later
package org.sipc;

import java.lang.annotation.Native;

/**
 * Calls on channels by name (the helper's and the administrator's side),
 * the backend, error texts and the constants of {@code sipc.h}.
 *
 * <p>A helper creates a channel and exits; the peers then open it by name
 * with {@link Sender} and {@link Receiver}.  Every method here is one call
 * of libsipc and throws {@link SipcException} with its errno.
 */
public final class Sipc {
    private Sipc() {
    }

    /** Timeout: wait as long as needed. */
    @Native public static final int FOREVER = -1;
    /** Timeout: never wait ({@link Errno#EAGAIN} where a call would). */
    @Native public static final int NOW = 0;

    /** Role of a sender ({@code SIPC_ROLE_SENDER}). */
    @Native public static final int ROLE_SENDER = 1;
    /** Role of a receiver ({@code SIPC_ROLE_RECEIVER}). */
    @Native public static final int ROLE_RECEIVER = 2;
    /** {@link #revoke} the sender ({@code SIPC_REVOKE_SENDER}). */
    @Native public static final int REVOKE_SENDER = 1;
    /** {@link #revoke} the receiver ({@code SIPC_REVOKE_RECEIVER}). */
    @Native public static final int REVOKE_RECEIVER = 2;
    /** Bytes of a name buffer, NUL included: names are shorter. */
    @Native public static final int NAME_MAX = 64;
    /** Largest control queue depth. */
    @Native public static final int QUEUE_DEPTH_MAX = 64;
    /** Most slots of a multi-slot channel. */
    @Native public static final int SLOTS_MAX = 65;
    /** Region size the tools use when none is given. */
    @Native public static final int DEFAULT_SIZE = 1024 * 1024;
    /** {@link ChannelStat#state()}: a sender is attached. */
    @Native public static final int STATE_SENDER = 1;
    /** {@link ChannelStat#state()}: a receiver is attached. */
    @Native public static final int STATE_RECEIVER = 2;
    /** {@link ChannelStat#state()}: the last sender left, none since. */
    @Native public static final int STATE_SENDER_HUP = 4;
    /** {@link ChannelStat#state()}: destroyed, awaiting the last close. */
    @Native public static final int STATE_DESTROYED = 8;
    /** {@link ChannelStat#flags()}: {@code state} is meaningful. */
    @Native public static final int STAT_STATE = 1;
    /** {@link ChannelStat#flags()}: the counters are meaningful. */
    @Native public static final int STAT_COUNTERS = 2;
    /** {@link ChannelStat#flags()}: {@code createFlags} is known (libsipc 0.4). */
    @Native public static final int STAT_CREATE_FLAGS = 4;
    /**
     * {@link #createFlags}: a sealed channel, whose published messages the
     * sender cannot change until the receiver releases them (kernel only).
     */
    @Native public static final int CREATE_SEALED = 2;

    /**
     * libsipc's text for an error number.
     *
     * @param errno a positive or negative error number
     * @return the text, never null
     */
    public static String strerror(int errno) {
        return Jni.strerror(errno);
    }

    /**
     * The backend in use.
     *
     * @return {@code "kernel"} or {@code "sysv"}; null when
     *         {@code SIPC_BACKEND} holds an unknown value, and every other
     *         call then fails with {@link Errno#EINVAL}
     */
    public static String backend() {
        return Jni.backend();
    }

    /**
     * Create a channel with a control queue of depth 1.
     *
     * @param name channel name: 1 to 63 printable ASCII bytes, no '/'
     * @param size region bytes, rounded up to whole pages
     * @throws SipcException EEXIST, EINVAL, ENAMETOOLONG, ENOSPC, ENOMEM,
     *                       EACCES, ENODEV
     */
    public static void create(String name, long size) throws SipcException {
        create(name, size, 1);
    }

    /**
     * Create a channel.
     *
     * @param name  channel name: 1 to 63 printable ASCII bytes, no '/'
     * @param size  region bytes, rounded up to whole pages
     * @param depth control queue depth, 0 (meaning 1) to
     *              {@link #QUEUE_DEPTH_MAX}
     * @throws SipcException EEXIST, EINVAL, ENAMETOOLONG, ENOSPC, ENOMEM,
     *                       EACCES, ENODEV
     */
    public static void create(String name, long size, int depth) throws SipcException {
        Jni.create(name, Channel.size(size, "size"), (int) Channel.size(depth, "depth"));
    }

    /**
     * Create a multi-slot channel (libsipc 0.2): {@code slots} slots of
     * {@code size} bytes and a queue of {@code slots - 1}, so that the
     * sender fills one slot while the receiver reads another.
     *
     * @param name  channel name
     * @param size  bytes of each slot, rounded up to whole pages
     * @param slots 0 or 1 for one region, up to {@link #SLOTS_MAX}
     * @throws SipcException as {@link #create(String, long, int)}, and
     *                       EOPNOTSUPP for slots above 1 on the sysv backend
     */
    public static void createSlots(String name, long size, int slots) throws SipcException {
        Jni.createSlots(name, Channel.size(size, "size"), (int) Channel.size(slots, "slots"));
    }

    /**
     * Create a channel as {@link #createSlots} with creation flags (libsipc
     * 0.4): {@link #CREATE_SEALED} makes a sealed channel.
     *
     * @param name  channel name
     * @param size  bytes of the region (slots 0 or 1) or of each slot
     * @param slots 0 or 1 for one region, up to {@link #SLOTS_MAX}
     * @param flags {@code CREATE_*} bits
     * @throws SipcException as {@link #createSlots}, EINVAL for an unknown
     *                       flag, EOPNOTSUPP for CREATE_SEALED on sysv
     */
    public static void createFlags(String name, long size, int slots, int flags)
            throws SipcException {
        Jni.createFlags(name, Channel.size(size, "size"), (int) Channel.size(slots, "slots"),
                (int) Channel.size(flags, "flags"));
    }

    /**
     * Destroy a channel: the name goes at once, blocked peers wake with
     * {@link Errno#EIDRM}, the memory goes with the last user.
     *
     * @param name channel name
     * @throws SipcException ENOENT, EINVAL, ENAMETOOLONG, EACCES, ENODEV
     */
    public static void destroy(String name) throws SipcException {
        Jni.destroy(name);
    }

    /**
     * Revoke the endpoints of a channel (kernel backend only): their
     * mappings go, their calls fail with {@link Errno#EACCES}.
     *
     * @param name  channel name
     * @param roles {@link #REVOKE_SENDER}, {@link #REVOKE_RECEIVER} or both
     * @throws SipcException ENOENT, EINVAL, EACCES, ENODEV, and EOPNOTSUPP on
     *                       the sysv backend
     */
    public static void revoke(String name, int roles) throws SipcException {
        Jni.revoke(name, (int) Channel.size(roles, "roles"));
    }

    /**
     * Revoke as {@link #revoke}, naming the channel by its id
     * ({@link ChannelStat#id}): this reaches a channel that was destroyed
     * while a peer still holds it.  Kernel backend only.
     *
     * @param id    the channel's id (an unsigned 64-bit value)
     * @param roles {@link #REVOKE_SENDER}, {@link #REVOKE_RECEIVER} or both
     * @throws SipcException ENOENT, EINVAL, EACCES, ENODEV, and EOPNOTSUPP on
     *                       the sysv backend
     */
    public static void revokeId(long id, int roles) throws SipcException {
        Jni.revokeId(id, (int) Channel.size(roles, "roles"));
    }

    /**
     * Revoke both roles of a channel, then destroy it: no mapping outlives
     * the call.  Kernel backend only.
     *
     * @param name channel name
     * @throws SipcException as {@link #destroy}, and EOPNOTSUPP on the sysv
     *                       backend
     */
    public static void destroyRevoke(String name) throws SipcException {
        Jni.destroyRevoke(name);
    }

    /**
     * The channels that exist now.
     *
     * @return their names
     * @throws SipcException EACCES, ENODEV, EINVAL
     */
    public static String[] list() throws SipcException {
        return Jni.list();
    }

    /**
     * Describe a channel.
     *
     * @param name channel name
     * @return its description
     * @throws SipcException ENOENT, EINVAL, ENAMETOOLONG, EACCES, ENODEV
     */
    public static ChannelStat stat(String name) throws SipcException {
        return ChannelStat.of(Jni.stat(name));
    }

    /**
     * The security context of the process that created a channel.
     *
     * @param name channel name
     * @return the context, empty when no LSM provides one
     * @throws SipcException ENOENT, EINVAL, ENAMETOOLONG, EACCES, ENODEV
     */
    public static String context(String name) throws SipcException {
        return Jni.context(name);
    }

    /**
     * The channel's own security label, the one its endpoints are checked
     * against.
     *
     * @param name channel name
     * @return the label; empty on the sysv backend and when no LSM labels
     *         channels
     * @throws SipcException ENOENT, EINVAL, ENAMETOOLONG, EACCES, ENODEV
     */
    public static String label(String name) throws SipcException {
        return Jni.label(name);
    }
}
