using System.Collections.Generic;

namespace AtlasApiKeys.HelpBuilder;

/// <summary>A heading and the lines under it up to the next heading of any level (line numbers are 1-based).</summary>
internal sealed record MarkdownSection(int Level, string Title, int Line, IReadOnlyList<(int Line, string Text)> Body);
