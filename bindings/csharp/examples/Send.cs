// SPDX-License-Identifier: GPL-2.0-only
// Send.exe CHANNEL - send standard input through a channel: read into the
// region, commit, end the stream.
//   sipc-helper demo; mono Recv.exe demo > out & mono Send.exe demo < in
using System;
using System.IO;
using Sipc;

static class Send
{
    static void Main(string[] args)
    {
        Stream input = Console.OpenStandardInput();
        using (var tx = new Sender(args[0])) {
            for (;;) {
                tx.Acquire();                       // the receiver is done with the last one
                Span<byte> buf = tx.Buffer().Span;  // the region, writable
                int n = 0, got;
                while (n < buf.Length && (got = input.Read(buf.Slice(n))) > 0)
                    n += got;
                if (n == 0)
                    break;
                tx.Commit(n);
            }
            tx.SendEof();
        }
    }
}
