using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasApiKeys.Commands;

/// <summary>Disconnect-Atlas: forgets the session Connect-Atlas stored.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "Atlas")]
[OutputType(typeof(void))]
public sealed class DisconnectAtlasCommand : AsyncCmdlet
{
    private readonly object scope = AtlasCmdletBase.Scope;

    /// <inheritdoc />
    protected override Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        var had = SessionStore.Default.GetConnected(scope) is not null;
        SessionStore.Default.SetConnected(scope, null);
        WriteVerbose(had ? "Disconnected from Atlas." : "There was no Connect-Atlas session to forget.");
        return Task.CompletedTask;
    }
}
