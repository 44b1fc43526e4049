using System.Management.Automation;
using AtlasApiKeys.Core.Commands;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Commands;

/// <summary>Add-AtlasProjectApiKey: assigns an existing organization key to a project with roles.</summary>
[Cmdlet(VerbsCommon.Add, "AtlasProjectApiKey", DefaultParameterSetName = ByIdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ProjectApiKey))]
public sealed class AddAtlasProjectApiKeyCommand : KeyCmdletBase
{
    /// <summary>The key's roles in the project (with -InputObject, default: the input key's roles).
    /// By property name too (alias Roles), so a piped key's own roles need not be retyped.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = InputObjectSet)]
    [Alias("Roles")]
    [ValidateAtlasRole]
    [ArgumentCompleter(typeof(ProjectRoleCompleter))]
    public string[]? Role { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var request = Request();
        request.Roles = Role;
        Run(context => ApiKeyCommands.AddAsync(context, request));
    }
}
