using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using AtlasApiKeys.Core.Errors;
using AtlasApiKeys.Core.Platform;

namespace AtlasApiKeys.Core.Http;

/// <summary>A cached challenge with its nonce count: signs any number of requests with one nonce.</summary>
internal sealed class DigestNonceState
{
    private readonly string? ha1;
    private long nonceCount;

    public DigestNonceState(DigestChallenge challenge, string userName, string password)
        : this(challenge, userName, password, FipsHashing.Md5Available)
    {
    }

    /// <summary>With <paramref name="md5Available"/> false (a FIPS host) an MD5 challenge is kept, and
    /// signing with it fails with an error that points to service accounts.</summary>
    internal DigestNonceState(DigestChallenge challenge, string userName, string password, bool md5Available)
    {
        Challenge = challenge;
        UserName = userName;
        var needsMd5 = challenge.Algorithm is DigestAlgorithm.Md5 or DigestAlgorithm.Md5Sess;
        ha1 = needsMd5 && !md5Available ? null : DigestAlgorithms.Hash(challenge.Algorithm, $"{userName}:{challenge.Realm}:{password}");
    }

    public DigestChallenge Challenge { get; }

    public string UserName { get; }

    /// <summary>The Authorization parameters for one request; each call takes the next nc.</summary>
    public string Sign(string method, string requestUri)
    {
        if (ha1 is null)
        {
            var path = requestUri.Split('?')[0];
            throw new AtlasApiException(FipsHashing.Md5ForbiddenMessage, AtlasFailureKind.Api, method, path, errorCode: "DIGEST_MD5_FIPS_POLICY");
        }

        var nc = Interlocked.Increment(ref nonceCount);
        var ncText = nc.ToString("x8", CultureInfo.InvariantCulture);
        var cnonce = NewCnonce();
        var response = DigestSigner.Response(Challenge, ha1, method, requestUri, ncText, cnonce);
        var builder = new StringBuilder(256);
        Append(builder, "username", UserName, quoted: true);
        Append(builder, "realm", Challenge.Realm, quoted: true);
        Append(builder, "nonce", Challenge.Nonce, quoted: true);
        Append(builder, "uri", requestUri, quoted: true);
        Append(builder, "algorithm", DigestAlgorithms.Name(Challenge.Algorithm), quoted: false);
        if (Challenge.QopAuth)
        {
            Append(builder, "qop", "auth", quoted: false);
            Append(builder, "nc", ncText, quoted: false);
            Append(builder, "cnonce", cnonce, quoted: true);
        }

        Append(builder, "response", response, quoted: true);
        if (Challenge.Opaque is not null)
        {
            Append(builder, "opaque", Challenge.Opaque, quoted: true);
        }

        return builder.ToString();
    }

    private static void Append(StringBuilder builder, string name, string value, bool quoted)
    {
        if (builder.Length > 0)
        {
            builder.Append(", ");
        }

        builder.Append(name).Append('=');
        if (!quoted)
        {
            builder.Append(value);
            return;
        }

        builder.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        builder.Append('"');
    }

    private static string NewCnonce()
    {
        var bytes = new byte[12];
        using (var rng = RandomNumberGenerator.Create())
        {
            rng.GetBytes(bytes);
        }

        return DigestAlgorithms.ToHex(bytes);
    }
}

/// <summary>The RFC 7616 response computation, shared by the client and (in tests) the stub's verifier.</summary>
internal static class DigestSigner
{
    public static string Response(DigestChallenge challenge, string ha1, string method, string uri, string nc, string cnonce)
    {
        var algorithm = challenge.Algorithm;
        var sessionHa1 = DigestAlgorithms.IsSession(algorithm)
            ? DigestAlgorithms.Hash(algorithm, $"{ha1}:{challenge.Nonce}:{cnonce}")
            : ha1;
        var ha2 = DigestAlgorithms.Hash(algorithm, $"{method}:{uri}");
        return challenge.QopAuth
            ? DigestAlgorithms.Hash(algorithm, $"{sessionHa1}:{challenge.Nonce}:{nc}:{cnonce}:auth:{ha2}")
            : DigestAlgorithms.Hash(algorithm, $"{sessionHa1}:{challenge.Nonce}:{ha2}");
    }
}
