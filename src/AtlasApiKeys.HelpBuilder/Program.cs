using System;
using System.IO;
using System.Linq;
using System.Text;
using AtlasApiKeys.HelpBuilder;

// dotnet AtlasApiKeys.HelpBuilder.dll <docs folder> <output folder>
// Turns <docs>/cmdlets/*.md (platyPS pages) into the MAML files their front matter names and
// <docs>/about_*.md into about_*.help.txt, all in <output folder> (the module's en-US/).
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: AtlasApiKeys.HelpBuilder <docs folder> <output folder>");
    return 2;
}

var (docs, output) = (Path.GetFullPath(args[0]), Path.GetFullPath(args[1]));
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
try
{
    Directory.CreateDirectory(output);
    var pages = Directory.GetFiles(Path.Combine(docs, "cmdlets"), "*.md")
        .OrderBy(f => f, StringComparer.Ordinal)
        .Select(f => CmdletPageParser.Parse(f, File.ReadAllText(f)))
        .ToList();
    foreach (var group in pages.GroupBy(p => p.HelpFile))
    {
        var path = Path.Combine(output, group.Key);
        using (var stream = File.Create(path))
        {
            MamlWriter.Write(group).Save(stream);
        }

        Console.WriteLine($"{path}: {string.Join(", ", group.Select(p => p.Name))}");
    }

    foreach (var about in Directory.GetFiles(docs, "about_*.md").OrderBy(f => f, StringComparer.Ordinal))
    {
        var path = Path.Combine(output, Path.GetFileNameWithoutExtension(about) + ".help.txt");
        File.WriteAllText(path, AboutTopicWriter.Write(about, File.ReadAllText(about)), utf8);
        Console.WriteLine(path);
    }

    return 0;
}
catch (HelpPageException ex)
{
    Console.Error.WriteLine(ex.ToMSBuildError());
    return 1;
}
