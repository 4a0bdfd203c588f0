// SPDX-License-Identifier: GPL-2.0-only
package org.sipc.examples;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

import org.sipc.Sender;

/**
 * Send standard input through a channel, zero copy: read straight into the
 * region, commit, end the stream.
 *
 * <pre>sipc-helper demo; java ...Recv demo &gt; out &amp; java ...Send demo &lt; in</pre>
 */
public final class Send {
    public static void main(String[] args) throws Exception {
        FileChannel in = new FileInputStream(FileDescriptor.in).getChannel();
        try (Sender tx = new Sender(args[0])) {
            for (;;) {
                tx.acquire();                       // the receiver is done with the last one
                ByteBuffer buf = tx.buffer().byteBuffer();  // the region, writable
                while (buf.hasRemaining() && in.read(buf) > 0) {
                }
                if (buf.position() == 0) {
                    break;
                }
                tx.commit(buf.position());
            }
            tx.sendEof();
        }
    }
}
