using System.IO;
using System.Linq;
using System.Xml.Linq;
using AtlasApiKeys.HelpBuilder;
using AtlasApiKeys.Tests.Commands;
using Xunit;

namespace AtlasApiKeys.Tests.HelpBuilder;

public sealed class MamlWriterTests
{
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    private static XElement Probe() =>
        MamlWriter.Write([CmdletPageParser.Parse("Get-Probe.md", HelpPages.Probe)]).Root!.Element(Command + "command")!;

    [Fact]
    public void Writes_the_name_synopsis_and_description_where_GetHelp_reads_them()
    {
        var document = MamlWriter.Write([CmdletPageParser.Parse("Get-Probe.md", HelpPages.Probe)]);
        Assert.Equal(XName.Get("helpItems", "http://msh"), document.Root!.Name);
        Assert.Equal("maml", document.Root.Attribute("schema")!.Value);
        var command = Probe();
        var details = command.Element(Command + "details")!;
        Assert.Equal(("Get-Probe", "Get", "Probe"), (details.Element(Command + "name")!.Value, details.Element(Command + "verb")!.Value, details.Element(Command + "noun")!.Value));
        Assert.Equal("Gets a probe.", details.Element(Maml + "description")!.Value);
        Assert.Equal(["First paragraph, on two lines.", "Second paragraph with code and a link."], command.Element(Maml + "description")!.Elements(Maml + "para").Select(p => p.Value));
    }

    [Fact]
    public void Writes_one_syntax_item_per_set_in_the_syntax_lines_order()
    {
        var items = Probe().Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();

        Assert.Equal(2, items.Count);
        Assert.Equal(["Id", "Force"], items[0].Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value));
        Assert.Equal(["All"], items[1].Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value));
        // A switch shows as [-Force], without a value, in the syntax.
        Assert.Null(items[0].Elements(Command + "parameter").Last().Element(Command + "parameterValue"));
        Assert.Equal("String", items[0].Elements(Command + "parameter").First().Element(Command + "parameterValue")!.Value);
    }

    [Fact]
    public void Writes_each_parameters_metadata_and_description()
    {
        var parameters = Probe().Element(Command + "parameters")!.Elements(Command + "parameter").ToDictionary(p => p.Element(Maml + "name")!.Value);

        var id = parameters["Id"];
        Assert.Equal(("true", "0", "True (ByPropertyName)", "ProbeId, Name", "false"), (id.Attribute("required")!.Value, id.Attribute("position")!.Value, id.Attribute("pipelineInput")!.Value, id.Attribute("aliases")!.Value, id.Attribute("globbing")!.Value));
        Assert.Equal("The probe's id.", id.Element(Maml + "description")!.Value);
        Assert.Equal("String", id.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        var force = parameters["Force"];
        Assert.Equal(("false", "named", "f"), (force.Attribute("required")!.Value, force.Attribute("position")!.Value, force.Attribute("aliases")!.Value));
        Assert.Equal("False", force.Element(Dev + "defaultValue")!.Value);
        Assert.Equal("none", parameters["All"].Attribute("aliases")!.Value);
    }

    [Fact]
    public void Writes_examples_inputs_outputs_notes_and_links()
    {
        var command = Probe();

        var example = Assert.Single(command.Element(Command + "examples")!.Elements(Command + "example"));
        Assert.Contains("Example 1: One probe", example.Element(Maml + "title")!.Value, System.StringComparison.Ordinal);
        Assert.Equal("Get-Probe -Id 1", example.Element(Dev + "code")!.Value);
        Assert.Equal("Gets probe 1.", example.Element(Dev + "remarks")!.Elements(Maml + "para").First().Value);
        Assert.Equal("System.String", command.Descendants(Command + "inputType").Single().Element(Dev + "type")!.Value);
        Assert.Equal("Probe", command.Descendants(Command + "returnValue").Single().Element(Dev + "type")!.Value);
        Assert.Equal("A note.", command.Element(Maml + "alertSet")!.Value);
        Assert.Equal(["https://example.com/probe"], command.Descendants(Maml + "navigationLink").Select(l => l.Element(Maml + "uri")!.Value).Where(u => u.Length > 0));
    }

    [Fact]
    public void The_repositorys_pages_make_one_command_per_cmdlet_with_every_parameter_described()
    {
        var pages = HelpPages.CmdletPageFiles.Select(f => CmdletPageParser.Parse(f, File.ReadAllText(f))).ToList();

        var commands = MamlWriter.Write(pages).Root!.Elements(Command + "command").ToList();

        Assert.Equal(CmdletMetadataTests.CmdletTypes.Select(CmdletMetadataTests.Name).OrderBy(n => n, System.StringComparer.Ordinal), commands.Select(c => c.Element(Command + "details")!.Element(Command + "name")!.Value));
        Assert.All(commands.SelectMany(c => c.Element(Command + "parameters")!.Elements(Command + "parameter")), p => Assert.NotEmpty(p.Element(Maml + "description")!.Value.Trim()));
    }
}
