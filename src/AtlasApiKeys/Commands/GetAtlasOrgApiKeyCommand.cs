using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Commands;

/// <summary>Get-AtlasOrgApiKey: every key of the organization (listOrgApiKeys, streamed page by page)
/// or one (getOrgApiKey), each with its organization roles and its roles in every project.</summary>
[Cmdlet(VerbsCommon.Get, "AtlasOrgApiKey", DefaultParameterSetName = ListSet, SupportsPaging = true)]
[OutputType(typeof(OrgApiKey))]
public sealed class GetAtlasOrgApiKeyCommand : AtlasCmdletBase
{
    /// <summary>Every key of the organization.</summary>
    public const string ListSet = "List";

    /// <summary>One key.</summary>
    public const string OneSet = "One";

    /// <summary>The organization (default: Connect-Atlas -OrgId, else MONGODB_ATLAS_ORG_ID, else the
    /// organization of the session's project).</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateAtlasId("OrgId")]
    [ArgumentCompleter(typeof(OrgIdCompleter))]
    public string? OrgId { get; set; }

    /// <summary>The one key to get.</summary>
    [Parameter(Mandatory = true, ParameterSetName = OneSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateAtlasId("ApiKeyId")]
    [ArgumentCompleter(typeof(ApiKeyIdCompleter))]
    public string ApiKeyId { get; set; } = null!;

    /// <inheritdoc />
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (WritesNothing)
        {
            return;
        }

        string? orgId = null;
        try
        {
            orgId = await OrgIdOrDefaultAsync(OrgId, null, cancellationToken).ConfigureAwait(false);
            if (ParameterSetName == OneSet)
            {
                WriteVerbose($"Reading API key {ApiKeyId} of organization {orgId}.");
                WriteObject(await CurrentSession.Organization.GetApiKeyAsync(orgId, ApiKeyId, cancellationToken).ConfigureAwait(false));
            }
            else
            {
                await ListAsync(orgId, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (IsItemFailure(ex))
        {
            WriteItemError(ex, ParameterSetName == OneSet ? ApiKeyId : orgId ?? OrgId);
        }
    }

    private async Task ListAsync(string orgId, CancellationToken cancellationToken)
    {
        var window = new OutputWindow(PagingParameters.Skip, PagingParameters.First);
        var options = KeyListing.Plan(window.Skip, window.First);
        window.Skip -= (ulong)(options.StartPage - 1) * (ulong)options.ItemsPerPage;
        WriteVerbose($"Listing the API keys of organization {orgId}, {options.ItemsPerPage} a page from page {options.StartPage}.");
        var first = true;
        await OrgListing.ForEachKeyPageAsync(CurrentSession.Organization, orgId, options, page =>
        {
            if (first && PagingParameters.IncludeTotalCount)
            {
                WriteObject(PagingParameters.NewTotalCount((ulong)Math.Max(page.TotalCount ?? page.Items.Count, 0), 1.0));
            }

            first = false;
            return window.Write(page.Items, WriteObject);
        }, cancellationToken).ConfigureAwait(false);
    }
}
