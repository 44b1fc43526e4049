using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
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
    [SplitRoles]
    [ValidateAtlasRole]
    [ArgumentCompleter(typeof(ProjectRoleCompleter))]
    public string[]? Role { get; set; }

    /// <summary>The new description: 1 to 250 characters.</summary>
    [Parameter]
    [ValidateAtlasDescription]
    public string? Description { get; set; }

    /// <inheritdoc />
    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (Role is null && Description is null)
        {
            WriteItemError(new ArgumentException("Give -Role, -Description, or both: there is nothing to change.", "Role"), ParameterSetName == InputObjectSet ? InputObject.Id : ApiKeyId);
            return Task.CompletedTask;
        }

        var action = string.Join(" and ", new[]
        {
            Role is null ? null : $"set role(s) to {string.Join(", ", Role)}",
            Description is null ? null : $"set description to '{Description}'",
        }.Where(s => s is not null));
        return ChangeKeyAsync(action, async (projectId, keyId) =>
        {
            var key = await Client.UpdateAsync(projectId, keyId, Role, Description, cancellationToken).ConfigureAwait(false);
            if (PassThru)
            {
                WriteObject(key);
            }
        });
    }
}
