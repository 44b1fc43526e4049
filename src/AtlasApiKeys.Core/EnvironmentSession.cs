using System;

namespace AtlasApiKeys.Core;

/// <summary>The Atlas CLI's environment variables, read as the Atlas CLI reads them.</summary>
public static class EnvironmentSession
{
    /// <summary>Digest public key.</summary>
    public const string PublicKey = "MONGODB_ATLAS_PUBLIC_API_KEY";

    /// <summary>Digest private key.</summary>
    public const string PrivateKey = "MONGODB_ATLAS_PRIVATE_API_KEY";

    /// <summary>Service account client id.</summary>
    public const string ClientId = "MONGODB_ATLAS_CLIENT_ID";

    /// <summary>Service account secret.</summary>
    public const string ClientSecret = "MONGODB_ATLAS_CLIENT_SECRET";

    /// <summary>Default project.</summary>
    public const string ProjectId = "MONGODB_ATLAS_PROJECT_ID";

    /// <summary>Default organization (the Atlas CLI's variable).</summary>
    public const string OrgId = "MONGODB_ATLAS_ORG_ID";

    /// <summary>Base URI.</summary>
    public const string BaseUrl = "MONGODB_ATLAS_OPS_MANAGER_URL";

    /// <summary>True when two sets of options read by <see cref="Options"/> make the same session: the same
    /// credential (kind, id and secret), default project, default organization and address. A caller keeps the
    /// session built from the variables while this holds, without keeping their text or hashing them (the
    /// session's credential already holds the secret).</summary>
    internal static bool SameSource(AtlasSessionOptions kept, AtlasSessionOptions read) =>
        SameConnection(kept, read)
        && string.Equals(kept.DefaultProjectId, read.DefaultProjectId, StringComparison.Ordinal)
        && string.Equals(kept.DefaultOrgId, read.DefaultOrgId, StringComparison.Ordinal);

    /// <summary>True when two sets of options read by <see cref="Options"/> differ at most in their defaults: the same
    /// credential and address, so a session for the new ones may share the old one's wire (connection, digest nonce,
    /// access token) instead of signing in again.</summary>
    internal static bool SameConnection(AtlasSessionOptions kept, AtlasSessionOptions read) =>
        kept.Credential is { } credential && read.Credential is { } other && credential.SameAs(other)
        && string.Equals(kept.BaseUri.OriginalString, read.BaseUri.OriginalString, StringComparison.Ordinal);

    /// <summary>MONGODB_ATLAS_ORG_ID, trimmed, or null when it is not set (the organization for a session
    /// that has none of its own: pass it to <see cref="IAtlasOrganizationClient.ResolveOrgIdAsync"/>).</summary>
    public static string? OrgIdFrom(Func<string, string?> environment) =>
        (environment ?? throw new ArgumentNullException(nameof(environment)))(OrgId) is { } v && v.Trim().Length > 0 ? v.Trim() : null;

    /// <summary>Session options from the variables, or null when they hold no credential. Throws
    /// <see cref="ArgumentException"/> whose ParamName is the variable at fault: half a key pair (one of
    /// the pair set, the other empty or unset, and no complete pair), or a base URL that is not an
    /// https:// address (plain http only to loopback: no variable allows it elsewhere). A default project
    /// or organization that is not an id is left out, so a command that names its own is not blocked:
    /// <see cref="CheckDefault"/> says what is wrong with it, for the command that needs it.</summary>
    public static AtlasSessionOptions? Options(Func<string, string?> environment)
    {
        if (environment is null)
        {
            throw new ArgumentNullException(nameof(environment));
        }

        string? Get(string name) => environment(name) is { } v && v.Trim().Length > 0 ? v.Trim() : null;
        var (pub, priv, id, secret) = (Get(PublicKey), Get(PrivateKey), Get(ClientId), Get(ClientSecret));
        AtlasCredential? credential = (pub, priv, id, secret) switch
        {
            ({ } p, { } k, _, _) => new AtlasDigestCredential(p, k),
            (_, _, { } i, { } s) => new AtlasServiceAccountCredential(i, s),
            _ => null,
        };
        if (credential is null)
        {
            ThrowIfHalfPair(pub is not null, priv is not null, PublicKey, PrivateKey, "the API key's public and private key");
            ThrowIfHalfPair(id is not null, secret is not null, ClientId, ClientSecret, "the service account's client id and secret");
            return null;
        }

        var options = new AtlasSessionOptions
        {
            Credential = credential,
            DefaultProjectId = CheckDefault(environment, ProjectId) is null ? Get(ProjectId) : null,
            DefaultOrgId = CheckDefault(environment, OrgId) is null ? Get(OrgId) : null,
        };
        if (Get(BaseUrl) is { } url)
        {
            options.BaseUri = BaseUriFrom(url);
        }

        return options;
    }

    /// <summary>What is wrong with <paramref name="name"/> (<see cref="ProjectId"/> or <see cref="OrgId"/>),
    /// naming the variable; null when it is unset, blank or a good id.</summary>
    public static string? CheckDefault(Func<string, string?> environment, string name) =>
        (environment ?? throw new ArgumentNullException(nameof(environment)))(name) is { } v && v.Trim().Length > 0
            ? AtlasValidation.CheckId(v.Trim(), name)
            : null;

    private static void ThrowIfHalfPair(bool first, bool second, string firstName, string secondName, string what)
    {
        if (first != second)
        {
            var (set, missing) = first ? (firstName, secondName) : (secondName, firstName);
            throw new ArgumentException($"{set} is set but {missing} is empty or not set: set both ({what}), or neither.", missing);
        }
    }

    private static Uri BaseUriFrom(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"{BaseUrl} '{url}' is not an http:// or https:// address, such as https://cloud.mongodb.com.", BaseUrl);
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            var authority = uri.GetLeftPart(UriPartial.Authority);
            throw new ArgumentException($"{BaseUrl} '{authority}' uses plain http to a host that is not loopback: credentials would cross the network unencrypted. Use https. No variable allows plain http: a script that means it says so with Connect-Atlas -BaseUri {authority} -AllowInsecureHttp.", BaseUrl);
        }

        return uri;
    }
}
