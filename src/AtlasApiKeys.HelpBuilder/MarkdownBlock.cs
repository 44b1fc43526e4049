namespace AtlasApiKeys.HelpBuilder;

/// <summary>A paragraph (inline Markdown already reduced to text) or a code block (verbatim).</summary>
internal sealed record MarkdownBlock(string Text, bool IsCode, string Language = "");
