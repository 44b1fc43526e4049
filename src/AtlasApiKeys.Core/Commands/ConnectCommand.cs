using System;

namespace AtlasApiKeys.Core.Commands;

/// <summary>The parameters of Connect-Atlas.</summary>
public sealed class ConnectRequest
{
    /// <summary>From -Credential (digest) or -ServiceAccount.</summary>
    public AtlasCredential? Credential { get; set; }

    /// <summary>-BaseUri.</summary>
    public Uri? BaseUri { get; set; }

    /// <summary>-Government: Atlas for Government.</summary>
    public bool Government { get; set; }

    /// <summary>-ProjectId: the default project of the session.</summary>
    public string? ProjectId { get; set; }

    /// <summary>-AllowInsecureHttp: plain http to a host that is not loopback.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>-PassThru.</summary>
    public bool PassThru { get; set; }
}

/// <summary>The logic of Connect-Atlas and Disconnect-Atlas.</summary>
public static class ConnectCommand
{
    /// <summary>Opens a session and stores it for the scope. Bad input is terminating: nothing is stored.</summary>
    public static AtlasSession Connect(ICommandSink sink, SessionStore store, object scope, ConnectRequest request)
    {
        if (sink is null || store is null || request is null)
        {
            throw new ArgumentNullException(sink is null ? nameof(sink) : store is null ? nameof(store) : nameof(request));
        }

        AtlasSession session;
        try
        {
            if (request.Government && request.BaseUri is not null)
            {
                throw new ArgumentException("Give -BaseUri or -Government, not both.", "BaseUri");
            }

            session = new AtlasSession(new AtlasSessionOptions
            {
                Credential = request.Credential,
                BaseUri = request.Government ? AtlasSessionOptions.GovernmentCloud : request.BaseUri ?? AtlasSessionOptions.CommercialCloud,
                DefaultProjectId = request.ProjectId,
                AllowInsecureHttp = request.AllowInsecureHttp,
            });
        }
        catch (ArgumentException ex)
        {
            throw new AtlasTerminatingException(ErrorMapper.FromException(ex, request.BaseUri));
        }

        store.SetConnected(scope, session);
        sink.WriteVerbose($"Connected to {session.BaseUri} as {session.Credential}{(session.DefaultProjectId is null ? string.Empty : $", default project {session.DefaultProjectId}")}.");
        if (request.PassThru)
        {
            session.HandedOut = true;
            sink.WriteObject(session);
        }

        return session;
    }

    /// <summary>Forgets (and closes) the scope's stored session.</summary>
    public static void Disconnect(ICommandSink sink, SessionStore store, object scope)
    {
        if (sink is null || store is null)
        {
            throw new ArgumentNullException(sink is null ? nameof(sink) : nameof(store));
        }

        var had = store.GetConnected(scope) is not null;
        store.SetConnected(scope, null);
        sink.WriteVerbose(had ? "Disconnected from Atlas." : "There was no Connect-Atlas session to forget.");
    }
}
