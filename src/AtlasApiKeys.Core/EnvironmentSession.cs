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

    internal static readonly string[] Names = [PublicKey, PrivateKey, ClientId, ClientSecret, ProjectId, OrgId, BaseUrl];

    /// <summary>MONGODB_ATLAS_ORG_ID, trimmed, or null when it is not set (the organization for a session
    /// that has none of its own: pass it to <see cref="IAtlasOrganizationClient.ResolveOrgIdAsync"/>).</summary>
    public static string? OrgIdFrom(Func<string, string?> environment) =>
        (environment ?? throw new ArgumentNullException(nameof(environment)))(OrgId) is { } v && v.Trim().Length > 0 ? v.Trim() : null;

    /// <summary>Session options from the variables, or null when they hold no credential.</summary>
    public static AtlasSessionOptions? Options(Func<string, string?> environment)
    {
        if (environment is null)
        {
            throw new ArgumentNullException(nameof(environment));
        }

        string? Get(string name) => environment(name) is { } v && v.Trim().Length > 0 ? v.Trim() : null;
        AtlasCredential? credential = (Get(PublicKey), Get(PrivateKey), Get(ClientId), Get(ClientSecret)) switch
        {
            ({ } pub, { } priv, _, _) => new AtlasDigestCredential(pub, priv),
            (_, _, { } id, { } secret) => new AtlasServiceAccountCredential(id, secret),
            _ => null,
        };
        if (credential is null)
        {
            return null;
        }

        var options = new AtlasSessionOptions { Credential = credential, DefaultProjectId = Get(ProjectId), DefaultOrgId = Get(OrgId) };
        if (Get(BaseUrl) is { } url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                throw new ArgumentException($"{BaseUrl} '{url}' is not an absolute URI.", BaseUrl);
            }

            options.BaseUri = uri;
        }

        return options;
    }
}
