using System.Management.Automation;
using AtlasApiKeys.Core.Commands;
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
    public string? ProjectId { get; set; }

    /// <summary>The key's 24-hex-digit id.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateAtlasId("ApiKeyId")]
    public string ApiKeyId { get; set; } = null!;

    /// <summary>A key Get-AtlasProjectApiKey wrote.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public ProjectApiKey InputObject { get; set; } = null!;

    /// <summary>Write the key afterwards.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>The request for the current pipeline item.</summary>
    private protected KeyRequest Request() => new()
    {
        ProjectId = ProjectId,
        ApiKeyId = ParameterSetName == ByIdSet ? ApiKeyId : null,
        InputObject = ParameterSetName == InputObjectSet ? InputObject : null,
        PassThru = PassThru,
    };
}
