// SPDX-License-Identifier: GPL-2.0-only
// Recv.exe CHANNEL - write what arrives on a channel to standard output,
// straight from the read-only region, until the end of the stream.
//   sipc-helper demo; mono Recv.exe demo > out & mono Send.exe demo < in
using System;
using System.IO;
using Sipc;

static class Recv
{
    static void Main(string[] args)
    {
        Stream output = Console.OpenStandardOutput();
        using (var rx = new Receiver(args[0])) {
            for (ChannelView m; (m = rx.Next()) != null; rx.Done())
                output.Write(m.ReadOnlySpan);       // read-only, in place
        }
        output.Flush();
    }
}
