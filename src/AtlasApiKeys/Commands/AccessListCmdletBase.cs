using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core;

namespace AtlasApiKeys.Commands;

/// <summary>The parameters the access-list cmdlets share: the organization key, by id or from objects
/// with Id/ApiKeyId and OrgId (Get-AtlasOrgApiKey's keys, Get-AtlasApiKeyAccessListEntry's entries),
/// and its organization.</summary>
public abstract class AccessListCmdletBase : AtlasCmdletBase
{
    /// <summary>The organization key's 24-hex-digit id.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateAtlasId("ApiKeyId")]
    [ArgumentCompleter(typeof(ApiKeyIdCompleter))]
    public string ApiKeyId { get; set; } = null!;

    /// <summary>The key's organization (default: Connect-Atlas -OrgId, else MONGODB_ATLAS_ORG_ID, else
    /// the organization of the session's project).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateAtlasId("OrgId")]
    [ArgumentCompleter(typeof(OrgIdCompleter))]
    public string? OrgId { get; set; }

    /// <summary>Hidden: the project of a piped project key (Get-AtlasProjectApiKey's), whose organization
    /// is looked up when no -OrgId, Connect-Atlas -OrgId or MONGODB_ATLAS_ORG_ID gives one.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
    [Alias("GroupId")]
    [ValidateAtlasId("ProjectId")]
    public string? ProjectId { get; set; }

    /// <summary>The organization client of the session.</summary>
    private protected IAtlasOrganizationClient Organization => CurrentSession.Organization;

    /// <summary>-OrgId, else the session's or the environment's, else the piped key's project's, else the
    /// default project's (an ArgumentException naming the ways when none gives one).</summary>
    private protected Task<string> OrgIdAsync(CancellationToken cancellationToken) => OrgIdOrDefaultAsync(OrgId, ProjectId, cancellationToken);
}
