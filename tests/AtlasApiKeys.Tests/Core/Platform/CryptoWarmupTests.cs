using AtlasApiKeys.Core.Platform;
using Xunit;

namespace AtlasApiKeys.Tests.Core.Platform;

/// <summary>When a new session loads the crypto library ahead of need: only when crypto is coming (digest's MD5
/// or a TLS handshake), and only where that library is OpenSSL, loaded on first use (Linux, not .NET Framework).
/// A fresh process's behaviour is checked in tests/Pester/Runbook.Tests.ps1.</summary>
public sealed class CryptoWarmupTests
{
    [Theory]
    [InlineData(true, false, false, true, true)]     // digest over http to loopback: MD5 after the first 401
    [InlineData(false, true, false, true, true)]     // a service account over https: the TLS handshake
    [InlineData(true, true, false, true, true)]
    [InlineData(false, false, false, true, false)]   // a service account over http to loopback: no crypto at all
    [InlineData(true, true, false, false, false)]    // Windows (CNG, SChannel) and macOS (Apple's libraries)
    [InlineData(true, true, true, false, false)]     // Windows PowerShell 5.1
    [InlineData(true, false, true, true, false)]
    public void Only_when_crypto_is_coming_and_it_is_OpenSSL(bool digest, bool https, bool desktop, bool linux, bool expected) =>
        Assert.Equal(expected, CryptoWarmup.Wanted(digest, https, desktop, linux));
}
