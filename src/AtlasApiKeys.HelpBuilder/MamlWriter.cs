using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace AtlasApiKeys.HelpBuilder;

/// <summary>Writes cmdlet pages as one MAML document (the &lt;Assembly&gt;-Help.xml that Get-Help reads for binary cmdlets).</summary>
internal static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static XDocument Write(IEnumerable<CmdletPage> pages) =>
        new(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                Msh + "helpItems",
                new XAttribute("schema", "maml"),
                new XAttribute(XNamespace.Xmlns + "maml", Maml),
                new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                pages.OrderBy(p => p.Name, System.StringComparer.Ordinal).Select(Page)));

    private static XElement Page(CmdletPage page)
    {
        var dash = page.Name.IndexOf('-', System.StringComparison.Ordinal);
        return new XElement(
            Command + "command",
            new XElement(
                Command + "details",
                new XElement(Command + "name", page.Name),
                new XElement(Command + "verb", dash > 0 ? page.Name[..dash] : page.Name),
                new XElement(Command + "noun", dash > 0 ? page.Name[(dash + 1)..] : string.Empty),
                Description([new MarkdownBlock(page.Synopsis, IsCode: false)])),
            Description(page.Description),
            new XElement(Command + "syntax", page.Syntax.Select(set => SyntaxItem(page, set))),
            new XElement(Command + "parameters", page.Parameters.Select(p => Parameter(p, inSyntax: false))),
            new XElement(Command + "inputTypes", page.Inputs.Select(t => TypeEntry(Command + "inputType", t))),
            new XElement(Command + "returnValues", page.Outputs.Select(t => TypeEntry(Command + "returnValue", t))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paragraphs(page.Notes))),
            new XElement(Command + "examples", page.Examples.Select(Example)),
            new XElement(
                Command + "relatedLinks",
                page.Links.Select(l => new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", l.Text), new XElement(Maml + "uri", l.Uri)))));
    }

    private static XElement SyntaxItem(CmdletPage page, SyntaxSet set)
    {
        // The syntax line's order first, then any parameter of the set it left out.
        var named = set.ParameterOrder.Select(n => page.Parameters.First(p => p.Name == n));
        var rest = page.Parameters.Where(p => p.InSet(set.Name) && !set.ParameterOrder.Contains(p.Name));
        return new XElement(
            Command + "syntaxItem",
            new XElement(Maml + "name", page.Name),
            named.Concat(rest).Select(p => Parameter(p, inSyntax: true)));
    }

    private static XElement Parameter(CmdletParameter parameter, bool inSyntax)
    {
        var element = new XElement(
            Command + "parameter",
            new XAttribute("required", parameter.Required ? "true" : "false"),
            new XAttribute("variableLength", "true"),
            new XAttribute("globbing", parameter.Globbing ? "true" : "false"),
            new XAttribute("pipelineInput", parameter.PipelineInput),
            new XAttribute("position", parameter.Position.Equals("Named", System.StringComparison.OrdinalIgnoreCase) ? "named" : parameter.Position),
            new XAttribute("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases)),
            new XElement(Maml + "name", parameter.Name),
            Description(parameter.Description));
        if (!(inSyntax && parameter.IsSwitch))
        {
            element.Add(new XElement(
                Command + "parameterValue",
                new XAttribute("required", parameter.IsSwitch ? "false" : "true"),
                new XAttribute("variableLength", parameter.Type.EndsWith("[]", System.StringComparison.Ordinal) ? "true" : "false"),
                parameter.Type));
        }

        element.Add(
            new XElement(Dev + "type", new XElement(Maml + "name", parameter.Type), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", parameter.IsSwitch && parameter.DefaultValue == "None" ? "False" : parameter.DefaultValue));
        return element;
    }

    private static XElement TypeEntry(XName name, TypeEntry entry) =>
        new(name, new XElement(Dev + "type", new XElement(Maml + "name", entry.Name)), Description(entry.Description));

    private static XElement Example(CmdletExample example) =>
        new(
            Command + "example",
            new XElement(Maml + "title", $"--- {example.Title} ---"),
            new XElement(Dev + "code", example.Code),
            new XElement(Dev + "remarks", Paragraphs(example.Remarks), new XElement(Maml + "para")));

    private static XElement Description(IEnumerable<MarkdownBlock> blocks) => new(Maml + "description", Paragraphs(blocks));

    private static IEnumerable<XElement> Paragraphs(IEnumerable<MarkdownBlock> blocks) => blocks.Select(b => new XElement(Maml + "para", b.Text));
}
