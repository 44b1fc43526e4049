using System.IO;
using System.Linq;
using AtlasApiKeys.HelpBuilder;
using Xunit;

namespace AtlasApiKeys.Tests.HelpBuilder;

public sealed class AboutTopicWriterTests
{
    private const string Topic = """
        # about_Probe

        ## SHORT DESCRIPTION

        Probes things.

        ## LONG DESCRIPTION

        A long paragraph that goes on well past the eighty columns of a terminal, so the writer has to wrap it at a space, more than once if need be.

        ### Usage

            Get-Probe -Id 1     # one probe

        More **text** with `code`.
        """;

    [Fact]
    public void Writes_the_about_layout_without_Markdown()
    {
        var lines = AboutTopicWriter.Write("about_Probe.md", Topic).TrimEnd('\n').Split('\n');

        Assert.Equal(["TOPIC", "    about_Probe", "", "SHORT DESCRIPTION", "    Probes things.", "", "LONG DESCRIPTION"], lines.Take(7));
        Assert.Contains("  Usage", lines);
        Assert.Contains("        Get-Probe -Id 1     # one probe", lines);
        Assert.Contains("    More text with code.", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith('#') || l.Contains("**", System.StringComparison.Ordinal) || l.Contains('`', System.StringComparison.Ordinal));
        var wrapped = lines.SkipWhile(l => l != "LONG DESCRIPTION").Skip(1).TakeWhile(l => l.Length > 0).ToList();
        Assert.True(wrapped.Count > 1);
        Assert.All(wrapped, l => Assert.True(l.StartsWith("    ", System.StringComparison.Ordinal) && l.Length <= 80, l));
    }

    [Fact]
    public void Refuses_a_code_line_wider_than_the_terminal()
    {
        var text = Topic.Replace("Get-Probe -Id 1     # one probe", "Get-Probe -Id 1 -And -Many -More -Parameters -Than -Fit -On -One -Line -Here", System.StringComparison.Ordinal);

        var ex = Assert.Throws<HelpPageException>(() => AboutTopicWriter.Write("about_Probe.md", text));

        Assert.Contains("at most 80", ex.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_topic_without_its_about_heading()
    {
        Assert.Throws<HelpPageException>(() => AboutTopicWriter.Write("about_Probe.md", Topic.Replace("# about_Probe", "# Probe", System.StringComparison.Ordinal)));
    }

    [Fact]
    public void The_repositorys_about_topic_fits_80_columns()
    {
        var file = Path.Combine(HelpPages.Docs, "about_AtlasApiKeys.md");

        var lines = AboutTopicWriter.Write(file, File.ReadAllText(file)).Split('\n');

        Assert.Equal("TOPIC", lines[0]);
        Assert.All(lines, l => Assert.True(l.Length <= 80, l));
    }
}
