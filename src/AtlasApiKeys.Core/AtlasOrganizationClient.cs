using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Model;
using AtlasApiKeys.Core.Wire;

namespace AtlasApiKeys.Core;

/// <summary>The organization operations over one session's pipeline: each method is a guard and a call.</summary>
internal sealed class AtlasOrganizationClient(AtlasSession session) : IAtlasOrganizationClient
{
    /// <summary>The error when no way gives an organization id.</summary>
    internal const string NoOrgIdMessage = "No organization id: pass -OrgId, connect with Connect-Atlas -OrgId, set MONGODB_ATLAS_ORG_ID, or name a project (-ProjectId, Connect-Atlas -ProjectId or MONGODB_ATLAS_PROJECT_ID) whose organization is looked up.";

    private readonly AtlasExchange exchange = new(session);
    private readonly ConcurrentDictionary<string, string> orgOfProject = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AtlasProject> projectByName = new(StringComparer.Ordinal);

    public IAsyncEnumerable<OrgApiKey> ListApiKeysAsync(string orgId, ListOptions? options = null, CancellationToken cancellationToken = default) =>
        Paginator.Items(ListApiKeyPagesAsync(orgId, options, cancellationToken), cancellationToken);

    public IAsyncEnumerable<AtlasPage<OrgApiKey>> ListApiKeyPagesAsync(string orgId, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var org = Id(orgId, "OrgId");
        var path = ApiPaths.OrgKeys(org);
        return Paginator.Pages(Paginator.Check(options), (query, token) => Read(new AtlasCall(HttpMethod.Get, path, AtlasOperation.Read, query) { RequiredRole = AtlasRoleRequirement.OrganizationMember(org) }, body => KeyPageReader.Read(body, new OrgKeyShape(org)), token), cancellationToken);
    }

    public Task<OrgApiKey> GetApiKeyAsync(string orgId, string apiKeyId, CancellationToken cancellationToken = default)
    {
        var org = Id(orgId, "OrgId");
        var call = new AtlasCall(HttpMethod.Get, ApiPaths.OrgKey(org, Id(apiKeyId, "ApiKeyId")), AtlasOperation.Read) { RequiredRole = AtlasRoleRequirement.OrganizationMember(org) };
        return Read(call, body => KeyPageReader.ReadKey(body, new OrgKeyShape(org), keepPrivateKey: false), cancellationToken);
    }

    public Task DeleteApiKeyAsync(string orgId, string apiKeyId, CancellationToken cancellationToken = default)
    {
        var call = new AtlasCall(HttpMethod.Delete, ApiPaths.OrgKey(Id(orgId, "OrgId"), Id(apiKeyId, "ApiKeyId")), AtlasOperation.Write("RESOURCE_NOT_FOUND", "The key may have been deleted all the same: list the organization's keys to see whether it is still there.")) { RequiredRole = AtlasRoleRequirement.OrganizationOwner(orgId) };
        return exchange.SendAsync(call, null, cancellationToken);
    }

    public IAsyncEnumerable<ApiKeyAccessListEntry> ListAccessListAsync(string orgId, string apiKeyId, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (org, key) = (Id(orgId, "OrgId"), Id(apiKeyId, "ApiKeyId"));
        var path = ApiPaths.AccessList(org, key);
        var pages = Paginator.Pages(Paginator.Check(options), (query, token) => Read(new AtlasCall(HttpMethod.Get, path, AtlasOperation.Read, query) { RequiredRole = AtlasRoleRequirement.OrganizationMember(org) }, body => OrgAnswers.AccessListPage(body, org, key), token), cancellationToken);
        return Paginator.Items(pages, cancellationToken);
    }

    public Task<IReadOnlyList<ApiKeyAccessListEntry>> AddAccessListEntriesAsync(string orgId, string apiKeyId, IReadOnlyList<string>? ipAddresses, IReadOnlyList<string>? cidrBlocks, CancellationToken cancellationToken = default)
    {
        var (org, key) = (Id(orgId, "OrgId"), Id(apiKeyId, "ApiKeyId"));
        var body = new List<AccessListRequestDto>();
        var seen = new HashSet<string>(StringComparer.Ordinal);   // Atlas refuses the whole POST for a duplicate in it
        foreach (var address in ipAddresses ?? [])
        {
            var entry = Entry(address, "IpAddress");
            if (seen.Add(AtlasValidation.Canonical(entry)!))
            {
                body.Add(new AccessListRequestDto { IpAddress = entry });
            }
        }

        foreach (var block in cidrBlocks ?? [])
        {
            var entry = Entry(block, "CidrBlock");
            if (seen.Add(AtlasValidation.Canonical(entry)!))
            {
                body.Add(new AccessListRequestDto { CidrBlock = entry });
            }
        }

        if (body.Count == 0)
        {
            throw new ArgumentException("Give at least one IpAddress or CidrBlock to add.", "IpAddress");
        }

        return AddAsync(org, key, body, cancellationToken);
    }

    public Task RemoveAccessListEntryAsync(string orgId, string apiKeyId, string ipAddressOrCidrBlock, CancellationToken cancellationToken = default)
    {
        var (org, key) = (Id(orgId, "OrgId"), Id(apiKeyId, "ApiKeyId"));
        var entry = Entry(ipAddressOrCidrBlock, ipAddressOrCidrBlock?.IndexOf('/') >= 0 ? "CidrBlock" : "IpAddress");
        var call = new AtlasCall(HttpMethod.Delete, ApiPaths.AccessListEntry(org, key, entry), AtlasOperation.Write("API_KEY_ACCESS_LIST_ENTRY_NOT_FOUND", "The entry may have been removed all the same: list the key's access list to see whether it is still there.")) { RequiredRole = AtlasRoleRequirement.OrganizationOwner(org) };
        return exchange.SendAsync(call, null, cancellationToken);
    }

