using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Commands;

/// <summary>Get-AtlasApiKeyAccessListEntry: an organization key's API access list, every page, streamed.</summary>
[Cmdlet(VerbsCommon.Get, "AtlasApiKeyAccessListEntry", DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(ApiKeyAccessListEntry))]
public sealed class GetAtlasApiKeyAccessListEntryCommand : AccessListCmdletBase
{
    /// <summary>The only set.</summary>
    public const string DefaultSet = "Default";

    /// <inheritdoc />
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        try
        {
            var org = await OrgIdAsync(cancellationToken).ConfigureAwait(false);
            WriteVerbose($"Listing the API access list of key {ApiKeyId} in organization {org}.");
            await OrgListing.ForEachAccessListEntryAsync(Organization, org, ApiKeyId, entry =>
            {
                WriteObject(entry);
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsItemFailure(ex))
        {
            WriteItemError(ex, ApiKeyId);
        }
    }
}
