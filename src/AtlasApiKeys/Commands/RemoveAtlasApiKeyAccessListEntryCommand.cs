using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasApiKeys.Commands;

/// <summary>Remove-AtlasApiKeyAccessListEntry: removes one address or CIDR block from an organization
/// key's API access list. ConfirmImpact High: a runbook that calls from a removed address is cut off.</summary>
[Cmdlet(VerbsCommon.Remove, "AtlasApiKeyAccessListEntry", DefaultParameterSetName = EntrySet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveAtlasApiKeyAccessListEntryCommand : AccessListCmdletBase
{
    /// <summary>An address or a block, by -Entry or from Get-AtlasApiKeyAccessListEntry's entries.</summary>
    public const string EntrySet = "Entry";

    /// <summary>An address.</summary>
    public const string IpAddressSet = "IpAddress";

    /// <summary>A block.</summary>
    public const string CidrBlockSet = "CidrBlock";

    /// <summary>The entry: an address, or a block in CIDR notation (by property name: the Entry of
    /// Get-AtlasApiKeyAccessListEntry's objects).</summary>
    [Parameter(Mandatory = true, ParameterSetName = EntrySet, ValueFromPipelineByPropertyName = true)]
    [ValidateAtlasAccessListEntry(AccessListEntryKind.Either, "Entry")]
    public string Entry { get; set; } = null!;

    /// <summary>The address to remove.</summary>
    [Parameter(Mandatory = true, ParameterSetName = IpAddressSet)]
    [ValidateAtlasAccessListEntry(AccessListEntryKind.IpAddress, "IpAddress")]
    public string IpAddress { get; set; } = null!;

    /// <summary>The block to remove, in CIDR notation (sent with its '/' as %2F).</summary>
    [Parameter(Mandatory = true, ParameterSetName = CidrBlockSet)]
    [ValidateAtlasAccessListEntry(AccessListEntryKind.CidrBlock, "CidrBlock")]
    public string CidrBlock { get; set; } = null!;

    /// <inheritdoc />
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var entry = ParameterSetName switch
        {
            IpAddressSet => IpAddress,
            CidrBlockSet => CidrBlock,
            _ => Entry,
        };
        try
        {
            if (!await ShouldProcessAsync($"entry {entry} of the API access list of key {ApiKeyId}", "Remove").ConfigureAwait(false))
            {
                return;
            }

            var org = await OrgIdAsync(cancellationToken).ConfigureAwait(false);
            await Organization.RemoveAccessListEntryAsync(org, ApiKeyId, entry, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsItemFailure(ex))
        {
            WriteItemError(ex, entry);
        }
    }
}
