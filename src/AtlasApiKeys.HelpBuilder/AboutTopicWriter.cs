using System;
using System.Collections.Generic;
using System.Linq;

namespace AtlasApiKeys.HelpBuilder;

/// <summary>
/// Writes an about topic's Markdown as the plain text Get-Help shows: TOPIC, then each '##' heading in
/// capitals at the margin, '###' headings indented by two, text indented by four and wrapped, code
/// indented by eight and kept as it is. Nothing passes the width: a code line that would is an error.
/// </summary>
internal static class AboutTopicWriter
{
    public const int Width = 80;

    public static string Write(string file, string markdown)
    {
        var (_, sections) = MarkdownReader.Read(markdown);
        var title = sections.FirstOrDefault(s => s.Level == 1);
        if (title is null || !title.Title.StartsWith("about_", StringComparison.Ordinal))
        {
            throw new HelpPageException(file, 1, "an about topic starts with '# about_<Name>'");
        }

        var lines = new List<string> { "TOPIC", "    " + title.Title };
        foreach (var section in sections.Where(s => s.Level > 1))
        {
            lines.Add(string.Empty);
            lines.Add(section.Level == 2 ? section.Title.ToUpperInvariant() : "  " + MarkdownReader.Inline(section.Title));
            var first = true;
            foreach (var block in MarkdownReader.Blocks(section.Body))
            {
                if (!first)
                {
                    lines.Add(string.Empty);
                }

                first = false;
                lines.AddRange(block.IsCode ? Code(file, section, block) : MarkdownReader.Wrap(block.Text, Width, "    "));
            }
        }

        return string.Join("\n", lines) + "\n";
    }

    private static IEnumerable<string> Code(string file, MarkdownSection section, MarkdownBlock block)
    {
        foreach (var line in block.Text.Split('\n'))
        {
            var indented = line.Length == 0 ? string.Empty : "        " + line;
            if (indented.Length > Width)
            {
                throw new HelpPageException(file, section.Line, $"a code line under '{section.Title}' is {indented.Length} columns once indented (at most {Width}): {line.Trim()}");
            }

            yield return indented;
        }
    }
}
