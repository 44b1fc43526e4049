using System.Management.Automation;
using AtlasApiKeys.Core.Commands;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Commands;

/// <summary>Set-AtlasProjectApiKey: changes a key's roles in a project (they replace its roles there)
/// and/or its description.</summary>
[Cmdlet(VerbsCommon.Set, "AtlasProjectApiKey", DefaultParameterSetName = ByIdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ProjectApiKey))]
public sealed class SetAtlasProjectApiKeyCommand : KeyCmdletBase
{
    /// <summary>The roles the key will hold in the project, replacing its roles there.</summary>
    [Parameter]
    [ValidateAtlasRole]
    [ArgumentCompleter(typeof(ProjectRoleCompleter))]
    public string[]? Role { get; set; }

    /// <summary>The new description: 1 to 250 characters.</summary>
    [Parameter]
    [ValidateAtlasDescription]
    public string? Description { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var request = Request();
        request.Roles = Role;
        request.Description = Description;
        Run(context => ApiKeyCommands.SetAsync(context, request));
    }
}
