using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Errors;
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
            foreach (var key in page.Keys)
            {
                yield return key;
            }
        }
    }

    public IAsyncEnumerable<ProjectApiKeyPage> ListPagesAsync(string projectId, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        CheckId(projectId, "ProjectId");
        options ??= new ListOptions();
        if (options.ItemsPerPage is < 1 or > 500)
        {
            throw new ArgumentException($"ItemsPerPage must be between 1 and 500; it was {options.ItemsPerPage}.", "ItemsPerPage");
        }

        if (options.StartPage < 1)
        {
            throw new ArgumentException($"StartPage must be 1 or more; it was {options.StartPage}.", "StartPage");
        }

        return Pages(projectId, options, cancellationToken);
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
        var call = new AtlasCall(HttpMethod.Post, KeysPath(projectId)) { NotRepeatable = true, CreatedDescription = description };
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
        var call = new AtlasCall(HttpMethod.Post, KeyPath(projectId, apiKeyId)) { DoneAlreadyCode = "API_KEY_ALREADY_IN_GROUP" };
        await exchange.SendAsync(call, AtlasExchange.Json(body, AtlasJsonContext.Default.ListUserAccessRoleAssignmentDto), cancellationToken).ConfigureAwait(false);
    }

    public async Task<ProjectApiKey> UpdateAsync(string projectId, string apiKeyId, IReadOnlyList<string>? roles, string? description, CancellationToken cancellationToken = default)
    {
        CheckId(projectId, "ProjectId");
        CheckId(apiKeyId, "ApiKeyId");
        if (roles is null && description is null)
        {
            throw new ArgumentException("Give Role, Description, or both: there is nothing to change.", "Role");
        }

        if (roles is not null)
        {
            AtlasValidation.ThrowIfInvalid(AtlasValidation.CheckProjectRoles(roles, "Role"), "Role");
        }

        if (description is not null)
        {
            AtlasValidation.ThrowIfInvalid(AtlasValidation.CheckDescription(description, "Description"), "Description");
        }

        var body = new UpdateApiKeyDto { Desc = description, Roles = roles?.ToArray() };
        var call = new AtlasCall(Patch, KeyPath(projectId, apiKeyId));
        var project = projectId.ToLowerInvariant();
        var key = await exchange.SendAsync(call, AtlasExchange.Json(body, AtlasJsonContext.Default.UpdateApiKeyDto), answer => KeyPageReader.ReadKey(answer, project, keepPrivateKey: false), cancellationToken).ConfigureAwait(false);
        return key!;
    }

    public async Task UnassignAsync(string projectId, string apiKeyId, CancellationToken cancellationToken = default)
    {
        CheckId(projectId, "ProjectId");
        CheckId(apiKeyId, "ApiKeyId");
        var call = new AtlasCall(HttpMethod.Delete, KeyPath(projectId, apiKeyId)) { DoneAlreadyCode = "RESOURCE_NOT_FOUND" };
        await exchange.SendAsync(call, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Yields each page as it arrives, while the next one is already being fetched: the
    /// consumer's work overlaps the network's, and at most two pages are held.</summary>
    private async IAsyncEnumerable<ProjectApiKeyPage> Pages(string projectId, ListOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var project = projectId.ToLowerInvariant();
        using var prefetch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fetched = 0;
        var pageNum = options.StartPage;
        Task<ProjectApiKeyPage>? next = FetchPageAsync(project, options, pageNum, prefetch.Token);
        try
        {
            while (next is not null)
            {
                var page = await next.ConfigureAwait(false);
                next = null;
                fetched++;
                var more = page.HasNext && (options.MaxPages is not { } max || fetched < max);
                if (more)
                {
                    next = FetchPageAsync(project, options, ++pageNum, prefetch.Token);
                }

                yield return page;
            }
        }
        finally
        {
            if (next is not null)
            {
                // The consumer stopped early: drop the page in flight.
                prefetch.Cancel();
                try
                {
                    await next.ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException or AtlasApiException)
                {
                }
            }
        }
    }

    private async Task<ProjectApiKeyPage> FetchPageAsync(string project, ListOptions options, int pageNum, CancellationToken cancellationToken)
    {
        var perPage = options.ItemsPerPage;
        var query = string.Format(CultureInfo.InvariantCulture, "includeCount={0}&itemsPerPage={1}&pageNum={2}", options.IncludeCount ? "true" : "false", perPage, pageNum);
        var call = new AtlasCall(HttpMethod.Get, KeysPath(project), query);
        var page = await exchange.SendAsync(call, null, body => KeyPageReader.Read(body, project), cancellationToken).ConfigureAwait(false);
        var keys = page!.Keys;
        var hasNext = keys.Count > 0
            && (page.NextLink || (keys.Count == perPage && (page.TotalCount is not { } total || (long)pageNum * perPage < total)));
        return new ProjectApiKeyPage(pageNum, keys, page.TotalCount, hasNext);
    }

    private static void CheckId(string value, string parameterName) =>
        AtlasValidation.ThrowIfInvalid(AtlasValidation.CheckId(value, parameterName), parameterName);

    private static string KeysPath(string projectId) => $"api/atlas/v2/groups/{projectId.ToLowerInvariant()}/apiKeys";

    private static string KeyPath(string projectId, string apiKeyId) => $"{KeysPath(projectId)}/{apiKeyId.ToLowerInvariant()}";
}
