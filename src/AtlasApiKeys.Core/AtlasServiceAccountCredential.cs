using System;
using System.Security;

namespace AtlasApiKeys.Core;

/// <summary>A service account, used with the OAuth 2.0 client-credentials flow.</summary>
public sealed class AtlasServiceAccountCredential : AtlasCredential
{
    /// <summary>Creates a service-account credential.</summary>
    public AtlasServiceAccountCredential(string clientId, SecureString clientSecret)
        : this(clientId, Unprotect(clientSecret))
    {
    }

    /// <summary>Creates a service-account credential.</summary>
    public AtlasServiceAccountCredential(string clientId, string clientSecret)
    {
        ClientId = Require(clientId, nameof(clientId));
        ClientSecret = Require(clientSecret, nameof(clientSecret));
    }

    /// <summary>The client id.</summary>
    public string ClientId { get; }

    internal string ClientSecret { get; }

    /// <inheritdoc />
    internal override bool SameAs(AtlasCredential other) =>
        other is AtlasServiceAccountCredential account && string.Equals(account.ClientId, ClientId, StringComparison.Ordinal)
        && string.Equals(account.ClientSecret, ClientSecret, StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"service account {ClientId} (secret hidden)";
}
