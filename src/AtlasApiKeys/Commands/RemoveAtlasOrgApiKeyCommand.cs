using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Commands;

/// <summary>Remove-AtlasOrgApiKey: deletes an organization API key (deleteOrgApiKey), and so removes it
/// from every project it is on. The confirmation names the key and those projects: from the piped key,
/// or from a read of the key (getOrgApiKey) when it is given by id. InputObject is the default set: a
/// piped OrgApiKey would bind ById too (its Id and OrgId properties), and then be read again.</summary>
[Cmdlet(VerbsCommon.Remove, "AtlasOrgApiKey", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveAtlasOrgApiKeyCommand : AtlasCmdletBase
{
    /// <summary>The key by id.</summary>
    public const string ByIdSet = "ById";

    /// <summary>Keys from Get-AtlasOrgApiKey.</summary>
    public const string InputObjectSet = "InputObject";

    /// <summary>The organization (default: Connect-Atlas -OrgId, else MONGODB_ATLAS_ORG_ID, else the
    /// organization of the session's project).</summary>
    [Parameter(ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateAtlasId("OrgId")]
    [ArgumentCompleter(typeof(OrgIdCompleter))]
    public string? OrgId { get; set; }

    /// <summary>The key's 24-hex-digit id.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateAtlasId("ApiKeyId")]
    [ArgumentCompleter(typeof(ApiKeyIdCompleter))]
    public string ApiKeyId { get; set; } = null!;

    /// <summary>A key Get-AtlasOrgApiKey wrote.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public OrgApiKey InputObject { get; set; } = null!;

    /// <inheritdoc />
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var keyId = ParameterSetName == InputObjectSet ? InputObject.Id : ApiKeyId;
        try
        {
            var key = ParameterSetName == InputObjectSet ? InputObject : await ReadAsync(cancellationToken).ConfigureAwait(false);
            if (await ShouldProcessAsync(Target(key), "Delete the API key from the organization (and so from every project it is on)").ConfigureAwait(false))
            {
                await CurrentSession.Organization.DeleteApiKeyAsync(key.OrgId, key.Id, cancellationToken).ConfigureAwait(false);
                WriteVerbose($"Deleted API key {key.PublicKey} ({key.Id}) from organization {key.OrgId}.");
            }
        }
        catch (Exception ex) when (IsItemFailure(ex))
        {
            WriteItemError(ex, keyId);
        }
    }

    /// <summary>What the confirmation names: the key, its description, its organization and its projects.</summary>
    internal static string Target(OrgApiKey key)
    {
        var projects = key.Assignments.Count == 0
            ? "on no project"
            : $"on {key.Assignments.Count} project(s): {string.Join(", ", key.Assignments.Select(a => a.ProjectId))}";
        return $"API key {key.PublicKey} '{key.Description}' ({key.Id}) of organization {key.OrgId}, {projects}";
    }

    private async Task<OrgApiKey> ReadAsync(CancellationToken cancellationToken)
    {
        var orgId = await OrgIdOrDefaultAsync(OrgId, null, cancellationToken).ConfigureAwait(false);
        WriteVerbose($"Reading API key {ApiKeyId} of organization {orgId} to name it and its projects.");
        return await CurrentSession.Organization.GetApiKeyAsync(orgId, ApiKeyId, cancellationToken).ConfigureAwait(false);
    }
}
