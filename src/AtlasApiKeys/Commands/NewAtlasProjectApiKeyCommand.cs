using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
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
    [ValidateAtlasRole]
    [ArgumentCompleter(typeof(ProjectRoleCompleter))]
    public string[] Role { get; set; } = null!;

    /// <inheritdoc />
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var projectId = ProjectId;
        try
        {
            projectId = ProjectIdOrDefault(await ProjectIdByNameAsync(ProjectName, cancellationToken).ConfigureAwait(false) ?? ProjectId);
            if (!await ShouldProcessAsync($"new API key '{Description}' in project {projectId}", $"Create with role(s) {string.Join(", ", Role)}").ConfigureAwait(false))
            {
                return;
            }

            var key = await Client.CreateAsync(projectId, Description, Role, cancellationToken).ConfigureAwait(false);
            WriteWarning(NewKeyWarning.Text(key.PublicKey, "New-AtlasProjectApiKey"));
            WriteObject(key);
        }
        catch (Exception ex) when (IsItemFailure(ex))
        {
            WriteItemError(ex, projectId);
        }
    }
}
