using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Core.Commands;

/// <summary>The parameters of New-AtlasProjectApiKey.</summary>
public sealed class NewKeyRequest
{
    /// <summary>-ProjectId (null: the session's default).</summary>
    public string? ProjectId { get; set; }

    /// <summary>-Description.</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>-Role.</summary>
    public IReadOnlyList<string> Roles { get; set; } = [];
}

/// <summary>The parameters of Add-, Set- and Remove-AtlasProjectApiKey for one pipeline item.</summary>
public sealed class KeyRequest
{
    /// <summary>-ProjectId (with -InputObject: the target project; null: the input's, else the session's default).</summary>
    public string? ProjectId { get; set; }

    /// <summary>-ApiKeyId (null with -InputObject).</summary>
    public string? ApiKeyId { get; set; }

    /// <summary>-InputObject.</summary>
    public ProjectApiKey? InputObject { get; set; }

    /// <summary>-Role (Add: null copies the input's roles; Set: null keeps them).</summary>
    public IReadOnlyList<string>? Roles { get; set; }

    /// <summary>-Description (Set).</summary>
    public string? Description { get; set; }

    /// <summary>-PassThru.</summary>
    public bool PassThru { get; set; }
}

/// <summary>The logic of New-, Add-, Set- and Remove-AtlasProjectApiKey: validation before any
/// request, ShouldProcess per item right before its request, errors per item.</summary>
public static class ApiKeyCommands
{
    /// <summary>New-AtlasProjectApiKey.</summary>
    public static Task NewAsync(CommandContext context, NewKeyRequest request) => context.RunAsync(async () =>
    {
        var projectId = context.ProjectId(request.ProjectId);
        try
        {
            AtlasValidation.ThrowIfInvalid(AtlasValidation.CheckId(projectId, "ProjectId"), "ProjectId");
            AtlasValidation.ThrowIfInvalid(AtlasValidation.CheckDescription(request.Description, "Description"), "Description");
            AtlasValidation.ThrowIfInvalid(AtlasValidation.CheckProjectRoles(request.Roles, "Role"), "Role");
            if (!context.Sink.ShouldProcess($"new API key '{request.Description}' in project {projectId}", $"Create with role(s) {string.Join(", ", request.Roles)}"))
            {
                return;
            }

            var key = await context.Client.CreateAsync(projectId, request.Description, request.Roles, context.Cancellation).ConfigureAwait(true);
            context.Sink.WriteWarning($"The private key of API key {key.PublicKey} ({key.Id}) is in the PrivateKey property of this output only: Atlas will never show it again. Store it now.");
            context.Sink.WriteObject(key);
        }
        catch (Exception ex) when (CommandContext.IsItemFailure(ex))
        {
            context.Fail(ex, projectId);
        }
    });

    /// <summary>Add-AtlasProjectApiKey: assigns an existing organization key.</summary>
    public static Task AddAsync(CommandContext context, KeyRequest request)
    {
        var roles = request.Roles ?? request.InputObject?.Roles;
        return ForKeyAsync(
            context,
            request,
            () =>
            {
                AtlasValidation.ThrowIfInvalid(AtlasValidation.CheckProjectRoles(roles, "Role"), "Role");
                return $"Assign with role(s) {string.Join(", ", roles!)}";
            },
            async (projectId, keyId) =>
            {
                await context.Client.AssignAsync(projectId, keyId, roles!, context.Cancellation).ConfigureAwait(true);
                if (request.PassThru)
                {
                    await WriteFoundAsync(context, projectId, keyId).ConfigureAwait(true);
                }
            });
    }

