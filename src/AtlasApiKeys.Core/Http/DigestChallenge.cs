using System;
using System.Collections.Generic;
using System.Text;

namespace AtlasApiKeys.Core.Http;

/// <summary>A parsed <c>WWW-Authenticate: Digest ...</c> challenge (RFC 7616).</summary>
internal sealed class DigestChallenge
{
    private const int MaxParameterLength = 16 * 1024;

    private DigestChallenge(string realm, string nonce, string? opaque, DigestAlgorithm algorithm, bool qopAuth, bool stale)
    {
        Realm = realm;
        Nonce = nonce;
        Opaque = opaque;
        Algorithm = algorithm;
        QopAuth = qopAuth;
        Stale = stale;
    }

    public string Realm { get; }

    public string Nonce { get; }

    public string? Opaque { get; }

    public DigestAlgorithm Algorithm { get; }

    /// <summary>True when the server offered qop=auth (else the RFC 2069 form is used).</summary>
    public bool QopAuth { get; }

    public bool Stale { get; }

    /// <summary>Parses the parameters of one Digest challenge. Never throws: a bad header gives
    /// null and the reason in <paramref name="error"/>.</summary>
    public static DigestChallenge? TryParse(string? parameters, out string? error)
    {
        error = null;
        if (parameters is null || parameters.Length == 0)
        {
            error = "the Digest challenge has no parameters";
            return null;
        }

        if (parameters.Length > MaxParameterLength)
        {
            error = "the Digest challenge is too long";
            return null;
        }

        var values = ParseAuthParams(parameters, out error);
        if (values is null)
        {
            return null;
        }

        if (!values.TryGetValue("realm", out var realm))
        {
            error = "the Digest challenge has no realm";
            return null;
        }

        if (!values.TryGetValue("nonce", out var nonce) || nonce.Length == 0)
        {
            error = "the Digest challenge has no nonce";
            return null;
        }

        values.TryGetValue("algorithm", out var algorithmName);
        var algorithm = DigestAlgorithms.Parse(algorithmName);
        if (algorithm == DigestAlgorithm.Unsupported)
        {
            error = "the Digest challenge asks for an unsupported algorithm";
            return null;
        }

        var qopAuth = false;
        if (values.TryGetValue("qop", out var qop))
        {
            foreach (var option in qop.Split(','))
            {
                qopAuth |= string.Equals(option.Trim(), "auth", StringComparison.OrdinalIgnoreCase);
            }

            if (!qopAuth)
            {
                error = "the Digest challenge offers no qop=auth";
                return null;
            }
        }

        values.TryGetValue("opaque", out var opaque);
        var stale = values.TryGetValue("stale", out var staleText) && string.Equals(staleText, "true", StringComparison.OrdinalIgnoreCase);
        return new DigestChallenge(realm, nonce, opaque, algorithm, qopAuth, stale);
    }

    /// <summary>Splits <c>name=token</c> and <c>name="quoted, \"escaped\""</c> pairs separated by commas.</summary>
    internal static Dictionary<string, string>? ParseAuthParams(string text, out string? error)
    {
        error = null;
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (true)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            if (i >= text.Length)
            {
                return result;
            }

            var nameStart = i;
            while (i < text.Length && text[i] != '=' && text[i] != ',' && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var name = text.Substring(nameStart, i - nameStart);
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (name.Length == 0 || i >= text.Length || text[i] != '=')
            {
                error = "the Digest challenge has a parameter without a value";
                return null;
            }

            i++;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            string value;
            if (i < text.Length && text[i] == '"')
            {
                i++;
                var builder = new StringBuilder();
                var closed = false;
                while (i < text.Length)
                {
                    var c = text[i++];
                    if (c == '\\' && i < text.Length)
                    {
                        builder.Append(text[i++]);
                    }
                    else if (c == '"')
                    {
                        closed = true;
                        break;
                    }
                    else
                    {
                        builder.Append(c);
                    }
                }

                if (!closed)
                {
                    error = "the Digest challenge has an unterminated quoted value";
                    return null;
                }

                value = builder.ToString();
            }
            else
            {
                var valueStart = i;
                while (i < text.Length && text[i] != ',' && !char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                value = text.Substring(valueStart, i - valueStart);
            }

            if (!result.ContainsKey(name))
            {
                result[name] = value;
            }
        }
    }
}
