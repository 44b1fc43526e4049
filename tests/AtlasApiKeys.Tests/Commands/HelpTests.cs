using System.IO;
using System.Linq;
using System.Management.Automation;
using AtlasApiKeys.Tests.Support;
using Xunit;

namespace AtlasApiKeys.Tests.Commands;

/// <summary>The platyPS pages in docs/cmdlets match the cmdlets.</summary>
public sealed class HelpTests
{
    [Fact]
    public void Every_cmdlet_has_a_page_with_examples_and_every_parameter()
    {
        var folder = RepositoryFolder.File("docs", "cmdlets");
        foreach (var type in CmdletMetadataTests.CmdletTypes)
        {
            var name = CmdletMetadataTests.Name(type);
            var path = Path.Combine(folder, name + ".md");
            Assert.True(File.Exists(path), $"no help page for {name}");
            var page = File.ReadAllText(path);
            Assert.Contains($"# {name}\n", page, System.StringComparison.Ordinal);
            Assert.Contains("### Example 1", page, System.StringComparison.Ordinal);
            var parameters = type.GetProperties().Where(p => p.GetCustomAttributesData().Any(a => a.AttributeType == typeof(ParameterAttribute)));
            foreach (var parameter in parameters)
            {
                Assert.True(page.Contains($"### -{parameter.Name}\n", System.StringComparison.Ordinal), $"{name}.md does not document -{parameter.Name}");
            }
        }

        Assert.True(File.Exists(RepositoryFolder.File("docs", "about_AtlasApiKeys.md")));
    }
}
