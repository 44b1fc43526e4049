using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace AtlasApiKeys.HelpBuilder;

/// <summary>
/// Reads a platyPS cmdlet page (schema 2.0.0) and refuses one that would make thin help: a missing
/// synopsis, description or example, a parameter without description or metadata, a platyPS
/// placeholder left in, a syntax line naming a parameter the page does not describe.
/// </summary>
internal static partial class CmdletPageParser
{
    /// <summary>Get-Help indents example code by four, and an 80-column console shows 78 characters of a line before
    /// wrapping it mid-word (seen in tmux): 74 is the widest code line that fits.</summary>
    public const int MaxExampleCodeWidth = 74;

    public static CmdletPage Parse(string file, string text)
    {
        var (frontMatter, sections) = MarkdownReader.Read(text);
        var placeholder = text.Split('\n').Select((l, i) => (Line: i + 1, Text: l)).FirstOrDefault(l => l.Text.Contains("{{", StringComparison.Ordinal));
        Require(file, placeholder.Text is null, placeholder.Line, $"a platyPS placeholder is left in: {placeholder.Text?.Trim()}");
        Require(file, frontMatter.TryGetValue("external help file", out var helpFile) && helpFile.Length > 0, 1, "the front matter has no 'external help file'");

        var title = sections.FirstOrDefault(s => s.Level == 1);
        Require(file, title is not null, 1, "no '# <cmdlet name>' heading");
        var name = title!.Title;
        Require(file, string.Equals(name, Path.GetFileNameWithoutExtension(file), StringComparison.OrdinalIgnoreCase), title.Line, $"the page of {name} is named {Path.GetFileName(file)}");

        var synopsis = Text(Blocks(sections, "SYNOPSIS"));
        Require(file, synopsis.Length > 0, title.Line, "## SYNOPSIS is missing or empty");
        var description = Blocks(sections, "DESCRIPTION");
        Require(file, description.Count > 0, title.Line, "## DESCRIPTION is missing or empty");

        var parameters = Children(sections, "PARAMETERS")
            .Where(s => s.Title != "CommonParameters")
            .Select(s => ReadParameter(file, s))
            .ToList();
        var syntax = Children(sections, "SYNTAX").Select(s => ReadSyntax(file, s, parameters)).ToList();
        Require(file, syntax.Count > 0, title.Line, "## SYNTAX has no '### <parameter set>' with a syntax line");

        var examples = Children(sections, "EXAMPLES").Select(s => ReadExample(file, s)).ToList();
        Require(file, examples.Count > 0, title.Line, "## EXAMPLES has no '### Example' with code");

        return new CmdletPage(
            name,
            helpFile!,
            synopsis,
            description,
            syntax,
            parameters,
            examples,
            Children(sections, "INPUTS").Select(s => new TypeEntry(s.Title, MarkdownReader.Blocks(s.Body))).ToList(),
            Children(sections, "OUTPUTS").Select(s => new TypeEntry(s.Title, MarkdownReader.Blocks(s.Body))).ToList(),
            Blocks(sections, "NOTES"),
            Blocks(sections, "RELATED LINKS").SelectMany(b => ReadLinks(b.Text)).ToList());
    }

    private static CmdletParameter ReadParameter(string file, MarkdownSection section)
    {
        Require(file, section.Title.StartsWith('-'), section.Line, $"'### {section.Title}' under PARAMETERS is not '### -<Name>'");
        var name = section.Title[1..].Trim();
        var blocks = MarkdownReader.Blocks(section.Body);
        var description = blocks.Where(b => !(b.IsCode && b.Language == "yaml")).ToList();
        Require(file, description.Count > 0, section.Line, $"-{name} has no description");
        var yaml = blocks.FirstOrDefault(b => b.IsCode && b.Language == "yaml");
        Require(file, yaml is not null, section.Line, $"-{name} has no ```yaml block of metadata");
        var meta = yaml!.Text.Split('\n')
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        string Get(string key) => meta.TryGetValue(key, out var value) ? value : string.Empty;
        Require(file, Get("Type").Length > 0, section.Line, $"-{name} has no Type in its metadata");
        return new CmdletParameter(
            name,
            description,
            Get("Type"),
            List(Get("Parameter Sets")),
            List(Get("Aliases")),
            Get("Required").Equals("True", StringComparison.OrdinalIgnoreCase),
            Get("Position") is { Length: > 0 } position ? position : "Named",
            Get("Default value") is { Length: > 0 } value ? value : "None",
            Get("Accept pipeline input") is { Length: > 0 } pipeline ? pipeline : "False",
            Get("Accept wildcard characters").Equals("True", StringComparison.OrdinalIgnoreCase));
    }

