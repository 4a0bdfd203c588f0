// SPDX-License-Identifier: GPL-2.0-only
package org.sipc.examples;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

import org.sipc.Receiver;
import org.sipc.View;

/**
 * Write what arrives on a channel to standard output, straight from the
 * read-only region, until the end of the stream.
 *
 * <pre>sipc-helper demo; java ...Recv demo &gt; out &amp; java ...Send demo &lt; in</pre>
 */
public final class Recv {
    public static void main(String[] args) throws Exception {
        FileChannel out = new FileOutputStream(FileDescriptor.out).getChannel();
        try (Receiver rx = new Receiver(args[0])) {
            for (View m; (m = rx.next()) != null; rx.done()) {
                ByteBuffer data = m.byteBuffer();   // read-only, in place
                while (data.hasRemaining()) {
                    out.write(data);
                }
            }
        }
    }
}
