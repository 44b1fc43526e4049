using System.Collections.Generic;

namespace AtlasApiKeys.HelpBuilder;

/// <summary>An INPUTS or OUTPUTS entry: the type heading and the text under it.</summary>
internal sealed record TypeEntry(string Name, IReadOnlyList<MarkdownBlock> Description);