    private static SyntaxSet ReadSyntax(string file, MarkdownSection section, IReadOnlyList<CmdletParameter> parameters)
    {
        var isDefault = section.Title.EndsWith("(Default)", StringComparison.Ordinal);
        var name = isDefault ? section.Title[..^"(Default)".Length].Trim() : section.Title;
        var line = MarkdownReader.Blocks(section.Body).FirstOrDefault(b => b.IsCode);
        Require(file, line is not null, section.Line, $"syntax set {name} has no syntax line");
        var order = new List<string>();
        foreach (Match match in SyntaxParameter().Matches(line!.Text))
        {
            var parameter = match.Groups[1].Value;
            Require(file, parameters.Any(p => p.Name == parameter), section.Line, $"the syntax of {name} names -{parameter}, which has no '### -{parameter}' section");
            order.Add(parameter);
        }

        return new SyntaxSet(name, isDefault, order);
    }

    private static CmdletExample ReadExample(string file, MarkdownSection section)
    {
        var blocks = MarkdownReader.Blocks(section.Body);
        var code = blocks.Where(b => b.IsCode).Select(b => b.Text).ToList();
        Require(file, code.Count > 0 && code.All(c => c.Trim().Length > 0), section.Line, $"'{section.Title}' has no code");
        var tooWide = code.SelectMany(c => c.Split('\n')).FirstOrDefault(l => l.Length > MaxExampleCodeWidth);
        Require(file, tooWide is null, section.Line, $"a code line of '{section.Title}' is {tooWide?.Length} columns (at most {MaxExampleCodeWidth}, to fit 80 once Get-Help indents it): {tooWide}");
        var lastCode = blocks.Select((b, i) => (b, i)).Last(x => x.b.IsCode).i;
        return new CmdletExample(section.Title, string.Join("\n\n", code), blocks.Skip(lastCode + 1).ToList());
    }

    private static IEnumerable<RelatedLink> ReadLinks(string text)
    {
        // The paragraph was reduced to text; read the links from the original form when there is one.
        var matches = MarkdownLink().Matches(text);
        return matches.Count == 0
            ? [new RelatedLink(text, string.Empty)]
            : matches.Select(m => new RelatedLink(m.Groups[1].Value, m.Groups[2].Value.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? m.Groups[2].Value : string.Empty));
    }

    private static IEnumerable<MarkdownSection> Children(IReadOnlyList<MarkdownSection> sections, string title)
    {
        var start = sections.ToList().FindIndex(s => s.Level == 2 && s.Title == title);
        return start < 0 ? [] : sections.Skip(start + 1).TakeWhile(s => s.Level > 2).Where(s => s.Level == 3);
    }

    private static IReadOnlyList<MarkdownBlock> Blocks(IReadOnlyList<MarkdownSection> sections, string title)
    {
        var section = sections.FirstOrDefault(s => s.Level == 2 && s.Title == title);
        if (section is null)
        {
            return [];
        }

        // Related links keep their Markdown so the addresses can be read.
        return title == "RELATED LINKS"
            ? section.Body.Where(l => l.Text.Trim().Length > 0).Select(l => new MarkdownBlock(l.Text.Trim(), IsCode: false)).ToList()
            : MarkdownReader.Blocks(section.Body);
    }

    private static string Text(IReadOnlyList<MarkdownBlock> blocks) => string.Join(" ", blocks.Select(b => b.Text)).Trim();

    private static List<string> List(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static void Require(string file, bool condition, int line, string message)
    {
        if (!condition)
        {
            throw new HelpPageException(file, line, message);
        }
    }

    [GeneratedRegex(@"(?<![\w<])-([A-Za-z]\w*)")]
    private static partial Regex SyntaxParameter();

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)]*)\)")]
    private static partial Regex MarkdownLink();
}
