// SPDX-License-Identifier: LGPL-2.1-or-later
package org.sipc;

/**
 * What {@link Sipc#stat(String)} reports about a channel
 * ({@code struct sipc_stat}).  {@code state} is meaningful when
 * {@code flags} has {@link Sipc#STAT_STATE}, the counters when it has
 * {@link Sipc#STAT_COUNTERS} (kernel backend).  {@code queued},
 * {@code attached} and the counters show what the receiver does: they are
 * a backchannel (see sipc(7)).
 *
 * @param id           unique id of the channel
 * @param size         region bytes (page-rounded)
 * @param depth        control queue depth
 * @param queued       messages waiting in the queue now
 * @param state        {@code Sipc.STATE_*} bits
 * @param flags        {@code Sipc.STAT_*} bits: which fields are known
 * @param creatorPid   process id of the creator
 * @param creatorUid   user id of the creator
 * @param attached     endpoints (kernel) or shared memory attaches (sysv)
 * @param msgsSent     messages sent since creation
 * @param msgsReceived messages received since creation
 * @param bytesSent    bytes of data sent since creation
 * @param createFlags  {@code Sipc.CREATE_*} bits, if
 *                     {@code flags & Sipc.STAT_CREATE_FLAGS}
 */
public record ChannelStat(long id, long size, int depth, int queued, int state,
        int flags, int creatorPid, int creatorUid, int attached, long msgsSent,
        long msgsReceived, long bytesSent, int createFlags) {

    static ChannelStat of(long[] f) {
        return new ChannelStat(f[0], f[1], (int) f[2], (int) f[3], (int) f[4],
                (int) f[5], (int) f[6], (int) f[7], (int) f[8], f[9], f[10], f[11],
                (int) f[12]);
    }
}
