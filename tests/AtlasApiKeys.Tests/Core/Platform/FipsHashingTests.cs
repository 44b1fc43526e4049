using System;
using System.Security.Cryptography;
using System.Text;
using AtlasApiKeys.Core.Platform;
using Xunit;

namespace AtlasApiKeys.Tests.Core.Platform;

/// <summary>Hashes that a FIPS-mode .NET Framework host allows; MD5 refused there with a way out.</summary>
public sealed class FipsHashingTests
{
    [Theory]
    [InlineData(true, true, false, HashSource.CryptoServiceProvider)]
    [InlineData(true, true, true, HashSource.CryptoServiceProvider)]
    [InlineData(true, false, false, HashSource.Default)]
    [InlineData(false, true, false, HashSource.Default)]
    [InlineData(false, true, true, HashSource.Forbidden)]
    [InlineData(false, false, false, HashSource.Default)]
    internal void The_hash_comes_from_where_the_host_allows(bool sha256, bool desktop, bool fipsOnly, HashSource expected) =>
        Assert.Equal(expected, FipsHashing.Choose(sha256, desktop, fipsOnly));

    [Theory]
    [InlineData(true, HashSource.CryptoServiceProvider, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData(true, HashSource.Default, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData(false, HashSource.Default, "900150983cd24fb0d6963f7d28e17f72")]
    internal void Every_source_computes_the_same_hash(bool sha256, HashSource source, string expected)
    {
        using var hash = FipsHashing.Create(sha256, source);

        Assert.Equal(expected, Convert.ToHexStringLower(hash.ComputeHash(Encoding.UTF8.GetBytes("abc"))));
    }

    [Fact]
    public void The_CryptoAPI_source_is_not_the_managed_implementation()
    {
        using var hash = FipsHashing.Create(sha256: true, HashSource.CryptoServiceProvider);

#pragma warning disable SYSLIB0021
        Assert.IsType<SHA256CryptoServiceProvider>(hash);
#pragma warning restore SYSLIB0021
    }

    [Fact]
    public void MD5_on_a_FIPS_host_is_refused_with_the_way_out()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => FipsHashing.Create(sha256: false, HashSource.Forbidden));

        Assert.Contains("FIPS", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Connect-Atlas -ServiceAccount", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void This_host_is_not_FIPS_only() => Assert.True(FipsHashing.Md5Available);
}
