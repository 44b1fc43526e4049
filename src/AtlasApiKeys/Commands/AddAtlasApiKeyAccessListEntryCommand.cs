using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Commands;

/// <summary>Add-AtlasApiKeyAccessListEntry: adds addresses and CIDR blocks to an organization key's API
/// access list, all in one request.</summary>
[Cmdlet(VerbsCommon.Add, "AtlasApiKeyAccessListEntry", DefaultParameterSetName = DefaultSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ApiKeyAccessListEntry))]
public sealed class AddAtlasApiKeyAccessListEntryCommand : AccessListCmdletBase
{
    /// <summary>The only set: -IpAddress, -CidrBlock, or both.</summary>
    public const string DefaultSet = "Default";

    /// <summary>IP addresses to add, such as 203.0.113.10 or 2001:db8::10.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateAtlasAccessListEntry(AccessListEntryKind.IpAddress, "IpAddress")]
    public string[]? IpAddress { get; set; }

    /// <summary>Blocks of addresses to add, in CIDR notation, such as 203.0.113.0/24.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateAtlasAccessListEntry(AccessListEntryKind.CidrBlock, "CidrBlock")]
    public string[]? CidrBlock { get; set; }

    /// <summary>Write the key's access list afterwards, as Atlas answered.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override Task BeginProcessingAsync(CancellationToken cancellationToken)
    {
        if (IpAddress is null && CidrBlock is null)
        {
            ThrowTerminatingError(ErrorMapper.Record(new ArgumentException("Give -IpAddress, -CidrBlock, or both: there is nothing to add.", "IpAddress"), "AtlasInvalidArgument", ErrorCategory.InvalidArgument, null));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var addresses = IpAddress ?? [];
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