    /// <summary>Set-AtlasProjectApiKey: roles (they replace the key's roles in the project) and/or description.</summary>
    public static Task SetAsync(CommandContext context, KeyRequest request) => ForKeyAsync(
        context,
        request,
        () =>
        {
            if (request.Roles is null && request.Description is null)
            {
                throw new ArgumentException("Give -Role, -Description, or both: there is nothing to change.", "Role");
            }

            if (request.Roles is not null)
            {
                AtlasValidation.ThrowIfInvalid(AtlasValidation.CheckProjectRoles(request.Roles, "Role"), "Role");
            }

            if (request.Description is not null)
            {
                AtlasValidation.ThrowIfInvalid(AtlasValidation.CheckDescription(request.Description, "Description"), "Description");
            }

            return string.Join(" and ", new[]
            {
                request.Roles is null ? null : $"set role(s) to {string.Join(", ", request.Roles)}",
                request.Description is null ? null : $"set description to '{request.Description}'",
            }.Where(s => s is not null));
        },
        async (projectId, keyId) =>
        {
            var key = await context.Client.UpdateAsync(projectId, keyId, request.Roles, request.Description, context.Cancellation).ConfigureAwait(true);
            if (request.PassThru)
            {
                context.Sink.WriteObject(key);
            }
        });

    /// <summary>Remove-AtlasProjectApiKey: unassigns the key from the project.</summary>
    public static Task RemoveAsync(CommandContext context, KeyRequest request) => ForKeyAsync(
        context,
        request,
        () => "Unassign from the project",
        async (projectId, keyId) =>
        {
            var passThru = request.PassThru
                ? request.InputObject ?? await context.Client.FindAsync(projectId, keyId, context.Cancellation).ConfigureAwait(true)
                : null;
            await context.Client.UnassignAsync(projectId, keyId, context.Cancellation).ConfigureAwait(true);
            if (passThru is not null)
            {
                context.Sink.WriteObject(passThru);
            }
        });

    /// <summary>One key's change: the ids and then the change's own checks before any request, ShouldProcess
    /// right before the request (with what <paramref name="check"/> says the change is), failures per item.</summary>
    private static Task ForKeyAsync(CommandContext context, KeyRequest request, Func<string> check, Func<string, string, Task> change) => context.RunAsync(async () =>
    {
        var (projectId, keyId) = Target(context, request);
        try
        {
            Check(projectId, keyId);
            var action = check();
            if (context.Sink.ShouldProcess(Name(keyId, projectId), action))
            {
                await change(projectId, keyId).ConfigureAwait(true);
            }
        }
        catch (Exception ex) when (CommandContext.IsItemFailure(ex))
        {
            context.Fail(ex, keyId);
        }
    });

    internal static async Task WriteFoundAsync(CommandContext context, string projectId, string keyId)
    {
        var key = await context.Client.FindAsync(projectId, keyId, context.Cancellation).ConfigureAwait(true);
        if (key is null)
        {
            context.Sink.WriteError(NotFound(projectId, keyId));
            return;
        }

        context.Sink.WriteObject(key);
    }

    internal static AtlasErrorInfo NotFound(string projectId, string keyId) =>
        new(new KeyNotFoundException($"API key {keyId} is not assigned to project {projectId}."), "ApiKeyNotFound", AtlasErrorCategory.ObjectNotFound, keyId,
            recommendedAction: "List the project's keys with Get-AtlasProjectApiKey -ProjectId; Add-AtlasProjectApiKey assigns an organization key to a project.");

    private static (string ProjectId, string KeyId) Target(CommandContext context, KeyRequest request) =>
        (context.ProjectId(request.ProjectId ?? request.InputObject?.ProjectId), request.ApiKeyId ?? request.InputObject?.Id ?? string.Empty);

    private static void Check(string projectId, string keyId)
    {
        AtlasValidation.ThrowIfInvalid(AtlasValidation.CheckId(projectId, "ProjectId"), "ProjectId");
        AtlasValidation.ThrowIfInvalid(AtlasValidation.CheckId(keyId, "ApiKeyId"), "ApiKeyId");
    }

    private static string Name(string keyId, string projectId) => $"API key {keyId} in project {projectId}";
}
