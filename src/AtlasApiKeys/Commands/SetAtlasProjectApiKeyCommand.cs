using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Commands;

/// <summary>Set-AtlasProjectApiKey: changes a key's roles in a project (-Role replaces them; -AddRole and
/// -RemoveRole edit them after one read of the project's keys) and/or its description.</summary>
[Cmdlet(VerbsCommon.Set, "AtlasProjectApiKey", DefaultParameterSetName = ByIdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ProjectApiKey))]
public sealed class SetAtlasProjectApiKeyCommand : KeyCmdletBase
{
    /// <summary>The roles the key will hold in the project, replacing its roles there.</summary>
    [Parameter]
    [SplitRoles]
    [AtlasRoleCase]
    [ValidateAtlasRole]
    [ArgumentCompleter(typeof(ProjectRoleCompleter))]
    public string[]? Role { get; set; }

    /// <summary>Roles to add to the key's roles in the project.</summary>
    [Parameter]
    [SplitRoles]
    [AtlasRoleCase]
    [ValidateAtlasRole("AddRole")]
    [ArgumentCompleter(typeof(ProjectRoleCompleter))]
    public string[]? AddRole { get; set; }

    /// <summary>Roles to take from the key's roles in the project (at least one must remain).</summary>
    [Parameter]
    [SplitRoles]
    [AtlasRoleCase]
    [ValidateAtlasRole("RemoveRole")]
    [ArgumentCompleter(typeof(ProjectRoleCompleter))]
    public string[]? RemoveRole { get; set; }

    /// <summary>The new description: 1 to 250 characters.</summary>
    [Parameter]
    [ValidateAtlasDescription]
    public string? Description { get; set; }

    private bool Editing => AddRole is not null || RemoveRole is not null;

    /// <inheritdoc />
    protected override Task BeginProcessingAsync(CancellationToken cancellationToken)
    {
        string? conflict = null;
        if (Role is not null && Editing)
        {
            conflict = $"-Role and {(AddRole is null ? "-RemoveRole" : "-AddRole")} cannot be used together: -Role replaces the key's roles in the project, -AddRole and -RemoveRole edit them. Give one or the other.";
        }
        else if (AddRole is not null && RemoveRole is not null && AddRole.Intersect(RemoveRole, StringComparer.Ordinal).FirstOrDefault() is { } both)
        {
            conflict = $"-AddRole and -RemoveRole both name {both}: give each role to one of them.";
        }

        if (conflict is not null)
        {
            ThrowTerminatingError(ErrorMapper.Record(new ArgumentException(conflict, Role is null ? "RemoveRole" : "Role"), "AtlasInvalidArgument", ErrorCategory.InvalidArgument, null));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (AtlasValidation.CheckSomethingToChange(Role is not null || Editing, Description is not null, "-Role (or -AddRole/-RemoveRole)", "-Description") is { } nothing)
        {
            WriteItemError(new ArgumentException(nothing, "Role"), ParameterSetName == InputObjectSet ? InputObject.Id : ApiKeyId);
            return Task.CompletedTask;
        }

        if (!Editing)
        {
            return ChangeKeyAsync(Action(Role, null), (projectId, keyId) => UpdateAsync(projectId, keyId, Role, cancellationToken));
        }

        IReadOnlyList<string>? roles = null;
        return ChangeKeyAsync(
            async (projectId, keyId) =>
            {
                var key = await Client.FindAsync(projectId, keyId, cancellationToken).ConfigureAwait(false);
                if (key is null)
                {
                    WriteKeyNotFound(projectId, keyId);
                    return null;
                }

                var result = key.Roles.Union(AddRole ?? [], StringComparer.Ordinal).Except(RemoveRole ?? [], StringComparer.Ordinal).ToList();
                if (result.Count == 0)
                {
                    WriteLastRoleError(key);
                    return null;
                }

                var unchanged = result.Count == key.Roles.Count && !result.Except(key.Roles, StringComparer.Ordinal).Any();
                if (unchanged && Description is null)
                {
                    WriteVerbose($"API key {keyId} in project {projectId} already holds {string.Join(", ", key.Roles)}: nothing to change.");
                    if (PassThru)
                    {
                        WriteObject(key);
                    }

                    return null;
                }

                roles = unchanged ? null : result;
                return Action(roles, key.Roles);
            },
            (projectId, keyId) => UpdateAsync(projectId, keyId, roles, cancellationToken));
    }

    /// <summary>What ShouldProcess says: the resulting roles (and what they were) and the description.</summary>
    private string Action(IReadOnlyList<string>? roles, IReadOnlyList<string>? before) => string.Join(" and ", new[]
    {
        roles is null ? null : $"set role(s) to {string.Join(", ", roles)}" + (before is null ? string.Empty : $" (now {string.Join(", ", before)})"),
        Description is null ? null : $"set description to '{Description}'",
    }.Where(s => s is not null));

    private async Task UpdateAsync(string projectId, string keyId, IReadOnlyList<string>? roles, CancellationToken cancellationToken)
    {
        var key = await Client.UpdateAsync(projectId, keyId, roles, Description, cancellationToken).ConfigureAwait(false);
        if (PassThru)
        {
            WriteObject(key);
        }
    }

    /// <summary>Atlas requires a role: removing them all is refused before any PATCH.</summary>
    private void WriteLastRoleError(ProjectApiKey key)
    {
        var message = $"Removing {string.Join(", ", RemoveRole!)} would leave API key {key.Id} with no role in project {key.ProjectId}, and Atlas requires at least one. To take the key off the project, use Remove-AtlasProjectApiKey.";
        WriteError(ErrorMapper.Record(
            new ArgumentException(message, "RemoveRole"), "AtlasLastProjectRole", ErrorCategory.InvalidOperation, key.Id,
            recommendedAction: $"Remove-AtlasProjectApiKey -ProjectId {key.ProjectId} -ApiKeyId {key.Id} unassigns the key; -AddRole with another role keeps it on the project."));
    }
}
