using System;
using System.Runtime.InteropServices;
using System.Security;

namespace AtlasApiKeys.Core;

/// <summary>How a session proves who it is. The secret half never appears in ToString.</summary>
public abstract class AtlasCredential
{
    private protected AtlasCredential()
    {
    }

    internal static string Unprotect(SecureString value)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value));
        }

        var ptr = IntPtr.Zero;
        try
        {
            ptr = Marshal.SecureStringToGlobalAllocUnicode(value);
            return Marshal.PtrToStringUni(ptr) ?? string.Empty;
        }
        finally
        {
            if (ptr != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }
    }

    internal static SecureString Protect(string value)
    {
        var secure = new SecureString();
        foreach (var c in value)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }

    private protected static string Require(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"The {name} must not be empty.", name);
        }

        return value!;
    }
}

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
    public override string ToString() => $"API key {PublicKey} (private key hidden)";
}

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
    public override string ToString() => $"service account {ClientId} (secret hidden)";
}
