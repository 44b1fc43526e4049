using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
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
    [SplitRoles]
    [AtlasRoleCase]
    [ValidateAtlasRole]
    [ArgumentCompleter(typeof(ProjectRoleCompleter))]
    public string[]? Role { get; set; }

    /// <inheritdoc />
    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var roles = Role ?? (ParameterSetName == InputObjectSet ? [.. InputObject.Roles] : []);
        if (AtlasValidation.CheckProjectRoles(roles, "Role") is { } problem)
        {
            // A piped key that holds no role in its project: there is nothing to copy.
            WriteItemError(new System.ArgumentException(problem, "Role"), ParameterSetName == InputObjectSet ? InputObject.Id : ApiKeyId);
            return Task.CompletedTask;
        }

        return ChangeKeyAsync($"Assign with role(s) {string.Join(", ", roles)}", async (projectId, keyId) =>
        {
            await Client.AssignAsync(projectId, keyId, roles, cancellationToken).ConfigureAwait(false);
            if (PassThru)
            {
                await WriteFoundAsync(projectId, keyId, cancellationToken).ConfigureAwait(false);
            }
        });
    }
}
