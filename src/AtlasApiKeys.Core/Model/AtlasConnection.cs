using System;

namespace AtlasApiKeys.Core.Model;

/// <summary>What a session connects to and as whom, without its secret: Get-AtlasConnection's output.</summary>
public sealed class AtlasConnection
{
    /// <summary>Source: the session Connect-Atlas stored.</summary>
    public const string FromConnectAtlas = "Connect-Atlas";

    /// <summary>Source: the MONGODB_ATLAS_* environment variables.</summary>
    public const string FromEnvironment = "Environment";

    /// <summary>Describes <paramref name="session"/>, which came from <paramref name="source"/>.</summary>
    public AtlasConnection(AtlasSession session, string source)
    {
        if (session is null)
        {
            throw new ArgumentNullException(nameof(session));
        }

        BaseUri = session.BaseUri;
        switch (session.Credential)
        {
            case AtlasDigestCredential digest:
                AuthKind = "ApiKey";
                PublicKey = digest.PublicKey;
                break;
            case AtlasServiceAccountCredential account:
                AuthKind = "ServiceAccount";
                ClientId = account.ClientId;
                break;
            default:
                AuthKind = "Unknown";
                break;
        }

        DefaultProjectId = session.DefaultProjectId;
        DefaultOrgId = session.DefaultOrgId;
        Source = source ?? throw new ArgumentNullException(nameof(source));
    }

    /// <summary>The base URI the session calls.</summary>
    public Uri BaseUri { get; }

    /// <summary>ApiKey (digest) or ServiceAccount (OAuth 2.0 client credentials).</summary>
    public string AuthKind { get; }

    /// <summary>The API key's public key (ApiKey only).</summary>
    public string? PublicKey { get; }

    /// <summary>The service account's client id (ServiceAccount only).</summary>
    public string? ClientId { get; }

    /// <summary>The project used when a command names none.</summary>
    public string? DefaultProjectId { get; }

    /// <summary>The organization used when a command names none.</summary>
    public string? DefaultOrgId { get; }

    /// <summary>Where the session came from: Connect-Atlas or Environment (the MONGODB_ATLAS_* variables).</summary>
    public string Source { get; }

    /// <inheritdoc />
    public override string ToString() => $"{BaseUri} as {(PublicKey is not null ? "API key " + PublicKey : "service account " + ClientId)} ({Source})";
}
