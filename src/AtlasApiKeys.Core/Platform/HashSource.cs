namespace AtlasApiKeys.Core.Platform;

/// <summary>Where a hash comes from.</summary>
internal enum HashSource
{
    /// <summary><c>SHA256.Create()</c> / <c>MD5.Create()</c>: fine on .NET, and for MD5 on .NET Framework without FIPS policy.</summary>
    Default,

    /// <summary>The Windows CryptoAPI implementation (SHA256CryptoServiceProvider): FIPS-validated on
    /// .NET Framework, where <c>SHA256.Create()</c> gives SHA256Managed, which throws under FIPS policy.</summary>
    CryptoServiceProvider,

    /// <summary>Not available: MD5 on a host whose policy allows only FIPS algorithms.</summary>
    Forbidden,
}
