// SPDX-License-Identifier: GPL-2.0-only
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Sipc.Tests
{
    /// <summary>The binding covers libsipc: every exported function, the constants.</summary>
    public class ApiTests : ChannelTest
    {
        /// <summary>The source tree, from build/bindings/csharp/SipcTests.exe.</summary>
        static string Top
        {
            get {
                string dir = Path.GetDirectoryName(typeof(ApiTests).Assembly.Location);
                return Path.GetFullPath(Path.Combine(dir, "..", "..", ".."));
            }
        }

        /// <summary>Each symbol of lib/libsipc.map has a DllImport.</summary>
        [Test]
        public void EveryExportedFunctionIsImported()
        {
            var exported = Regex.Matches(File.ReadAllText(Path.Combine(Top, "lib/libsipc.map")),
                    @"^\s*(sipc_\w+);", RegexOptions.Multiline)
                .Cast<Match>().Select(m => m.Groups[1].Value).OrderBy(s => s).ToList();
            Type native = typeof(Channel).Assembly.GetType("Sipc.Native");
            var imported = native.GetMethods(BindingFlags.Static | BindingFlags.NonPublic)
                .Where(m => m.GetCustomAttributes(typeof(DllImportAttribute), false).Length > 0)
                .Select(m => m.Name).OrderBy(s => s).ToList();
            Assert.Equal(string.Join(" ", exported), string.Join(" ", imported), "functions");
        }

        /// <summary>#define NAME literal from the headers.</summary>
        static Dictionary<string, long> Defines()
        {
            var found = new Dictionary<string, long>();
            foreach (string h in new[] { "lib/include/sipc.h", "include/uapi/linux/sipc.h" }) {
                foreach (Match m in Regex.Matches(File.ReadAllText(Path.Combine(Top, h)),
                        @"^#define\s+(SIPC_\w+)\s+\(?(\d+)U?(?:\s*(<<|\*)\s*(\d+))?\)?", RegexOptions.Multiline)) {
                    long v = long.Parse(m.Groups[2].Value);
                    if (m.Groups[3].Value == "<<")
                        v <<= int.Parse(m.Groups[4].Value);
                    else if (m.Groups[3].Value == "*")
                        v *= long.Parse(m.Groups[4].Value);
                    found[m.Groups[1].Value] = v;
                }
            }
            found["SIPC_SLOTS_MAX"] = found["SIPC_QUEUE_DEPTH_MAX"] + 1;	// defined from it
            return found;
        }

        /// <summary>The binding's constants are the headers'.</summary>
        [Test]
        public void ConstantsMatchHeaders()
        {
            var c = Defines();
            Assert.Equal(c["SIPC_NAME_MAX"], (long)Library.NameMax, "NameMax");
            Assert.Equal(c["SIPC_QUEUE_DEPTH_MAX"], (long)Library.QueueDepthMax, "QueueDepthMax");
            Assert.Equal(c["SIPC_SLOTS_MAX"], (long)Library.SlotsMax, "SlotsMax");
            Assert.Equal(c["SIPC_DEFAULT_SIZE"], (long)Library.DefaultSize, "DefaultSize");
            Assert.Equal(c["SIPC_ROLE_SENDER"], (long)Role.Sender, "Role.Sender");
            Assert.Equal(c["SIPC_ROLE_RECEIVER"], (long)Role.Receiver, "Role.Receiver");
            Assert.Equal(c["SIPC_REVOKE_SENDER"], (long)RevokeRoles.Sender, "RevokeRoles.Sender");
            Assert.Equal(c["SIPC_REVOKE_RECEIVER"], (long)RevokeRoles.Receiver, "RevokeRoles.Receiver");
            Assert.Equal(c["SIPC_STATE_SENDER"], (long)ChannelState.Sender, "ChannelState.Sender");
            Assert.Equal(c["SIPC_STATE_RECEIVER"], (long)ChannelState.Receiver, "ChannelState.Receiver");
            Assert.Equal(c["SIPC_STATE_SENDER_HUP"], (long)ChannelState.SenderHup, "ChannelState.SenderHup");
            Assert.Equal(c["SIPC_STATE_DESTROYED"], (long)ChannelState.Destroyed, "ChannelState.Destroyed");
            Assert.Equal(c["SIPC_STAT_STATE"], (long)StatFlags.State, "StatFlags.State");
            Assert.Equal(c["SIPC_STAT_COUNTERS"], (long)StatFlags.Counters, "StatFlags.Counters");
            Assert.Equal(c["SIPC_STAT_CREATE_FLAGS"], (long)StatFlags.CreateFlags, "StatFlags.CreateFlags");
            Assert.Equal(c["SIPC_CREATE_SEALED"], (long)CreateFlags.Sealed, "CreateFlags.Sealed");
        }

        /// <summary>struct sipc_stat has the C size (reserved fields included).</summary>
        [Test]
        public void StatStructSize()
        {
            Type stat = typeof(Channel).Assembly.GetType("Sipc.Native+Stat");
            Assert.Equal(104, Marshal.SizeOf(stat), "sizeof(struct sipc_stat)");	// C: 104 on x86-64
        }
    }
}
