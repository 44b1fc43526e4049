using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Commands;

/// <summary>Remove-AtlasProjectApiKey: unassigns a key from a project (the organization key remains).</summary>
[Cmdlet(VerbsCommon.Remove, "AtlasProjectApiKey", DefaultParameterSetName = ByIdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(ProjectApiKey))]
public sealed class RemoveAtlasProjectApiKeyCommand : KeyCmdletBase
{
    /// <inheritdoc />
    protected override Task ProcessRecordAsync(CancellationToken cancellationToken) => ChangeKeyAsync("Unassign from the project", async (projectId, keyId) =>
    {
        var passThru = PassThru
            ? (ParameterSetName == InputObjectSet ? InputObject : await Client.FindAsync(projectId, keyId, cancellationToken).ConfigureAwait(false))
            : null;
        await Client.UnassignAsync(projectId, keyId, cancellationToken).ConfigureAwait(false);
        if (passThru is not null)
        {
            WriteObject(passThru);
        }
    });
}
