using System.Collections.Generic;
using System.Linq;

namespace AtlasApiKeys.HelpBuilder;

/// <summary>A parameter section of a cmdlet page: its description and the metadata of its yaml block.</summary>
internal sealed record CmdletParameter(
    string Name,
    IReadOnlyList<MarkdownBlock> Description,
    string Type,
    IReadOnlyList<string> ParameterSets,
    IReadOnlyList<string> Aliases,
    bool Required,
    string Position,
    string DefaultValue,
    string PipelineInput,
    bool Globbing)
{
    public bool InAllSets => ParameterSets.Count == 0 || ParameterSets.Contains("(All)");

    public bool IsSwitch => Type is "SwitchParameter" or "System.Management.Automation.SwitchParameter";

    public bool InSet(string set) => InAllSets || ParameterSets.Contains(set);
}
