using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Threading;

namespace AtlasApiKeys.Core.Platform;

/// <summary>Loads OpenSSL on the thread pool when a session opens on Linux, once a process, so that loading it (about
/// 13 ms in a cold process here) overlaps the session's first connection instead of following it. A digest session
/// needs it for MD5 as soon as the first 401 arrives; an https session needs it for the TLS handshake, which otherwise
/// waits for it after the DNS lookup and the TCP connect. Linux only: Windows' CNG and SChannel come with the system,
/// macOS's libraries are Apple's (not measured), .NET Framework never; nothing when no crypto is coming (a service
/// account over plain http to loopback, as in tests).</summary>
internal static class CryptoWarmup
{
    private static int started;

    /// <summary>True once a warm-up has been queued in this process.</summary>
    public static bool Started => Volatile.Read(ref started) != 0;

    /// <summary>Queues the warm-up when <see cref="Wanted"/> says so for this platform; at most once a process.</summary>
    public static void Start(bool digest, Uri baseUri)
    {
        if (!Wanted(digest, baseUri.Scheme == Uri.UriSchemeHttps, RuntimeEdition.IsDesktop, RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            || Interlocked.Exchange(ref started, 1) != 0)
        {
            return;
        }

        ThreadPool.UnsafeQueueUserWorkItem(static state => Load((bool)state!), digest);
    }

    /// <summary>The decision: some crypto is coming (digest's MD5, or TLS), and it is OpenSSL, loaded on first use.</summary>
    internal static bool Wanted(bool digest, bool https, bool desktop, bool linux) => (digest || https) && !desktop && linux;

    private static void Load(bool digest)
    {
        try
        {
            using HashAlgorithm hash = digest && FipsHashing.Md5Available ? FipsHashing.Md5() : FipsHashing.Sha256();
            hash.ComputeHash(Array.Empty<byte>());
        }
#pragma warning disable CA1031 // nothing may escape a thread-pool work item: it would end the process
        catch (Exception)
        {
            // Only a head start (a missing or unsupported libssl throws a TypeInitializationException here): the
            // signing or the handshake meets the same problem on the caller's thread and reports it there.
        }
#pragma warning restore CA1031
    }
}
