using System;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Commands;

/// <summary>The parameters Add, Set and Remove share: a key by ids, or the objects Get writes.</summary>
public abstract class KeyCmdletBase : AtlasCmdletBase
{
    /// <summary>Key and project by id.</summary>
    public const string ByIdSet = "ById";

    /// <summary>Keys from the pipeline.</summary>
    public const string InputObjectSet = "InputObject";

    /// <summary>The project (with -InputObject: the target project; default: the input's, else the session's).</summary>
    [Parameter(ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = InputObjectSet)]
    [Alias("GroupId")]
    [ValidateAtlasId("ProjectId")]
    [ArgumentCompleter(typeof(ProjectIdCompleter))]
    public string? ProjectId { get; set; }

    /// <summary>The project by name (getGroupByName, once per session), instead of -ProjectId; it names
    /// the target project over a ProjectId from the pipeline.</summary>
    [Parameter]
    [ValidateLength(1, 64)]
    [ArgumentCompleter(typeof(ProjectNameCompleter))]
    public string? ProjectName { get; set; }

    /// <summary>The key's 24-hex-digit id.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateAtlasId("ApiKeyId")]
    [ArgumentCompleter(typeof(ApiKeyIdCompleter))]
    public string ApiKeyId { get; set; } = null!;

    /// <summary>A key Get-AtlasProjectApiKey wrote. A piped key binds by id (the default set takes the
    /// pipeline first, by property name); it binds here too, unseen, so the confirmation can name it.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [Parameter(ParameterSetName = ByIdSet, ValueFromPipeline = true, DontShow = true)]
    [ValidateNotNull]
    public ProjectApiKey InputObject { get; set; } = null!;

    /// <summary>Write the key afterwards.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>One key's change: the target's project (the given one, else the input's, else the
    /// session's), ShouldProcess with <paramref name="action"/> right before the change, failures per item.</summary>
    private protected Task ChangeKeyAsync(string action, Func<string, string, Task> change) =>
        ChangeKeyAsync((_, _) => Task.FromResult<string?>(action), change);

    /// <summary><see cref="ChangeKeyAsync(string, Func{string, string, Task})"/> whose action is worked
    /// out first, from the project and key (a read, say); a null action means there is nothing to ask
    /// (<paramref name="prepare"/> has said why).</summary>
    private protected async Task ChangeKeyAsync(Func<string, string, Task<string?>> prepare, Func<string, string, Task> change)
    {
        var keyId = ParameterSetName == InputObjectSet ? InputObject.Id : ApiKeyId;
        try
        {
            var projectId = ProjectIdOrDefault(await ProjectIdByNameAsync(ProjectName, WorkCancellation).ConfigureAwait(false) ?? ProjectId ?? (ParameterSetName == InputObjectSet ? InputObject.ProjectId : null));
            if (await prepare(projectId, keyId).ConfigureAwait(false) is not { } action)
            {
                return;
            }

            if (await ShouldProcessAsync(Target(keyId, projectId), action).ConfigureAwait(false))
            {
                await change(projectId, keyId).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (IsItemFailure(ex))
        {
            WriteItemError(ex, keyId);
        }
    }

    /// <summary>What ShouldProcess names: the key's description and public key too when the input
    /// carries them (a piped key); by id, the ids only (no read is made just to name the key).</summary>
    private string Target(string keyId, string projectId) =>
        InputObject is { } piped && piped.Id == keyId && piped.PublicKey is { Length: > 0 } publicKey
            ? (piped.Description is { } description
                ? $"API key '{description}' ({publicKey}, id {keyId}) in project {projectId}"
                : $"API key {publicKey} (id {keyId}) in project {projectId}")
            : $"API key {keyId} in project {projectId}";
}
