using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Errors;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Commands;

/// <summary>New-AtlasProjectApiKey: creates an organization key and assigns it to the project. Its
/// private key comes back once, as a SecureString.</summary>
[Cmdlet(VerbsCommon.New, "AtlasProjectApiKey", DefaultParameterSetName = DefaultSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ProjectApiKey))]
public sealed class NewAtlasProjectApiKeyCommand : AtlasCmdletBase
{
    /// <summary>The only set.</summary>
    public const string DefaultSet = "Default";

    /// <summary>The project (default: the session's).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("GroupId")]
    [ValidateAtlasId("ProjectId")]
    [ArgumentCompleter(typeof(ProjectIdCompleter))]
    public string? ProjectId { get; set; }

    /// <summary>The project by name (getGroupByName, once per session), instead of -ProjectId.</summary>
    [Parameter]
    [ValidateLength(1, 64)]
    [ArgumentCompleter(typeof(ProjectNameCompleter))]
    public string? ProjectName { get; set; }

    /// <summary>What the key is for: 1 to 250 characters.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateAtlasDescription]
    public string Description { get; set; } = null!;

    /// <summary>The key's roles in the project.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [SplitRoles]
    [AtlasRoleCase]
    [ValidateAtlasRole]
    [ArgumentCompleter(typeof(ProjectRoleCompleter))]
    public string[] Role { get; set; } = null!;

    /// <summary>Addresses and CIDR blocks for the key's API access list, added right after the create
    /// in one request (a value with '/' is a block); none (null or an empty list, as another key's empty
    /// list reads) adds nothing.</summary>
    [Parameter]
    [AllowNull]
    [AllowEmptyCollection]
    [ValidateAtlasAccessListEntry(AccessListEntryKind.Either, "AccessList", AllowNullValues = true)]
    public string[]? AccessList
    {
        get => accessList;
        set => accessList = value?.Where(e => e is not null).ToArray() is { Length: > 0 } given ? given : null;
    }

    private string[]? accessList;

    /// <inheritdoc />
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var projectId = ProjectId;
        try
        {
            projectId = ProjectIdOrDefault(await ProjectIdByNameAsync(ProjectName, cancellationToken).ConfigureAwait(false) ?? ProjectId);
            if (!await ShouldProcessAsync($"new API key '{Description}' in project {projectId}", $"Create with role(s) {string.Join(", ", Role)}" + (AccessList is null ? string.Empty : $" and API access list {string.Join(", ", AccessList)}")).ConfigureAwait(false))
            {
                return;
            }

            // The organization first: when there is none, nothing is created.
            var orgId = AccessList is null ? null : await OrgIdOrDefaultAsync(null, projectId, cancellationToken).ConfigureAwait(false);
            var key = await Client.CreateAsync(projectId, Description, Role, cancellationToken).ConfigureAwait(false);
            WriteWarning(NewKeyWarning.Text(key.PublicKey, "New-AtlasProjectApiKey"));
            var failure = orgId is null ? null : await AddAccessListAsync(orgId, key, cancellationToken).ConfigureAwait(false);
            WriteObject(key);
            if (failure is not null)
            {
                WriteError(failure);
            }
        }
        catch (Exception ex) when (IsItemFailure(ex))
        {
            WriteItemError(ex, projectId);
        }
    }

    /// <summary>Adds -AccessList to the new key's access list; the error to write after the key when
    /// that fails (the key exists: its private key must still reach the output), else null.</summary>
    private async Task<ErrorRecord?> AddAccessListAsync(string orgId, ProjectApiKey key, CancellationToken cancellationToken)
    {
        var blocks = AccessList!.Where(ValidateAtlasAccessListEntryAttribute.IsBlock).ToList();
        var addresses = AccessList!.Where(e => !ValidateAtlasAccessListEntryAttribute.IsBlock(e)).ToList();
        try
        {
            await CurrentSession.Organization.AddAccessListEntriesAsync(orgId, key.Id, addresses, blocks, cancellationToken).ConfigureAwait(false);
            WriteVerbose($"Added {string.Join(", ", AccessList!)} to the API access list of key {key.Id}.");
            return null;
        }
        catch (Exception ex) when (IsItemFailure(ex))
        {
            var finish = $"Add-AtlasApiKeyAccessListEntry -ApiKeyId {key.Id} -OrgId {orgId}"
                + (addresses.Count == 0 ? string.Empty : $" -IpAddress {string.Join(",", addresses)}")
                + (blocks.Count == 0 ? string.Empty : $" -CidrBlock {string.Join(",", blocks)}");
            var message = $"API key {key.PublicKey} ({key.Id}) was created, but its API access list was not set: {ex.Message} The key exists and its private key is in the PrivateKey property of this command's output (and of this error's TargetObject); Atlas will not show it again. To finish: {finish}";
            var category = ex is AtlasApiException api ? ErrorMapper.Category(api) : ErrorCategory.InvalidArgument;
            return ErrorMapper.Record(new InvalidOperationException(message, ex), "AtlasAccessListNotSet", category, key, recommendedAction: finish);
        }
    }
}
