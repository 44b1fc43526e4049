using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Commands;

/// <summary>Add-AtlasApiKeyAccessListEntry: adds addresses and CIDR blocks to an organization key's API
/// access list, all in one request.</summary>
[Cmdlet(VerbsCommon.Add, "AtlasApiKeyAccessListEntry", DefaultParameterSetName = IpAddressSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ApiKeyAccessListEntry))]
public sealed class AddAtlasApiKeyAccessListEntryCommand : AccessListCmdletBase
{
    /// <summary>Addresses, and blocks too if given.</summary>
    public const string IpAddressSet = "IpAddress";

    /// <summary>Blocks only.</summary>
    public const string CidrBlockSet = "CidrBlock";

    /// <summary>IP addresses to add, such as 203.0.113.10 or 2001:db8::10.</summary>
    [Parameter(Mandatory = true, ParameterSetName = IpAddressSet)]
    [ValidateNotNullOrEmpty]
    [ValidateAtlasAccessListEntry(AccessListEntryKind.IpAddress, "IpAddress")]
    public string[] IpAddress { get; set; } = null!;

    /// <summary>Blocks of addresses to add, in CIDR notation, such as 203.0.113.0/24.</summary>
    [Parameter(ParameterSetName = IpAddressSet)]
    [Parameter(Mandatory = true, ParameterSetName = CidrBlockSet)]
    [ValidateNotNullOrEmpty]
    [ValidateAtlasAccessListEntry(AccessListEntryKind.CidrBlock, "CidrBlock")]
    public string[]? CidrBlock { get; set; }

    /// <summary>Write the key's access list afterwards, as Atlas answered.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var addresses = ParameterSetName == IpAddressSet ? IpAddress : [];
        var entries = addresses.Concat(CidrBlock ?? []).ToList();
        try
        {
            if (!await ShouldProcessAsync($"API key {ApiKeyId}", $"Add to its API access list: {string.Join(", ", entries)}").ConfigureAwait(false))
            {
                return;
            }

            var org = await OrgIdAsync(cancellationToken).ConfigureAwait(false);
            var list = await Organization.AddAccessListEntriesAsync(org, ApiKeyId, addresses, CidrBlock, cancellationToken).ConfigureAwait(false);
            if (PassThru)
            {
                foreach (var entry in list)
                {
                    WriteObject(entry);
                }
            }
        }
        catch (Exception ex) when (IsItemFailure(ex))
        {
            WriteItemError(ex, ApiKeyId);
        }
    }
}
