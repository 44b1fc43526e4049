using System;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using AtlasApiKeys.Core;

namespace AtlasApiKeys.Commands;

/// <summary>The session Connect-Atlas stored, per scope (the cmdlets use the runspace), and a session
/// built from the Atlas CLI's environment variables, kept while those variables stay the same. A session the
/// store replaced is disposed once no command borrowed it any more: a command later in the same pipeline that
/// connects again or changes a variable does not close it under one still running (Disconnect-Atlas does).</summary>
internal sealed class SessionStore
{
    /// <summary>The store the module uses.</summary>
    public static SessionStore Default { get; } = new();

    private readonly ConditionalWeakTable<object, Slot> slots = new();
    private readonly ConditionalWeakTable<AtlasSession, Use> uses = new();

    /// <summary>The session Connect-Atlas stored for this scope, if any.</summary>
    public AtlasSession? GetConnected(object scope) => SlotFor(scope).Connected;

    /// <summary>Stores a session for the scope, disposing the one it replaces unless the caller holds it (-PassThru):
    /// once no command uses it; at once when <paramref name="session"/> is null (Disconnect-Atlas).</summary>
    public void SetConnected(object scope, AtlasSession? session)
    {
        var slot = SlotFor(scope);
        lock (slot)
        {
            var old = slot.Connected;
            slot.Connected = session;
            if (old is not null && !ReferenceEquals(old, session) && !old.HandedOut)
            {
                if (session is null)
                {
                    old.Dispose();   // Disconnect-Atlas: closed at once, a command still using it included
                }
                else
                {
                    Count(old, commands: 0, letGo: true);   // replaced: closed now, or when the last command using it ends
                }
            }
        }
    }

    /// <summary>The session for a call: the explicit one, else the connected one, else one from the
    /// environment. Throws <see cref="TerminatingErrorException"/> (AtlasNotConnected) when there is none.</summary>
    public AtlasSession Resolve(AtlasSession? explicitSession, object scope, Func<string, string?> environment) =>
        Find(explicitSession, scope, environment, borrow: false);

    /// <summary>The session for a command, as <see cref="Resolve"/> finds it; one the store holds is borrowed
    /// (<paramref name="borrowed"/>): it stays open, even if the store lets go of it meanwhile, until the command
    /// gives it back with <see cref="Return"/>.</summary>
    public AtlasSession Borrow(AtlasSession? explicitSession, object scope, Func<string, string?> environment, out bool borrowed)
    {
        borrowed = explicitSession is null;
        return Find(explicitSession, scope, environment, borrowed);
    }

    /// <summary>Gives back a session <see cref="Borrow"/> lent; the last command to give back one the store let
    /// go of disposes it.</summary>
    public void Return(AtlasSession session) => Count(session, commands: -1, letGo: false);

    private AtlasSession Find(AtlasSession? explicitSession, object scope, Func<string, string?> environment, bool borrow)
    {
        if (explicitSession is not null)
        {
            return explicitSession;
        }

        var slot = SlotFor(scope);
        lock (slot)
        {
            if (slot.Connected is { } connected)
            {
                return borrow ? Lend(connected) : connected;   // under the slot's lock: not let go of before it is counted
            }
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
                // Only a default changed (say, MONGODB_ATLAS_PROJECT_ID set per item): the new session goes on over
                // the old one's wire, with no new sign-in (a service account may hold only 100 live tokens).
                var shared = slot.FromEnvironment is { } previous && EnvironmentSession.SameConnection(previous.Options, options)
                    ? previous.Session.WithDefaults(options.DefaultProjectId, options.DefaultOrgId)
                    : null;
                var built = new EnvironmentEntry(shared ?? new AtlasSession(options), options);
                uses.GetOrCreateValue(built.Session).FromEnvironment = true;
                if (slot.FromEnvironment is { } replaced)
                {
                    Count(replaced.Session, commands: 0, letGo: true);
                }

                slot.FromEnvironment = kept = built;
            }

            return borrow ? Lend(kept.Session) : kept.Session;
        }
    }

    /// <summary>True when the store built <paramref name="session"/> from the environment, whether or not the variables
    /// have changed since (a command keeps the session it first used).</summary>
    public bool IsFromEnvironment(AtlasSession session) => uses.TryGetValue(session, out var use) && use.FromEnvironment;

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

    private AtlasSession Lend(AtlasSession session)
    {
        Count(session, commands: 1, letGo: false);
        return session;
    }

    /// <summary>One more or one fewer command using <paramref name="session"/>, or the store letting go of it; the
    /// session is disposed once the store has let go of it and no command uses it.</summary>
    private void Count(AtlasSession session, int commands, bool letGo)
    {
        var use = uses.GetOrCreateValue(session);
        bool close;
        lock (use)
        {
            use.Commands += commands;
            use.LetGo |= letGo;
            close = use.Commands == 0 && use.LetGo;
        }

        if (close)
        {
            session.Dispose();
        }
    }

    private sealed class Slot
    {
        public AtlasSession? Connected { get; set; }

        public EnvironmentEntry? FromEnvironment { get; set; }
    }

    /// <summary>What the store knows of a session it handed out: how many commands use it, whether it has let go of
    /// it, and whether it built it from the variables.</summary>
    private sealed class Use
    {
        public int Commands { get; set; }

        public bool LetGo { get; set; }

        public bool FromEnvironment { get; set; }
    }

    /// <summary>The session built from the variables, and what they said then (its credential is the session's).</summary>
    private sealed record EnvironmentEntry(AtlasSession Session, AtlasSessionOptions Options);
}
