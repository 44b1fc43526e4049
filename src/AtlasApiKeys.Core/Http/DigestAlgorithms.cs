using System;
using System.Text;
using AtlasApiKeys.Core.Platform;

namespace AtlasApiKeys.Core.Http;

internal enum DigestAlgorithm
{
    Unsupported,
    Md5,
    Md5Sess,
    Sha256,
    Sha256Sess,
}

internal static class DigestAlgorithms
{
    public static DigestAlgorithm Parse(string? name)
    {
        if (name is null || name.Length == 0)
        {
            return DigestAlgorithm.Md5;
        }

        return name.ToUpperInvariant() switch
        {
            "MD5" => DigestAlgorithm.Md5,
            "MD5-SESS" => DigestAlgorithm.Md5Sess,
            "SHA-256" => DigestAlgorithm.Sha256,
            "SHA-256-SESS" => DigestAlgorithm.Sha256Sess,
            _ => DigestAlgorithm.Unsupported,
        };
    }

    public static string Name(DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Md5 => "MD5",
        DigestAlgorithm.Md5Sess => "MD5-sess",
        DigestAlgorithm.Sha256 => "SHA-256",
        DigestAlgorithm.Sha256Sess => "SHA-256-sess",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>Higher is preferred when a server offers several.</summary>
    public static int Strength(DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Sha256 or DigestAlgorithm.Sha256Sess => 2,
        DigestAlgorithm.Md5 or DigestAlgorithm.Md5Sess => 1,
        _ => 0,
    };

    public static bool IsSession(DigestAlgorithm algorithm) =>
        algorithm is DigestAlgorithm.Md5Sess or DigestAlgorithm.Sha256Sess;

    /// <summary>Lower-case hex of the algorithm's hash of the UTF-8 text.</summary>
    public static string Hash(DigestAlgorithm algorithm, string text)
    {
        // FIPS-safe: CryptoAPI's SHA-256 on .NET Framework; MD5 throws where FIPS policy forbids it.
        using var hash = algorithm is DigestAlgorithm.Sha256 or DigestAlgorithm.Sha256Sess ? FipsHashing.Sha256() : FipsHashing.Md5();
        var bytes = hash.ComputeHash(Encoding.UTF8.GetBytes(text));
        return ToHex(bytes);
    }

    public static string ToHex(byte[] bytes)
    {
        const string digits = "0123456789abcdef";
        var chars = new char[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = digits[bytes[i] >> 4];
            chars[(2 * i) + 1] = digits[bytes[i] & 0xF];
        }

        return new string(chars);
    }
}
