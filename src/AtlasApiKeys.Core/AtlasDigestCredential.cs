using System;
using System.Security;

namespace AtlasApiKeys.Core;

/// <summary>A programmatic API key pair, used with HTTP digest authentication.</summary>
public sealed class AtlasDigestCredential : AtlasCredential
{
    /// <summary>Creates a digest credential.</summary>
    public AtlasDigestCredential(string publicKey, SecureString privateKey)
        : this(publicKey, Unprotect(privateKey))
    {
    }

    /// <summary>Creates a digest credential.</summary>
    public AtlasDigestCredential(string publicKey, string privateKey)
    {
        PublicKey = Require(publicKey, nameof(publicKey));
        PrivateKey = Require(privateKey, nameof(privateKey));
    }

    /// <summary>The public key (the digest user name).</summary>
    public string PublicKey { get; }

    internal string PrivateKey { get; }

    /// <inheritdoc />
    internal override bool SameAs(AtlasCredential other) =>
        other is AtlasDigestCredential key && string.Equals(key.PublicKey, PublicKey, StringComparison.Ordinal)
        && string.Equals(key.PrivateKey, PrivateKey, StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"API key {PublicKey} (private key hidden)";
}
