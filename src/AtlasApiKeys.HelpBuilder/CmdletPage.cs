using System.Collections.Generic;

namespace AtlasApiKeys.HelpBuilder;

/// <summary>One platyPS cmdlet page (schema 2.0.0), parsed.</summary>
internal sealed record CmdletPage(
    string Name,
    string HelpFile,
    string Synopsis,
    IReadOnlyList<MarkdownBlock> Description,
    IReadOnlyList<SyntaxSet> Syntax,
    IReadOnlyList<CmdletParameter> Parameters,
    IReadOnlyList<CmdletExample> Examples,
    IReadOnlyList<TypeEntry> Inputs,
    IReadOnlyList<TypeEntry> Outputs,
    IReadOnlyList<MarkdownBlock> Notes,
    IReadOnlyList<RelatedLink> Links);