    public Task<AtlasProject> GetProjectAsync(string projectId, CancellationToken cancellationToken = default) =>
        Read(new AtlasCall(HttpMethod.Get, ApiPaths.Project(Id(projectId, "ProjectId")), AtlasOperation.Read) { RequiredRole = AtlasRoleRequirement.ProjectReadOnly(projectId) }, body => OrgAnswers.Project(body), cancellationToken);

    public IAsyncEnumerable<AtlasProject> ListProjectsAsync(ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var pages = Paginator.Pages(Paginator.Check(options), (query, token) => Read(new AtlasCall(HttpMethod.Get, ApiPaths.Projects, AtlasOperation.Read, query), body => Remember(OrgAnswers.ProjectPage(body)), token), cancellationToken);
        return Paginator.Items(pages, cancellationToken);
    }

    public Task<AtlasProject> GetProjectByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        if (name is null || name.Trim().Length == 0 || name.Length > 64)
        {
            throw new ArgumentException("ProjectName must be 1 to 64 characters.", "ProjectName");
        }

        return projectByName.TryGetValue(name, out var known) ? Task.FromResult(known)
            : Read(new AtlasCall(HttpMethod.Get, ApiPaths.ProjectByName(name), AtlasOperation.Read) { RequiredRole = AtlasRoleRequirement.ProjectReadOnly($"'{name}'") }, body => Remember(OrgAnswers.Project(body)), cancellationToken);
    }

    /// <summary>Keeps what an answer said of a project (its id by name, its organization), so the session
    /// asks no more about it: -ProjectName after a listing (completion) or an earlier look-up sends nothing.</summary>
    private AtlasProject Remember(AtlasProject project)
    {
        projectByName[project.Name] = project;
        orgOfProject.TryAdd(project.Id, project.OrgId);
        return project;
    }

    private WirePage<AtlasProject> Remember(WirePage<AtlasProject> page)
    {
        foreach (var project in page.Items)
        {
            Remember(project);
        }

        return page;
    }

    public Task<string> ResolveOrgIdAsync(string? orgId, string? environmentOrgId = null, string? projectId = null, CancellationToken cancellationToken = default)
    {
        if (orgId is not null)
        {
            return Task.FromResult(Id(orgId, "OrgId"));
        }

        if (session.DefaultOrgId is { } connected)
        {
            return Task.FromResult(connected);
        }

        if (environmentOrgId is { } fromEnvironment && fromEnvironment.Trim().Length > 0)
        {
            return Task.FromResult(Id(fromEnvironment.Trim(), "MONGODB_ATLAS_ORG_ID"));
        }

        var project = Id(projectId ?? session.DefaultProjectId ?? throw new ArgumentException(NoOrgIdMessage, "OrgId"), "ProjectId");
        return orgOfProject.TryGetValue(project, out var known) ? Task.FromResult(known) : LookUpOrgIdAsync(project, cancellationToken);
    }

    private async Task<string> LookUpOrgIdAsync(string project, CancellationToken cancellationToken)
    {
        var org = (await GetProjectAsync(project, cancellationToken).ConfigureAwait(false)).OrgId;
        orgOfProject.TryAdd(project, org);
        return org;
    }

    private async Task<IReadOnlyList<ApiKeyAccessListEntry>> AddAsync(string org, string key, List<AccessListRequestDto> body, CancellationToken cancellationToken)
    {
        var call = new AtlasCall(HttpMethod.Post, ApiPaths.AccessList(org, key), AtlasOperation.Write("ADDRESS_ALREADY_IN_ACCESS_LIST", "The entries may have been added all the same: list the key's access list to see which are there."), "itemsPerPage=500") { RequiredRole = AtlasRoleRequirement.OrganizationOwner(org) };
        var page = await exchange.SendAsync(call, AtlasExchange.Json(body, AtlasJsonContext.Default.ListAccessListRequestDto), answer => OrgAnswers.AccessListPage(answer, org, key), cancellationToken).ConfigureAwait(false);
        return page?.Items ?? await ToListAsync(ListAccessListAsync(org, key, null, cancellationToken)).ConfigureAwait(false);   // an earlier attempt added them
    }

    private async Task<T> Read<T>(AtlasCall call, BodyParser<T> parse, CancellationToken cancellationToken)
        where T : class =>
        (await exchange.SendAsync(call, null, parse, cancellationToken).ConfigureAwait(false))!;

    private static string Id(string value, string parameterName)
    {
        AtlasValidation.ThrowIfInvalid(AtlasValidation.CheckId(value, parameterName), parameterName);
        return value.ToLowerInvariant();
    }

    /// <summary>An address or block as sent: checked, trimmed, IPv6 written out in full (<see cref="AtlasValidation.WireForm"/>).</summary>
    private static string Entry(string? value, string parameterName)
    {
        AtlasValidation.ThrowIfInvalid(parameterName == "CidrBlock" ? AtlasValidation.CheckCidrBlock(value, parameterName) : AtlasValidation.CheckIpAddress(value, parameterName), parameterName);
        return AtlasValidation.WireForm(value!);
    }

    private static async Task<IReadOnlyList<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items.ConfigureAwait(false))
        {
            list.Add(item);
        }

        return list;
    }
}
