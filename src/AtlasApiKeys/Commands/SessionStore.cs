using System;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using AtlasApiKeys.Core;

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

        lock (slot)
        {
            // The variables are read on every call; the session is rebuilt only when what they say changed.
            if (slot.FromEnvironment is not { } kept || !EnvironmentSession.SameSource(kept.Options, options))
            {
                var built = new EnvironmentEntry(new AtlasSession(options), options);
                slot.FromEnvironment?.Session.Dispose();
                slot.FromEnvironment = kept = built;
            }

            return kept.Session;
        }
    }

    /// <summary>True when <paramref name="session"/> is the one this scope built from the environment.</summary>
    public bool IsFromEnvironment(object scope, AtlasSession session) => ReferenceEquals(SlotFor(scope).FromEnvironment?.Session, session);

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

    private sealed class Slot
    {
        public AtlasSession? Connected { get; set; }

        public EnvironmentEntry? FromEnvironment { get; set; }
    }

    /// <summary>The session built from the variables, and what they said then (its credential is the session's).</summary>
    private sealed record EnvironmentEntry(AtlasSession Session, AtlasSessionOptions Options);
}
