using System;
using System.Management.Automation;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Commands;

/// <summary>Get-AtlasConnection: the connection a command without -Session uses (the one Connect-Atlas
/// stored, else the MONGODB_ATLAS_* variables'), without its secret; nothing when there is none.</summary>
[Cmdlet(VerbsCommon.Get, "AtlasConnection", DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(AtlasConnection))]
public sealed class GetAtlasConnectionCommand : PSCmdlet
{
    /// <summary>The only set.</summary>
    public const string DefaultSet = "Default";

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        AtlasApiKeys.Core.AtlasSession? session;
        bool fromEnvironment;
        try
        {
            session = SessionStore.Default.TryCurrent(AtlasCmdletBase.Scope, Environment.GetEnvironmentVariable, out fromEnvironment);
        }
        catch (ArgumentException ex)
        {
            WriteError(ErrorMapper.ToErrorRecord(ex, null));
            return;
        }

        if (session is null)
        {
            WriteVerbose("Not connected: no Connect-Atlas session and no MONGODB_ATLAS_* credentials.");
            return;
        }

        WriteObject(new AtlasConnection(session, fromEnvironment ? AtlasConnection.FromEnvironment : AtlasConnection.FromConnectAtlas));
    }
}
