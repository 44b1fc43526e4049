using System;
using System.Security.Cryptography;

namespace AtlasApiKeys.Core.Platform;

/// <summary>Hashes that work on a FIPS-mode Windows host. On .NET Framework with the policy
/// "System cryptography: Use FIPS compliant algorithms" on, the managed SHA-256 and every MD5 throw;
/// SHA-256 then comes from CryptoAPI, and MD5 (which digest auth with API keys needs) is refused with
/// an error that names the way out: a service account.</summary>
internal static class FipsHashing
{
    /// <summary>What to tell a person whose host forbids MD5.</summary>
    public const string Md5ForbiddenMessage =
        "Digest authentication with an API key needs MD5, which this Windows host's FIPS policy "
        + "(System cryptography: Use FIPS compliant algorithms) does not allow. Connect with a service account instead: "
        + "Connect-Atlas -ServiceAccount (Get-Credential), client id as user name and secret as password.";

    /// <summary>True when the host allows only FIPS-validated algorithms (always false on .NET).</summary>
    public static bool FipsOnly => CryptoConfig.AllowOnlyFipsAlgorithms;

    /// <summary>The decision for one algorithm on one host.</summary>
    internal static HashSource Choose(bool sha256, bool desktop, bool fipsOnly) => (sha256, desktop, fipsOnly) switch
    {
        (true, true, _) => HashSource.CryptoServiceProvider,
        (true, false, _) => HashSource.Default,
        (false, _, true) => HashSource.Forbidden,
        (false, _, false) => HashSource.Default,
    };

    /// <summary>True when MD5 can be had on this host.</summary>
    public static bool Md5Available => Choose(sha256: false, RuntimeEdition.IsDesktop, FipsOnly) != HashSource.Forbidden;

    /// <summary>A SHA-256 that works on this host.</summary>
    public static HashAlgorithm Sha256() => Create(sha256: true, Choose(sha256: true, RuntimeEdition.IsDesktop, FipsOnly));

    /// <summary>An MD5; throws <see cref="InvalidOperationException"/> with <see cref="Md5ForbiddenMessage"/> under FIPS policy.</summary>
    public static HashAlgorithm Md5() => Create(sha256: false, Choose(sha256: false, RuntimeEdition.IsDesktop, FipsOnly));

    internal static HashAlgorithm Create(bool sha256, HashSource source)
    {
#pragma warning disable CA5351 // MD5 is what RFC 7616 and Atlas's digest auth use; it is not our choice of cipher.
#pragma warning disable SYSLIB0021 // the providers are chosen on .NET Framework only (its FIPS policy), never on .NET 8
        return (sha256, source) switch
        {
            (_, HashSource.Forbidden) => throw new InvalidOperationException(Md5ForbiddenMessage),
            (true, HashSource.CryptoServiceProvider) => new SHA256CryptoServiceProvider(),
            (true, _) => SHA256.Create(),
            (false, HashSource.CryptoServiceProvider) => new MD5CryptoServiceProvider(),
            (false, _) => MD5.Create(),
        };
#pragma warning restore SYSLIB0021
#pragma warning restore CA5351
    }
}
