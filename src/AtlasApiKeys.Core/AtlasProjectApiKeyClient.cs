using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Model;
using AtlasApiKeys.Core.Wire;

namespace AtlasApiKeys.Core;

/// <summary>The five operations over one session's pipeline.</summary>
internal sealed class AtlasProjectApiKeyClient(AtlasSession session) : IAtlasProjectApiKeyClient
{
    private static readonly HttpMethod Patch = new("PATCH");
    private readonly AtlasExchange exchange = new(session);

    public async IAsyncEnumerable<ProjectApiKey> ListAsync(string projectId, ListOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in ListPagesAsync(projectId, options, cancellationToken).ConfigureAwait(false))
        {
            var keys = page.Items;
            for (var i = 0; i < keys.Count; i++)
            {
                yield return keys[i];
            }
        }
    }

    public IAsyncEnumerable<AtlasPage<ProjectApiKey>> ListPagesAsync(string projectId, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        CheckId(projectId, "ProjectId");
        return Pages(projectId.ToLowerInvariant(), Paginator.Check(options), cancellationToken);
    }

    public async Task<ProjectApiKey?> FindAsync(string projectId, string apiKeyId, CancellationToken cancellationToken = default)
    {
        CheckId(projectId, "ProjectId");
        CheckId(apiKeyId, "ApiKeyId");
        await foreach (var key in ListAsync(projectId, null, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(key.Id, apiKeyId, StringComparison.OrdinalIgnoreCase))
            {
                return key;
            }
        }

        return null;
    }

    public async Task<ProjectApiKey> CreateAsync(string projectId, string description, IReadOnlyList<string> roles, CancellationToken cancellationToken = default)
    {
        CheckId(projectId, "ProjectId");
        AtlasValidation.ThrowIfInvalid(AtlasValidation.CheckDescription(description, "Description"), "Description");
        AtlasValidation.ThrowIfInvalid(AtlasValidation.CheckProjectRoles(roles, "Role"), "Role");
        var body = new CreateApiKeyDto { Desc = description, Roles = roles.ToArray() };
        var call = new AtlasCall(HttpMethod.Post, ApiPaths.ProjectKeys(projectId), AtlasOperation.Create(projectId, description)) { RequiredRole = AtlasRoleRequirement.ProjectAccessManager(projectId) };
        var project = projectId.ToLowerInvariant();
        var key = await exchange.SendAsync(call, AtlasExchange.Json(body, AtlasJsonContext.Default.CreateApiKeyDto), answer => KeyPageReader.ReadKey(answer, project, keepPrivateKey: true), cancellationToken).ConfigureAwait(false);
        return key!;
    }

    public async Task AssignAsync(string projectId, string apiKeyId, IReadOnlyList<string> roles, CancellationToken cancellationToken = default)
    {
        CheckId(projectId, "ProjectId");
        CheckId(apiKeyId, "ApiKeyId");
        AtlasValidation.ThrowIfInvalid(AtlasValidation.CheckProjectRoles(roles, "Role"), "Role");
        List<UserAccessRoleAssignmentDto> body = [new UserAccessRoleAssignmentDto { Roles = roles.ToArray() }];
        var call = new AtlasCall(HttpMethod.Post, ApiPaths.ProjectKey(projectId, apiKeyId), AtlasOperation.Assign(projectId, apiKeyId)) { RequiredRole = AtlasRoleRequirement.ProjectOwner(projectId) };
        await exchange.SendAsync(call, AtlasExchange.Json(body, AtlasJsonContext.Default.ListUserAccessRoleAssignmentDto), cancellationToken).ConfigureAwait(false);
    }

    public async Task<ProjectApiKey> UpdateAsync(string projectId, string apiKeyId, IReadOnlyList<string>? roles, string? description, CancellationToken cancellationToken = default)
    {
        CheckId(projectId, "ProjectId");
        CheckId(apiKeyId, "ApiKeyId");
        AtlasValidation.ThrowIfInvalid(AtlasValidation.CheckSomethingToChange(roles is not null, description is not null, "Role", "Description"), "Role");

        if (roles is not null)
        {
            AtlasValidation.ThrowIfInvalid(AtlasValidation.CheckProjectRoles(roles, "Role"), "Role");
        }

        if (description is not null)
        {
            AtlasValidation.ThrowIfInvalid(AtlasValidation.CheckDescription(description, "Description"), "Description");
        }

        var body = new UpdateApiKeyDto { Desc = description, Roles = roles?.ToArray() };
        var call = new AtlasCall(Patch, ApiPaths.ProjectKey(projectId, apiKeyId), AtlasOperation.Update(projectId, apiKeyId)) { RequiredRole = AtlasRoleRequirement.ProjectAccessManager(projectId) };
        var project = projectId.ToLowerInvariant();
        var key = await exchange.SendAsync(call, AtlasExchange.Json(body, AtlasJsonContext.Default.UpdateApiKeyDto), answer => KeyPageReader.ReadKey(answer, project, keepPrivateKey: false), cancellationToken).ConfigureAwait(false);
        return key!;
    }

    public async Task UnassignAsync(string projectId, string apiKeyId, CancellationToken cancellationToken = default)
    {
        CheckId(projectId, "ProjectId");
        CheckId(apiKeyId, "ApiKeyId");
        var call = new AtlasCall(HttpMethod.Delete, ApiPaths.ProjectKey(projectId, apiKeyId), AtlasOperation.Unassign(projectId, apiKeyId)) { RequiredRole = AtlasRoleRequirement.ProjectAccessManager(projectId) };
        await exchange.SendAsync(call, null, cancellationToken).ConfigureAwait(false);
    }

    private IAsyncEnumerable<AtlasPage<ProjectApiKey>> Pages(string project, ListOptions options, CancellationToken cancellationToken)
    {
        var path = ApiPaths.ProjectKeys(project);
        var role = AtlasRoleRequirement.ProjectReadOnly(project);
        return Paginator.Pages(
            options,
            async (query, token) => (await exchange.SendAsync(new AtlasCall(HttpMethod.Get, path, AtlasOperation.Read, query) { RequiredRole = role }, null, body => KeyPageReader.Read(body, new ProjectKeyShape(project)), token).ConfigureAwait(false))!,
            cancellationToken);
    }

    private static void CheckId(string value, string parameterName) =>
        AtlasValidation.ThrowIfInvalid(AtlasValidation.CheckId(value, parameterName), parameterName);
}
