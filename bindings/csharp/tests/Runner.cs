// SPDX-License-Identifier: GPL-2.0-only
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Threading;

namespace Sipc.Tests
{
    /// <summary>Marks a test method of a <see cref="ChannelTest"/> class.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class TestAttribute : Attribute
    {
    }

    /// <summary>
    /// A plain test runner printing TAP: every [Test] method of this
    /// assembly, each on a fresh instance (SetUp, test, TearDown) with a
    /// time limit, then the suite-wide leak check.  Exit status 1 when
    /// anything failed.
    /// </summary>
    public static class Runner
    {
        // A hung wait fails its test, not the suite: 30 s, or
        // SIPC_TEST_TIME_LIMIT (bindings/guest-run.sh, under TCG).
        static readonly int TimeLimitMs = 1000 * ChannelTest.EnvInt("SIPC_TEST_TIME_LIMIT", 30);
        static int n;
        static bool failed;

        static void Line(bool ok, string name, string why)
        {
            n++;
            failed |= !ok;
            string text = "csharp " + name + (ok ? "" : " (" + why + ")");
            Console.WriteLine((ok ? "ok " : "not ok ") + n + " - " + text.Replace('\n', ' ').Replace('#', '_'));
        }

        static string Run(Type type, MethodInfo method, out string skip)
        {
            Exception error = null;
            skip = null;
            var t = new Thread(() => {
                var test = (ChannelTest)Activator.CreateInstance(type);
                try {
                    test.SetUp();
                    try {
                        method.Invoke(test, null);
                    } finally {
                        test.TearDown();
                    }
                } catch (TargetInvocationException e) {
                    error = e.InnerException;
                } catch (Exception e) {
                    error = e;
                }
            });
            t.IsBackground = true;
            t.Start();
            if (!t.Join(TimeLimitMs))
                return "ran longer than " + TimeLimitMs / 1000 + " s";
            if (error == null)
                return null;
            if (error is SkipException) {
                skip = error.Message;
                return null;
            }
            Console.Error.WriteLine(type.Name + "." + method.Name + ": " + error);
            return error.GetType().Name + ": " + error.Message;
        }

        /// <summary>Run the tests named on the command line, or all of them.</summary>
        public static int Main(string[] args)
        {
            if (args.Length == 1 && args[0] == "--unknown-backend")
                return UnknownBackend();
            var tests = (from type in typeof(Runner).Assembly.GetTypes()
                         where type.IsSubclassOf(typeof(ChannelTest)) && !type.IsAbstract
                         from m in type.GetMethods()
                         where m.GetCustomAttributes(typeof(TestAttribute), false).Length > 0
                         where args.Length == 0 || args.Contains(type.Name)
                         orderby type.Name, m.Name
                         select new { type, m }).ToList();
            Console.WriteLine("1.." + (tests.Count + 1));
            foreach (var x in tests) {
                string why = Run(x.type, x.m, out string skip);
                if (skip != null)
                    Console.WriteLine("ok " + ++n + " - csharp " + x.type.Name + "." + x.m.Name +
                                      " # SKIP " + skip.Replace("\n", " ").Replace("#", "_"));
                else
                    Line(why == null, x.type.Name + "." + x.m.Name, why);
            }
            var leaks = SysvInfo.Leftovers(Process.GetCurrentProcess().Id);
            Line(leaks.Count == 0, ChannelTest.Kernel ? "no channel or endpoint mapping left by the suite"
                 : "no registry entry or SysV segment left by the suite",
                string.Join("; ", leaks));
            return failed ? 1 : 0;
        }

        /// <summary>Run with SIPC_BACKEND=bogus: no backend, every call EINVAL.</summary>
        static int UnknownBackend()
        {
            if (Library.Backend != null)
                return 1;
            try {
                Channel.Create("x", 4096);
            } catch (SipcException e) {
                return e.Errno == Errno.EINVAL ? 0 : 2;
            }
            return 3;
        }
    }

    /// <summary>Assertions that throw with a message.</summary>
    public static class Assert
    {
        /// <summary>cond holds.</summary>
        public static void True(bool cond, string what = "condition")
        {
            if (!cond)
                throw new Exception("assertion failed: " + what);
        }

        /// <summary>expected.Equals(actual).</summary>
        public static void Equal<T>(T expected, T actual, string what = "value")
        {
            if (!Equals(expected, actual))
                throw new Exception(what + ": expected <" + expected + ">, got <" + actual + ">");
        }

        /// <summary>The two arrays hold the same bytes.</summary>
        public static void Bytes(byte[] expected, byte[] actual, string what = "bytes")
        {
            True(actual != null && expected.SequenceEqual(actual), what + " differ");
        }

        /// <summary>call throws a T (or a subclass).</summary>
        public static T Throws<T>(Action call) where T : Exception
        {
            try {
                call();
            } catch (T e) {
                return e;
            }
            throw new Exception("no " + typeof(T).Name + " thrown");
        }
    }
}
