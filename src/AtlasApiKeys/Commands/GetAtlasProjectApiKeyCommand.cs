using System.Management.Automation;
using AtlasApiKeys.Core.Commands;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Commands;

/// <summary>Get-AtlasProjectApiKey: every key of one or more projects, streamed page by page.</summary>
[Cmdlet(VerbsCommon.Get, "AtlasProjectApiKey", DefaultParameterSetName = ListSet, SupportsPaging = true)]
[OutputType(typeof(ProjectApiKey))]
public sealed class GetAtlasProjectApiKeyCommand : AtlasCmdletBase
{
    /// <summary>Every key of the projects.</summary>
    public const string ListSet = "List";

    /// <summary>One key.</summary>
    public const string OneSet = "One";

    /// <summary>The projects (default: the session's).</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("GroupId")]
    [ValidateNotNullOrEmpty]
    [ValidateAtlasId("ProjectId")]
    public string[]? ProjectId { get; set; }

    /// <summary>The one key to get.</summary>
    [Parameter(Mandatory = true, ParameterSetName = OneSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [ValidateAtlasId("ApiKeyId")]
    public string ApiKeyId { get; set; } = null!;

    /// <summary>How many projects are listed at once.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateRange(1, 32)]
    public int ThrottleLimit { get; set; } = 4;

    /// <inheritdoc />
    protected override void ProcessRecord() => Run(context => GetKeysCommand.RunAsync(context, new GetKeysRequest
    {
        ProjectIds = ProjectId ?? [],
        ApiKeyId = ParameterSetName == OneSet ? ApiKeyId : null,
        ThrottleLimit = ThrottleLimit,
        First = PagingParameters.First,
        Skip = PagingParameters.Skip,
        IncludeTotalCount = PagingParameters.IncludeTotalCount,
    }));
}
