using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Threading;

namespace AtlasApiKeys.Core.Platform;

/// <summary>Loads the platform's crypto library on the thread pool when a session opens, once a process, so that
/// loading it (OpenSSL outside Windows: about 13 ms in a cold process here) overlaps the session's first
/// connection instead of following it. A digest session needs it for MD5 as soon as the first 401 arrives; an https
/// session needs it for the TLS handshake, which otherwise waits for it after the DNS lookup and the TCP connect.
/// Not on Windows (CNG and SChannel come with the system) nor on .NET Framework; nothing when neither is needed
/// (a service account over plain http to loopback, as in tests).</summary>
internal static class CryptoWarmup
{
    private static int started;

    /// <summary>True once a warm-up has been queued in this process.</summary>
    public static bool Started => Volatile.Read(ref started) != 0;

    /// <summary>Queues the warm-up when <see cref="Wanted"/> says so for this platform; at most once a process.</summary>
    public static void Start(bool digest, Uri baseUri)
    {
        if (!Wanted(digest, baseUri.Scheme == Uri.UriSchemeHttps, RuntimeEdition.IsDesktop, RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            || Interlocked.Exchange(ref started, 1) != 0)
        {
            return;
        }

        ThreadPool.UnsafeQueueUserWorkItem(static state => Load((bool)state!), digest);
    }

    /// <summary>The decision: some crypto is coming (digest's MD5, or TLS), and loading it is worth hiding.</summary>
    internal static bool Wanted(bool digest, bool https, bool desktop, bool windows) => (digest || https) && !desktop && !windows;

    private static void Load(bool digest)
    {
        try
        {
            using HashAlgorithm hash = digest && FipsHashing.Md5Available ? FipsHashing.Md5() : FipsHashing.Sha256();
            hash.ComputeHash(Array.Empty<byte>());
        }
        catch (CryptographicException)
        {
            // Only a head start: the signing or the handshake meets the same problem and reports it.
        }
        catch (PlatformNotSupportedException)
        {
        }
    }
}
