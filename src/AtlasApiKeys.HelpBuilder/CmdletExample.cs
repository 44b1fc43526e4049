using System.Collections.Generic;

namespace AtlasApiKeys.HelpBuilder;

/// <summary>An example: its title, its code and the text after the code.</summary>
internal sealed record CmdletExample(string Title, string Code, IReadOnlyList<MarkdownBlock> Remarks);
