using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace AtlasApiKeys.StubServer;

/// <summary>What an Authorization header came to.</summary>
public sealed record AuthResult(bool Ok, string Scheme, string? Nc = null, bool Stale = false, string? Principal = null, string? Nonce = null);

/// <summary>Atlas-style authentication: digest (realm "MMS Public API", qop=auth, expiring nonces
/// answered with stale=true, replayed nc refused) and bearer tokens from the token endpoint.</summary>
public sealed class StubAuth(StubState state)
{
    public const string Realm = "MMS Public API";

    private readonly ConcurrentDictionary<string, NonceInfo> nonces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Expires, string? ClientId)> tokens = new(StringComparer.Ordinal);
    private int issuedCount;
    private int revoked;

    /// <summary>How long a nonce stays valid.</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an access token lives (expires_in).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The digest algorithms offered, one challenge each (Atlas offers MD5).</summary>
    public IReadOnlyList<string> Algorithms { get; set; } = ["MD5"];

    /// <summary>Tokens issued so far.</summary>
    public int TokensIssued => Volatile.Read(ref issuedCount);

    /// <summary>Tokens revoked through the revoke endpoint.</summary>
    public int TokensRevoked => Volatile.Read(ref revoked);

    /// <summary>Every secret that crossed the wire (tokens issued, digest response hashes received), for
    /// leak tests to look for in the client's output. In memory only: never logged or served.</summary>
    public ConcurrentBag<string> SecretsSeen { get; } = [];

    /// <summary>One WWW-Authenticate value per offered algorithm, each with a fresh nonce.</summary>
    public IEnumerable<string> Challenges(bool stale)
    {
        foreach (var algorithm in Algorithms)
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
            nonces[nonce] = new NonceInfo(DateTimeOffset.UtcNow, algorithm);
            yield return $"Digest realm=\"{Realm}\", domain=\"\", nonce=\"{nonce}\", algorithm={algorithm}, qop=\"auth\", stale={(stale ? "true" : "false")}";
        }
    }

    /// <summary>Makes every nonce expire now (the next signed request gets stale=true).</summary>
    public void ExpireNonces()
    {
        foreach (var (nonce, info) in nonces)
        {
            nonces[nonce] = info with { Issued = DateTimeOffset.MinValue };
        }
    }

    /// <summary>Makes every access token invalid (as if revoked).</summary>
    public void RevokeTokens() => tokens.Clear();

    public string IssueToken(string? clientId = null)
    {
        var token = "eyJ" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '-').Replace('/', '_');
        tokens[token] = (DateTimeOffset.UtcNow + TokenLifetime, clientId);
        Interlocked.Increment(ref issuedCount);
        SecretsSeen.Add(token);
        return token;
    }

    /// <summary>Revokes <paramref name="token"/> for <paramref name="clientId"/>. An unknown or expired
    /// token is no error (RFC 7009: the client cannot act on it); a token issued to another client is.</summary>
    public StubRevokeOutcome Revoke(string token, string clientId)
    {
        if (!tokens.TryGetValue(token, out var issued))
        {
            return StubRevokeOutcome.Unknown;
        }

        if (issued.ClientId is not null && issued.ClientId != clientId)
        {
            return StubRevokeOutcome.OtherClient;
        }

        if (tokens.TryRemove(token, out _))
        {
            Interlocked.Increment(ref revoked);
        }

        return StubRevokeOutcome.Revoked;
    }

    public StubServiceAccount? CheckBasic(string? header)
    {
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':');
        if (colon < 0)
        {
            return null;
        }

        var account = state.FindServiceAccount(Uri.UnescapeDataString(decoded[..colon]));
        return account is not null && account.ClientSecret == Uri.UnescapeDataString(decoded[(colon + 1)..]) ? account : null;
    }

    public AuthResult Check(string? header, string method, string rawTarget)
    {
        if (header is null)
        {
            return new AuthResult(false, "none");
        }

        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = header[7..].Trim();
            var ok = tokens.TryGetValue(token, out var issued) && issued.Expires > DateTimeOffset.UtcNow;
            return new AuthResult(ok, "bearer", Principal: ok ? issued.ClientId ?? "service account" : null);
        }

        return header.StartsWith("Digest ", StringComparison.OrdinalIgnoreCase)
            ? CheckDigest(ParseParams(header[7..]), method, rawTarget)
            : new AuthResult(false, "other");
    }

    private AuthResult CheckDigest(Dictionary<string, string> p, string method, string rawTarget)
    {
        string Get(string name) => p.GetValueOrDefault(name) ?? string.Empty;
        var nc = p.GetValueOrDefault("nc");
        if (p.GetValueOrDefault("response") is { Length: > 0 } hash)
        {
            SecretsSeen.Add(hash);
        }

        var fail = new AuthResult(false, "digest", nc, Nonce: p.GetValueOrDefault("nonce"));
        if (Get("realm") != Realm || Get("uri") != rawTarget || Get("qop") != "auth" || nc is null
            || !nonces.TryGetValue(Get("nonce"), out var info)
            || !string.Equals(Get("algorithm") is { Length: > 0 } a ? a : "MD5", info.Algorithm, StringComparison.OrdinalIgnoreCase))
        {
            return fail;
        }

        var key = state.FindKeyByPublicKey(Get("username"));
        if (key is null)
        {
            return fail;
        }

        var expected = ExpectedResponse(info.Algorithm, key.PublicKey, Realm, key.PrivateKey, Get("nonce"), nc, Get("cnonce"), method, rawTarget);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(Get("response"))))
        {
            return fail;
        }

        if (info.Issued + NonceLifetime < DateTimeOffset.UtcNow)
        {
            return fail with { Stale = true };
        }

        lock (info.SeenNc)
        {
            if (!info.SeenNc.Add(nc))
            {
                return fail; // a replayed nonce count
            }
        }

        return new AuthResult(true, "digest", nc, Principal: key.PublicKey, Nonce: Get("nonce"));
    }

    /// <summary>The RFC 7616 qop=auth response the server expects (MD5 or SHA-256, not -sess).</summary>
    public static string ExpectedResponse(string algorithm, string user, string realm, string password, string nonce, string nc, string cnonce, string method, string uri)
    {
        var ha1 = H(algorithm, $"{user}:{realm}:{password}");
        var ha2 = H(algorithm, $"{method}:{uri}");
        return H(algorithm, $"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}");
    }

    private static string H(string algorithm, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var hash = algorithm.StartsWith("SHA-256", StringComparison.OrdinalIgnoreCase) ? SHA256.HashData(bytes) : MD5.HashData(bytes);
        return Convert.ToHexString(hash).ToLowerInvariant();
    }

    /// <summary>Splits an Authorization header's Digest parameters.</summary>
    public static Dictionary<string, string> ParseParams(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || text[i] == ' '))
            {
                i++;
            }

            var eq = text.IndexOf('=', i);
            if (eq < 0)
            {
                break;
            }

            var name = text[i..eq].Trim();
            i = eq + 1;
            var value = new StringBuilder();
            if (i < text.Length && text[i] == '"')
            {
                // A quoted value is kept exactly, spaces and all.
                for (i++; i < text.Length && text[i] != '"'; i++)
                {
                    value.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
                }

                i++;
                result[name] = value.ToString();
            }
            else
            {
                for (; i < text.Length && text[i] != ','; i++)
                {
                    value.Append(text[i]);
                }

                result[name] = value.ToString().Trim();
            }
        }

        return result;
    }

    private sealed record NonceInfo(DateTimeOffset Issued, string Algorithm)
    {
        public HashSet<string> SeenNc { get; } = new(StringComparer.Ordinal);
    }
}
