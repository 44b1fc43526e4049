using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace AtlasApiKeys.HelpBuilder;

/// <summary>The little Markdown the help pages use: front matter, ATX headings, paragraphs, lists, fenced and indented code.</summary>
internal static partial class MarkdownReader
{
    /// <summary>Splits a page into its front matter (key: value) and its sections; a '#' inside a code block is not a heading.</summary>
    public static (IReadOnlyDictionary<string, string> FrontMatter, IReadOnlyList<MarkdownSection> Sections) Read(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var frontMatter = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        if (lines.Length > 0 && lines[0].Trim() == "---")
        {
            for (index = 1; index < lines.Length && lines[index].Trim() != "---"; index++)
            {
                var colon = lines[index].IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    frontMatter[lines[index][..colon].Trim()] = lines[index][(colon + 1)..].Trim();
                }
            }

            index++;
        }

        var sections = new List<MarkdownSection>();
        var body = new List<(int, string)>();
        (int Level, string Title, int Line) heading = (0, string.Empty, 1);
        var inFence = false;
        for (; index < lines.Length; index++)
        {
            var line = lines[index];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }

            var match = inFence ? Match.Empty : Heading().Match(line);
            if (match.Success)
            {
                sections.Add(new MarkdownSection(heading.Level, heading.Title, heading.Line, body));
                body = [];
                heading = (match.Groups[1].Length, match.Groups[2].Value.Trim(), index + 1);
            }
            else
            {
                body.Add((index + 1, line));
            }
        }

        sections.Add(new MarkdownSection(heading.Level, heading.Title, heading.Line, body));
        return (frontMatter, sections.Where(s => s.Level > 0 || s.Body.Any(l => l.Text.Trim().Length > 0)).ToList());
    }

    /// <summary>Paragraphs (lines joined, inline Markdown reduced to text), list items (one block each) and code blocks (verbatim).</summary>
    public static IReadOnlyList<MarkdownBlock> Blocks(IEnumerable<(int Line, string Text)> lines)
    {
        var blocks = new List<MarkdownBlock>();
        var paragraph = new List<string>();
        var code = new List<string>();
        string? fence = null;
        var indented = false;

        void EndParagraph()
        {
            if (paragraph.Count > 0)
            {
                blocks.Add(new MarkdownBlock(Inline(string.Join(" ", paragraph)), IsCode: false));
                paragraph.Clear();
            }
        }

        void EndCode(string language)
        {
            while (code.Count > 0 && code[^1].Trim().Length == 0)
            {
                code.RemoveAt(code.Count - 1);
            }

            blocks.Add(new MarkdownBlock(string.Join("\n", code), IsCode: true, language));
            code.Clear();
        }

        foreach (var (_, text) in lines)
        {
            var trimmed = text.Trim();
            if (fence is not null)
            {
                if (trimmed.StartsWith("```", StringComparison.Ordinal))
                {
                    EndCode(fence);
                    fence = null;
                }
                else
                {
                    code.Add(text);
                }

                continue;
            }

            if (indented && (text.StartsWith("    ", StringComparison.Ordinal) || trimmed.Length == 0))
            {
                code.Add(trimmed.Length == 0 ? string.Empty : text[4..]);
                continue;
            }

            if (indented)
            {
                EndCode(string.Empty);
                indented = false;
            }

            if (trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                EndParagraph();
                fence = trimmed[3..].Trim();
            }
            else if (trimmed.Length == 0)
            {
                EndParagraph();
            }
            else if (paragraph.Count == 0 && text.StartsWith("    ", StringComparison.Ordinal))
            {
                indented = true;
                code.Add(text[4..]);
            }
            else
            {
                if (ListItem().IsMatch(text))
                {
                    EndParagraph();
                }

                paragraph.Add(trimmed);
            }
        }

        if (fence is not null || indented)
        {
            EndCode(fence ?? string.Empty);
        }

        EndParagraph();
        return blocks;
    }

    /// <summary>Inline Markdown to plain text: code spans, emphasis, links and backslash escapes.</summary>
    public static string Inline(string text)
    {
        var result = Link().Replace(text, m => m.Groups[1].Value);
        result = CodeSpan().Replace(result, m => m.Groups[1].Value);
        result = Strong().Replace(result, m => m.Groups[2].Value);
        result = Escape().Replace(result, m => m.Groups[1].Value);
        return result;
    }

    /// <summary>Wraps text at spaces so no line passes <paramref name="width"/> (a single longer word keeps its own line).</summary>
    public static IEnumerable<string> Wrap(string text, int width, string indent)
    {
        var line = new StringBuilder(indent);
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > indent.Length && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear().Append(indent);
            }

            if (line.Length > indent.Length)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        if (line.Length > indent.Length)
        {
            yield return line.ToString();
        }
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*([-*+]|\d+\.)\s+")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)]*)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"(\*\*|__)(.+?)\1")]
    private static partial Regex Strong();

    [GeneratedRegex(@"\\([\\`*_{}\[\]()#+\-.!<>|])")]
    private static partial Regex Escape();
}
