using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasApiKeys.Commands;

/// <summary>Disconnect-Atlas: forgets the session Connect-Atlas stored, revoking a service account's access token.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "Atlas")]
[OutputType(typeof(void))]
public sealed class DisconnectAtlasCommand : AsyncCmdlet
{
    private readonly object scope = AtlasCmdletBase.Scope;

    /// <inheritdoc />
    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        var session = SessionStore.Default.GetConnected(scope);
        try
        {
            if (session is not null)
            {
                // A service account's live token is revoked (each account may hold only 100); a failed
                // revoke is a warning, never a failed disconnect, and never shows the token.
                var revocation = await session.RevokeTokenAsync(cancellationToken).ConfigureAwait(false);
                if (revocation.Failed)
                {
                    WriteWarning(revocation.Message);
                }
                else if (revocation.Revoked)
                {
                    WriteVerbose("Revoked the service account's access token.");
                }
            }
        }
        finally
        {
            SessionStore.Default.SetConnected(scope, null);
        }

        WriteVerbose(session is not null ? "Disconnected from Atlas." : "There was no Connect-Atlas session to forget.");
    }
}
