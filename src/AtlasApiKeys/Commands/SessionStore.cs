using System;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Text;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Platform;

namespace AtlasApiKeys.Commands;

/// <summary>The session Connect-Atlas stored, per scope (the cmdlets use the runspace), and a session
/// built from the Atlas CLI's environment variables, kept while those variables stay the same.</summary>
internal sealed class SessionStore
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
    /// environment. Throws <see cref="TerminatingErrorException"/> (AtlasNotConnected) when there is none.</summary>
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

        AtlasSessionOptions? options;
        try
        {
            options = EnvironmentSession.Options(environment);
        }
        catch (ArgumentException ex)
        {
            throw new TerminatingErrorException(ErrorMapper.ToErrorRecord(ex, null));
        }

        if (options is null)
        {
            var ex = new InvalidOperationException("Not connected to Atlas: run Connect-Atlas, pass -Session, or set MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY (or MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET).");
            throw new TerminatingErrorException(ErrorMapper.Record(ex, "AtlasNotConnected", ErrorCategory.InvalidOperation, null,
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

    /// <summary>True when <paramref name="session"/> is the one this scope built from the environment.</summary>
    public bool IsFromEnvironment(object scope, AtlasSession session) => ReferenceEquals(SlotFor(scope).FromEnvironment, session);

    /// <summary>The session a command without -Session would use, and whether it came from the
    /// environment; null when there is none (never the AtlasNotConnected error). A bad variable still
    /// throws, as it does for the commands.</summary>
    public AtlasSession? TryCurrent(object scope, Func<string, string?> environment, out bool fromEnvironment)
    {
        fromEnvironment = false;
        if (GetConnected(scope) is { } connected)
        {
            return connected;
        }

        fromEnvironment = true;
        return EnvironmentSession.Options(environment) is null ? null : Resolve(null, scope, environment);
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

        using var sha = FipsHashing.Sha256();   // CryptoAPI on .NET Framework: FIPS policy allows it
        return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private sealed class Slot
    {
        public AtlasSession? Connected { get; set; }

        public AtlasSession? FromEnvironment { get; set; }

        public string? EnvironmentFingerprint { get; set; }
    }
}
