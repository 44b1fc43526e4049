using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Core;

/// <summary>The organization's API keys, their API access lists, and projects (which organization a
/// project is in). Every failure is an <see cref="Errors.AtlasApiException"/>; bad arguments are an
/// <see cref="System.ArgumentException"/> naming the parameter, thrown before any request.</summary>
public interface IAtlasOrganizationClient
{
    /// <summary>Every key of the organization with its roles in the organization and in every project
    /// (listOrgApiKeys, all pages), yielded as each page arrives.</summary>
    IAsyncEnumerable<OrgApiKey> ListApiKeysAsync(string orgId, ListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The organization's keys page by page (for -First, -Skip and -IncludeTotalCount).</summary>
    IAsyncEnumerable<AtlasPage<OrgApiKey>> ListApiKeyPagesAsync(string orgId, ListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>One key of the organization (getOrgApiKey).</summary>
    Task<OrgApiKey> GetApiKeyAsync(string orgId, string apiKeyId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the key from the organization and so from every project (deleteOrgApiKey).</summary>
    Task DeleteApiKeyAsync(string orgId, string apiKeyId, CancellationToken cancellationToken = default);

    /// <summary>The key's API access list, all pages (listOrgApiKeyAccessListEntries).</summary>
    IAsyncEnumerable<ApiKeyAccessListEntry> ListAccessListAsync(string orgId, string apiKeyId, ListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Adds addresses and CIDR blocks to the key's access list in one POST
    /// (createOrgApiKeyAccessListEntry); each is checked first (the error names IpAddress or CidrBlock).
    /// Returns the key's access list as the answer shows it (up to 500 entries).</summary>
    Task<IReadOnlyList<ApiKeyAccessListEntry>> AddAccessListEntriesAsync(string orgId, string apiKeyId, IReadOnlyList<string>? ipAddresses, IReadOnlyList<string>? cidrBlocks, CancellationToken cancellationToken = default);

    /// <summary>Removes one entry, an address or a CIDR block (its '/' sent as %2F), from the key's access
    /// list (deleteOrgApiKeyAccessListEntry). A value with '/' is checked as CidrBlock, else as IpAddress.</summary>
    Task RemoveAccessListEntryAsync(string orgId, string apiKeyId, string ipAddressOrCidrBlock, CancellationToken cancellationToken = default);

    /// <summary>One project, with its organization (getGroup).</summary>
    Task<AtlasProject> GetProjectAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>The projects the credentials can see, all pages (listGroups).</summary>
    IAsyncEnumerable<AtlasProject> ListProjectsAsync(ListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The project with this name (getGroupByName), asked once per session: a name an earlier
    /// look-up or a listing of projects showed is answered from memory.</summary>
    Task<AtlasProject> GetProjectByNameAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The organization to act in: <paramref name="orgId"/> (-OrgId), else the session's default
    /// (Connect-Atlas -OrgId, or MONGODB_ATLAS_ORG_ID for a session made from the environment), else
    /// <paramref name="environmentOrgId"/> (MONGODB_ATLAS_ORG_ID as the caller read it), else the
    /// organization of <paramref name="projectId"/> or of the session's default project (getGroup, looked
    /// up once per session and project). An <see cref="System.ArgumentException"/> (OrgId) that names the
    /// four ways when none gives one.</summary>
    Task<string> ResolveOrgIdAsync(string? orgId, string? environmentOrgId = null, string? projectId = null, CancellationToken cancellationToken = default);
}
