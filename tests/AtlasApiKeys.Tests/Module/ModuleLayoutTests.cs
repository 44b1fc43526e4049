using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AtlasApiKeys.Tests.Commands;
using AtlasApiKeys.Tests.Support;
using Xunit;

namespace AtlasApiKeys.Tests.Module;

/// <summary>Publishes the module once (dotnet publish lays out the folder) into a temporary place.</summary>
public sealed class PublishedModule : IDisposable
{
    public PublishedModule()
    {
        Root = Path.Combine(Path.GetTempPath(), "atlasapikeys-layout-" + Guid.NewGuid().ToString("N"));
        var version = Regex.Match(File.ReadAllText(RepositoryFolder.File("AtlasApiKeys.psd1")), @"ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value;
        Folder = Path.Combine(Root, "AtlasApiKeys", version);
        var project = RepositoryFolder.File("src", "AtlasApiKeys", "AtlasApiKeys.csproj");
        var start = new ProcessStartInfo("dotnet", ["publish", project, "-f", "netstandard2.0", "-c", "Release", "-nologo", $"-p:ModuleOutDir={Folder}{Path.DirectorySeparatorChar}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        Output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        ExitCode = process.ExitCode;
    }

    public string Root { get; }

    public string Folder { get; }

    public string Output { get; }

    public int ExitCode { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

public sealed class ModuleLayoutTests(PublishedModule module) : IClassFixture<PublishedModule>
{
    [Fact]
    public void Publish_lays_out_the_module_folder()
    {
        Assert.True(module.ExitCode == 0, module.Output);
        var top = Directory.GetFiles(module.Folder).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.Equal(["AtlasApiKeys.Core.dll", "AtlasApiKeys.Format.ps1xml", "AtlasApiKeys.dll", "AtlasApiKeys.psd1"], top.Where(n => n != null && !n.StartsWith("about", StringComparison.Ordinal)));
        var dependencies = Directory.GetFiles(Path.Combine(module.Folder, "dependencies")).Select(Path.GetFileName).ToList();
        Assert.DoesNotContain("AtlasApiKeys.Core.dll", dependencies);   // only third-party libraries are isolated
        Assert.Contains("Microsoft.Bcl.AsyncInterfaces.dll", dependencies);
        Assert.DoesNotContain(dependencies, d => d!.StartsWith("Polly", StringComparison.Ordinal));   // retries are a loop of our own: the first call compiles less
        Assert.Contains("System.Text.Json.dll", dependencies);
        Assert.DoesNotContain(dependencies, d => d!.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal));   // no dependency-injection container: the first call loads less
        Assert.DoesNotContain("System.Management.Automation.dll", dependencies.Concat(top));
        Assert.True(File.Exists(Path.Combine(module.Folder, "en-US", "about_AtlasApiKeys.help.txt")));

        // PowerShell 7's build: the two assemblies (IL), and Core's ReadyToRun image per platform; nothing else
        // (the runtime has every library Core needs).
        var modern = Directory.GetFiles(Path.Combine(module.Folder, "net8.0"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(module.Folder, f).Replace('\\', '/')).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(
            ["net8.0/AtlasApiKeys.Core.dll", "net8.0/AtlasApiKeys.dll", "net8.0/linux-x64/AtlasApiKeys.Core.dll", "net8.0/win-x64/AtlasApiKeys.Core.dll"],
            modern);
    }

    [Theory]
    [InlineData("net8.0/linux-x64/AtlasApiKeys.Core.dll", (ushort)0xFD1D, true)]   // AMD64 ^ 0x7B79: crossgen2's mark for Linux
    [InlineData("net8.0/win-x64/AtlasApiKeys.Core.dll", (ushort)Machine.Amd64, true)]
    [InlineData("net8.0/AtlasApiKeys.Core.dll", (ushort)Machine.I386, false)]   // any other platform: IL
    [InlineData("net8.0/AtlasApiKeys.dll", (ushort)Machine.I386, false)]
    public void PowerShell_7_gets_net8_assemblies_and_ReadyToRun_Core_for_its_platform(string file, ushort machine, bool readyToRun)
    {
        Assert.True(module.ExitCode == 0, module.Output);
        using var pe = new PEReader(File.OpenRead(Path.Combine(module.Folder, file)));
        Assert.Equal(machine, (ushort)pe.PEHeaders.CoffHeader.Machine);
        Assert.Equal(readyToRun, pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0);
        var reader = pe.GetMetadataReader();
        var framework = reader.GetCustomAttributes(EntityHandle.AssemblyDefinition)
            .Select(a => System.Text.Encoding.UTF8.GetString(reader.GetBlobBytes(reader.GetCustomAttribute(a).Value)))
            .FirstOrDefault(v => v.Contains(".NETCoreApp", StringComparison.Ordinal));
        Assert.Contains(".NETCoreApp,Version=v8.0", framework);   // loads on PowerShell 7.4 (.NET 8) too
    }

    [Theory]
    [InlineData("net8.0/AtlasApiKeys.Core.dll", true)]
    [InlineData("net8.0/AtlasApiKeys.dll", true)]
    [InlineData("AtlasApiKeys.Core.dll", false)]
    [InlineData("AtlasApiKeys.dll", false)]
    public void PowerShell_7s_build_has_class_state_machines_and_stays_optimized(string file, bool classStateMachines)
    {
        // src/ClassStateMachines.props: one shared instantiation of the runtime's async plumbing instead of one
        // per state machine; DisableOptimizations in DebuggableAttribute would leave the module's code unoptimized.
        Assert.True(module.ExitCode == 0, module.Output);
        using var pe = new PEReader(File.OpenRead(Path.Combine(module.Folder, file)));
        var reader = pe.GetMetadataReader();
        var debuggable = reader.GetCustomAttributes(EntityHandle.AssemblyDefinition)
            .Select(reader.GetCustomAttribute)
            .Where(a => a.Constructor.Kind == HandleKind.MemberReference
                && reader.GetString(reader.GetTypeReference((TypeReferenceHandle)reader.GetMemberReference((MemberReferenceHandle)a.Constructor).Parent).Name) == "DebuggableAttribute")
            .ToList();
        var blob = reader.GetBlobReader(Assert.Single(debuggable).Value);
        Assert.Equal(1, blob.ReadUInt16());   // the prolog, then the constructor's one argument: DebuggingModes, an int32
        Assert.Equal(0, blob.ReadInt32() & (int)DebuggableAttribute.DebuggingModes.DisableOptimizations);

        var stateMachines = reader.TypeDefinitions.Select(reader.GetTypeDefinition)
            .Where(t => reader.GetString(t.Name).Contains(">d__", StringComparison.Ordinal))
            .Select(t => t.BaseType.Kind == HandleKind.TypeReference && reader.GetString(reader.GetTypeReference((TypeReferenceHandle)t.BaseType).Name) == "ValueType")
            .ToList();
        Assert.NotEmpty(stateMachines);
        if (classStateMachines)
        {
            Assert.DoesNotContain(true, stateMachines);
        }
        else
        {
            Assert.Contains(true, stateMachines);   // async methods' (async iterators' are classes in either build)
        }
    }

    [Fact]
    public void Windows_PowerShell_gets_IL_only_assemblies()
    {
        // A ReadyToRun image's effect on .NET Framework is not tested here: 5.1 must never get one.
        Assert.True(module.ExitCode == 0, module.Output);
        foreach (var name in new[] { "AtlasApiKeys.dll", "AtlasApiKeys.Core.dll" })
        {
            using var pe = new PEReader(File.OpenRead(Path.Combine(module.Folder, name)));
            Assert.Equal(0, pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size);
            Assert.True((pe.PEHeaders.CorHeader.Flags & CorFlags.ILOnly) != 0, $"{name} is not IL only");
        }
    }

    [Fact]
    public void Publish_makes_the_help_from_docs()
    {
        Assert.True(module.ExitCode == 0, module.Output);
        var help = Path.Combine(module.Folder, "en-US");
        Assert.Equal(["AtlasApiKeys.dll-Help.xml", "about_AtlasApiKeys.help.txt"], Directory.GetFiles(help).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));

        XNamespace command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        var maml = XDocument.Load(Path.Combine(help, "AtlasApiKeys.dll-Help.xml"));
        var names = maml.Root!.Elements(command + "command").Select(c => c.Element(command + "details")!.Element(command + "name")!.Value);
        Assert.Equal(CmdletMetadataTests.CmdletTypes.Select(CmdletMetadataTests.Name).OrderBy(n => n, StringComparer.Ordinal), names);

        var about = File.ReadAllLines(Path.Combine(help, "about_AtlasApiKeys.help.txt"));
        Assert.Equal(["TOPIC", "    about_AtlasApiKeys"], about.Take(2));
        Assert.DoesNotContain(about, l => l.StartsWith('#'));
    }

    [Fact]
    public void The_published_manifest_exports_exactly_the_cmdlet_classes()
    {
        var manifest = File.ReadAllText(Path.Combine(module.Folder, "AtlasApiKeys.psd1"));
        var names = Regex.Matches(Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\(([^)]*)\)").Groups[1].Value, "'([^']+)'").Select(m => m.Groups[1].Value).OrderBy(n => n);
        var classes = CmdletMetadataTests.CmdletTypes.Select(CmdletMetadataTests.Name).OrderBy(n => n);
        Assert.Equal(classes, names);
        Assert.NotEmpty(names);
        // 5.1 the netstandard2.0 build at the top; PowerShell 7 the net8.0 build.
        Assert.Matches(@"RootModule\s*=\s*if\s*\(\$PSEdition\s+-eq\s+'Desktop'\)\s*\{\s*'AtlasApiKeys\.dll'\s*\}\s*else\s*\{\s*'net8\.0/AtlasApiKeys\.dll'\s*\}", manifest);
    }

    [Fact]
    public void The_format_file_names_real_types_and_properties()
    {
        var format = XDocument.Load(Path.Combine(module.Folder, "AtlasApiKeys.Format.ps1xml"));
        var views = format.Descendants("View").ToList();
        Assert.NotEmpty(views);
        foreach (var view in views)
        {
            var typeName = view.Element("ViewSelectedBy")!.Element("TypeName")!.Value;
            var type = typeof(AtlasApiKeys.Core.AtlasSession).Assembly.GetType(typeName);
            Assert.True(type is not null, $"{typeName} is not a type of Core");
            foreach (var property in view.Descendants("PropertyName").Select(p => p.Value))
            {
                Assert.True(type!.GetProperty(property) is not null, $"{typeName} has no property {property}");
            }
        }

        // Every object a cmdlet writes has a view (pages are Core's own plumbing, never written).
        var viewed = views.Select(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value).ToHashSet();
        var outputs = typeof(AtlasApiKeys.Core.AtlasSession).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "AtlasApiKeys.Core.Model" && t.IsClass && !t.IsGenericTypeDefinition && !t.Name.EndsWith("Page", StringComparison.Ordinal) && t.Name != "ListOptions");
        Assert.All(outputs, t => Assert.Contains(t.FullName!, viewed));

        var keyView = views.Single(v => v.Element("Name")!.Value == "ProjectApiKey");
        Assert.DoesNotContain("PrivateKey", keyView.ToString(), StringComparison.Ordinal);   // hidden from the default view
    }

    [Fact]
    public void Third_party_libraries_load_into_a_context_of_their_own_unless_the_default_one_holds_them_already()
    {
        var dependencies = Path.Combine(module.Folder, "dependencies");
        var loader = new DependencyLoader(dependencies);
        Assert.NotEmpty(Assembly.Load(new AssemblyName("Microsoft.Bcl.AsyncInterfaces")).Location);   // this process holds our version of it in its default context, as another module might

        var isolated = loader.LoadIsolated();

        var context = (AssemblyLoadContext)loader.LoadContext!;
        Assert.NotSame(AssemblyLoadContext.Default, context);
        Assert.All(isolated, pair =>
        {
            Assert.Same(context, AssemblyLoadContext.GetLoadContext(pair.Value));
            Assert.StartsWith(dependencies, pair.Value.Location, StringComparison.Ordinal);
            Assert.Same(pair.Value, loader.Resolve(new AssemblyName(pair.Key)));   // handed to the default context, one copy
        });
        Assert.False(isolated.ContainsKey("Microsoft.Bcl.AsyncInterfaces"));   // shared with the default context's copy: Core binds there too
        Assert.Null(loader.Resolve(new AssemblyName("Microsoft.Bcl.AsyncInterfaces")));
        Assert.DoesNotContain(context.Assemblies, a => a.GetName().Name is "AtlasApiKeys.Core" or "AtlasApiKeys");   // the module's own types stay where PowerShell resolves them
        Assert.Null(loader.Resolve(new AssemblyName("Newtonsoft.Json")));
    }

    [Fact]
    public void The_runtimes_own_libraries_are_not_loaded_twice()
    {
        var loader = new DependencyLoader(Path.Combine(module.Folder, "dependencies"));
        loader.LoadIsolated();
        var context = (AssemblyLoadContext)loader.LoadContext!;
        Assert.DoesNotContain(context.Assemblies, a => a.GetName().Name is "System.Memory" or "System.Buffers" or "System.Text.Json");
    }

    [Fact]
    public void On_NET_Framework_every_reference_between_the_modules_own_assemblies_is_answered()
    {
        // Windows PowerShell 5.1 has no binding redirects for a module: each reference whose version is
        // not the one shipped (System.Memory -> System.Runtime.CompilerServices.Unsafe 4.0.4.1, ours 6.0.0.0) comes to
        // the resolver, which must answer it, while it answers no one else.
        var dependencies = Path.Combine(module.Folder, "dependencies");
        var loader = new DependencyLoader(dependencies, useLoadContext: false, typeof(DependencyLoader).Assembly);
        var shipped = Directory.GetFiles(dependencies, "*.dll").Select(AssemblyName.GetAssemblyName).ToDictionary(n => n.Name!, StringComparer.OrdinalIgnoreCase);
        var requesters = Directory.GetFiles(dependencies, "*.dll").Append(Path.Combine(module.Folder, "AtlasApiKeys.dll"));
        var checkedReferences = 0;
        foreach (var file in requesters)
        {
            var references = References(file);
            foreach (var reference in references.Where(r => shipped.ContainsKey(r.Name!)))
            {
                Assert.True(loader.Candidate(reference, references) is not null, $"{Path.GetFileName(file)} -> {reference.FullName} is not answered (ours: {shipped[reference.Name!].Version})");
                checkedReferences++;
            }
        }

        Assert.True(checkedReferences > 12, $"only {checkedReferences} references were checked");
        Assert.Null(loader.Candidate(new AssemblyName("Microsoft.Bcl.AsyncInterfaces, Version=6.0.0.0"), []));   // not compiled against: another major is refused
    }

    private static List<AssemblyName> References(string file)
    {
        using var stream = File.OpenRead(file);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(h => metadata.GetAssemblyReference(h).GetAssemblyName()).ToList();
    }

    [Fact]
    public void The_initializer_is_there_for_PowerShell_to_call()
    {
        Assert.True(typeof(System.Management.Automation.IModuleAssemblyInitializer).IsAssignableFrom(typeof(AtlasApiKeys.ModuleInitializer)));
        Assert.True(typeof(System.Management.Automation.IModuleAssemblyCleanup).IsAssignableFrom(typeof(AtlasApiKeys.ModuleInitializer)));
    }
}
