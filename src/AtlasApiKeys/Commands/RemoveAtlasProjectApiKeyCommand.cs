using System.Management.Automation;
using AtlasApiKeys.Core.Commands;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Commands;

/// <summary>Remove-AtlasProjectApiKey: unassigns a key from a project (the organization key remains).</summary>
[Cmdlet(VerbsCommon.Remove, "AtlasProjectApiKey", DefaultParameterSetName = ByIdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(ProjectApiKey))]
public sealed class RemoveAtlasProjectApiKeyCommand : KeyCmdletBase
{
    /// <inheritdoc />
    protected override void ProcessRecord() => Run(context => ApiKeyCommands.RemoveAsync(context, Request()));
}
