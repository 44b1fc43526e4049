using System;
using System.Runtime.CompilerServices;
using System.Text;

namespace AtlasApiKeys.Core.Commands;

/// <summary>The session Connect-Atlas stored, per scope (the cmdlets use the runspace), and a session
/// built from the Atlas CLI's environment variables, kept while those variables stay the same.</summary>
public sealed class SessionStore
{
    /// <summary>The store the module uses.</summary>
    public static SessionStore Default { get; } = new();

    private readonly ConditionalWeakTable<object, Slot> slots = new();

    /// <summary>The session Connect-Atlas stored for this scope, if any.</summary>
    public AtlasSession? GetConnected(object scope) => SlotFor(scope).Connected;

    /// <summary>Stores a session for the scope, disposing the one it replaces unless the caller holds it.</summary>
    public void SetConnected(object scope, AtlasSession? session)
    {
        var slot = SlotFor(scope);
        lock (slot)
        {
            var old = slot.Connected;
            slot.Connected = session;
            if (old is not null && !ReferenceEquals(old, session) && !old.HandedOut)
            {
                old.Dispose();   // nobody else holds it
            }
        }
    }

    /// <summary>The session for a call: the explicit one, else the connected one, else one from the
    /// environment. Throws <see cref="AtlasTerminatingException"/> (AtlasNotConnected) when there is none.</summary>
    public AtlasSession Resolve(AtlasSession? explicitSession, object scope, Func<string, string?> environment)
    {
        if (explicitSession is not null)
        {
            return explicitSession;
        }

        var slot = SlotFor(scope);
        if (slot.Connected is { } connected)
        {
            return connected;
        }

        var options = EnvironmentSession.Options(environment);
        if (options is null)
        {
            var ex = new InvalidOperationException("Not connected to Atlas: run Connect-Atlas, pass -Session, or set MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY (or MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET).");
            throw new AtlasTerminatingException(new AtlasErrorInfo(ex, "AtlasNotConnected", AtlasErrorCategory.InvalidOperation, null,
                recommendedAction: "Run Connect-Atlas -Credential (Get-Credential), or set the Atlas CLI's environment variables."));
        }

        var fingerprint = Fingerprint(environment);
        lock (slot)
        {
            if (slot.FromEnvironment is null || slot.EnvironmentFingerprint != fingerprint)
            {
                slot.FromEnvironment?.Dispose();
                slot.FromEnvironment = new AtlasSession(options);
                slot.EnvironmentFingerprint = fingerprint;
            }

            return slot.FromEnvironment;
        }
    }

    private Slot SlotFor(object scope) => slots.GetValue(scope, _ => new Slot());

    /// <summary>A hash of the variables (so no secret is kept as a comparable string).</summary>
    private static string Fingerprint(Func<string, string?> environment)
    {
        var text = new StringBuilder();
        foreach (var name in EnvironmentSession.Names)
        {
            text.Append(environment(name)).Append('\n');
        }

        using var sha = Platform.FipsHashing.Sha256();   // CryptoAPI on .NET Framework: FIPS policy allows it
        return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private sealed class Slot
    {
        public AtlasSession? Connected { get; set; }

        public AtlasSession? FromEnvironment { get; set; }

        public string? EnvironmentFingerprint { get; set; }
    }
}

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
