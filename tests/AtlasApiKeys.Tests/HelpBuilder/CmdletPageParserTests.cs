using System.IO;
using System.Linq;
using AtlasApiKeys.HelpBuilder;
using Xunit;

namespace AtlasApiKeys.Tests.HelpBuilder;

public sealed class CmdletPageParserTests
{
    [Fact]
    public void Reads_every_part_of_a_platyPS_page()
    {
        var page = CmdletPageParser.Parse("Get-Probe.md", HelpPages.Probe);

        Assert.Equal("Get-Probe", page.Name);
        Assert.Equal("Probe.dll-Help.xml", page.HelpFile);
        Assert.Equal("Gets a probe.", page.Synopsis);
        Assert.Equal(["First paragraph, on two lines.", "Second paragraph with code and a link."], page.Description.Select(b => b.Text));
        Assert.Equal([("ById", true), ("All", false)], page.Syntax.Select(s => (s.Name, s.IsDefault)));
        Assert.Equal(["Id", "Force"], page.Syntax[0].ParameterOrder);
        Assert.Equal(["All", "Force", "Id"], page.Parameters.Select(p => p.Name));   // CommonParameters is not one of them
        var id = page.Parameters.Single(p => p.Name == "Id");
        Assert.Equal(("String", true, "0", "True (ByPropertyName)"), (id.Type, id.Required, id.Position, id.PipelineInput));
        Assert.Equal(["ProbeId", "Name"], id.Aliases);
        Assert.Equal(["ById"], id.ParameterSets);
        Assert.True(page.Parameters.Single(p => p.Name == "All").IsSwitch);
        var example = Assert.Single(page.Examples);
        Assert.Equal(("Example 1: One probe", "Get-Probe -Id 1"), (example.Title, example.Code));
        Assert.Equal("Gets probe 1.", Assert.Single(example.Remarks).Text);
        Assert.Equal("System.String", Assert.Single(page.Inputs).Name);
        Assert.Equal(("Probe", "A probe."), (page.Outputs[0].Name, page.Outputs[0].Description[0].Text));
        Assert.Equal("A note.", Assert.Single(page.Notes).Text);
        Assert.Equal([("about_Probe", ""), ("Online", "https://example.com/probe")], page.Links.Select(l => (l.Text, l.Uri)));
    }

    [Theory]
    [InlineData("## SYNOPSIS\nGets a **probe**.\n", "## SYNOPSIS\n", "SYNOPSIS is missing or empty")]
    [InlineData("## DESCRIPTION\nFirst paragraph,\non two lines.\n\nSecond paragraph with `code` and a [link](https://example.com).\n", "## DESCRIPTION\n", "DESCRIPTION is missing or empty")]
    [InlineData("```powershell\nGet-Probe -Id 1\n```\n", "", "has no code")]
    [InlineData("### -Force\nWithout asking.\n", "### -Force\n", "-Force has no description")]
    [InlineData("The probe's id.", "{{ Fill Id Description }}", "placeholder")]
    [InlineData("Get-Probe [-Id] <String> [-Force]", "Get-Probe [-Id] <String> [-Force] [-Extra]", "names -Extra, which has no '### -Extra' section")]
    [InlineData("Get-Probe -Id 1\n", "Get-Probe -Id 1 # and a comment that makes this example line wider than an 80-column terminal\n", "at most 74")]
    [InlineData("external help file: Probe.dll-Help.xml\n", "", "external help file")]
    public void Refuses_a_page_that_would_make_thin_help(string part, string replacement, string message)
    {
        var text = HelpPages.Probe.Replace(part, replacement, System.StringComparison.Ordinal);
        Assert.NotEqual(HelpPages.Probe, text);

        var ex = Assert.Throws<HelpPageException>(() => CmdletPageParser.Parse("Get-Probe.md", text));

        Assert.Contains(message, ex.Message, System.StringComparison.Ordinal);
        Assert.StartsWith("Get-Probe.md(", ex.ToMSBuildError(), System.StringComparison.Ordinal);
        Assert.Contains("): error AAKHELP: ", ex.ToMSBuildError(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Names_the_line_of_the_section_at_fault()
    {
        var text = HelpPages.Probe.Replace("### -Force\nWithout asking.\n", "### -Force\n", System.StringComparison.Ordinal);
        var line = text.Split('\n').ToList().IndexOf("### -Force") + 1;

        var ex = Assert.Throws<HelpPageException>(() => CmdletPageParser.Parse("Get-Probe.md", text));

        Assert.Equal(line, ex.Line);
    }

    [Fact]
    public void Every_page_in_docs_parses()
    {
        foreach (var file in HelpPages.CmdletPageFiles)
        {
            var page = CmdletPageParser.Parse(file, File.ReadAllText(file));
            Assert.Equal(Path.GetFileNameWithoutExtension(file), page.Name);
            Assert.Equal("AtlasApiKeys.dll-Help.xml", page.HelpFile);
        }
    }
}
