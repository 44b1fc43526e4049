using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace AtlasApiKeys;

/// <summary>Loads the third-party libraries the module needs from <c>dependencies/</c>, apart from
/// whatever versions other modules have loaded, while the module's own assemblies (this one and
/// AtlasApiKeys.Core, beside it) load where PowerShell resolves types, so a script can name the
/// module's output, error and session types. On .NET (PowerShell 7) the libraries go into an
/// AssemblyLoadContext of their own and the default context's requests for them are answered from
/// there; on .NET Framework (Windows PowerShell 5.1) an AssemblyResolve handler finds them, for our own
/// assemblies only (<see cref="ResolveRules"/>). No PowerShell types here, so xunit can drive it.</summary>
internal sealed class DependencyLoader
{
    internal const string CoreName = "AtlasApiKeys.Core";

    /// <summary>AssemblyLoadContext, looked up in the core library itself (System.Private.CoreLib on .NET):
    /// a lookup by assembly name ("..., System.Runtime.Loader") on .NET Framework raises AssemblyResolve,
    /// and another module's resolver could answer it and make 5.1 look like 7.</summary>
    internal static readonly Type? LoadContextType = FindLoadContextType(typeof(object).Assembly);

    private readonly string directory;
    private readonly string moduleDirectory;
    private readonly bool useLoadContext;
    private readonly Assembly module;
    private readonly Dictionary<string, string> files;
    private readonly Dictionary<string, AssemblyName> shipped = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Assembly> isolatedAssemblies = new(StringComparer.OrdinalIgnoreCase);
    private object? isolated;

    public DependencyLoader(string directory)
        : this(directory, UsesLoadContext, typeof(DependencyLoader).Assembly)
    {
    }

    /// <summary>With <paramref name="useLoadContext"/> false it behaves as on .NET Framework (tests).</summary>
    internal DependencyLoader(string directory, bool useLoadContext, Assembly module)
    {
        this.directory = directory;
        this.useLoadContext = useLoadContext;
        this.module = module;
        moduleDirectory = Path.GetDirectoryName(Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)) ?? directory;
        files = System.IO.Directory.Exists(directory)
            ? System.IO.Directory.GetFiles(directory, "*.dll").ToDictionary(f => Path.GetFileNameWithoutExtension(f), StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>True on .NET, where an AssemblyLoadContext isolates the dependencies.</summary>
    public static bool UsesLoadContext => LoadContextType is not null;

    /// <summary>The isolated context (null on .NET Framework, or before the first use).</summary>
    public object? LoadContext => isolated;

    /// <summary>The folder the dependencies come from.</summary>
    public string Directory => directory;

    /// <summary>True on .NET Framework: its core library is mscorlib (the same rule as Core's RuntimeEdition,
    /// which cannot be used here: Core is not loadable before the resolver is hooked).</summary>
    internal static bool IsDesktop(Assembly coreLibrary) =>
        string.Equals(coreLibrary.GetName().Name, "mscorlib", StringComparison.OrdinalIgnoreCase);

    /// <summary>The AssemblyLoadContext type of the runtime whose core library this is, or null (.NET Framework).</summary>
    internal static Type? FindLoadContextType(Assembly coreLibrary) =>
        coreLibrary.GetType("System.Runtime.Loader.AssemblyLoadContext", throwOnError: false);

    /// <summary>Answers the default context's (or the AppDomain's) request for an assembly, or null.
    /// <paramref name="requester"/> is the assembly whose reference is being resolved (.NET Framework's
    /// ResolveEventArgs.RequestingAssembly; the default context's Resolving event does not tell).</summary>
    public Assembly? Resolve(AssemblyName name, Assembly? requester = null)
    {
        if (name?.Name is not { } simple)
        {
            return null;
        }

        if (string.Equals(simple, CoreName, StringComparison.OrdinalIgnoreCase))
        {
            // Our own, beside the module (or PowerShell 7's ReadyToRun image of it, CoreImage): into the default
            // context (.NET; this handler answers before the folder of the module is probed) or the LoadFrom context
            // (.NET Framework, where that folder is usually probed before this is asked), where PowerShell resolves types.
            var core = CoreImage.For(moduleDirectory);
            var ours = useLoadContext || ResolveRules.IsOwnRequester(requester, module, moduleDirectory, directory);
            return ours && File.Exists(core) ? Assembly.LoadFrom(core) : null;
        }

        if (!files.ContainsKey(simple))
        {
            return null;
        }

        if (!useLoadContext)
        {
            return DesktopCandidate(name, requester) is { } path ? Assembly.LoadFrom(path) : null;
        }

        // The module's own assemblies (Core, beside the module or its image) never come here: they load into the
        // default context from the module folder. A library they ask for comes from the isolated context.
        return LoadIsolated().TryGetValue(simple, out var library) ? library : null;
    }

    /// <summary>The file that answers a .NET Framework request, or null: only a request from one of our own
    /// assemblies, for a version our copy can honour (<see cref="ResolveRules"/>).</summary>
    internal string? DesktopCandidate(AssemblyName name, Assembly? requester)
    {
        if (!ResolveRules.IsOwnRequester(requester, module, moduleDirectory, directory))
        {
            return null;
        }

        return Candidate(name, requester!.GetReferencedAssemblies());
    }

    /// <summary>The decision for a request from one of our own assemblies, given what that assembly was
    /// compiled against (a reference our build unified to the copy we ship may be of an older major).</summary>
    internal string? Candidate(AssemblyName name, IEnumerable<AssemblyName> requesterReferences)
    {
        if (name?.Name is not { } simple || !files.TryGetValue(simple, out var path))
        {
            return null;
        }

        AssemblyName ours;
        lock (shipped)
        {
            if (!shipped.TryGetValue(simple, out ours!))
            {
                ours = AssemblyName.GetAssemblyName(path);
                shipped[simple] = ours;
            }
        }

        var compiledAgainst = requesterReferences.Any(r => string.Equals(r.Name, simple, StringComparison.OrdinalIgnoreCase) && r.Version == name.Version);
        return ResolveRules.CanHonour(name, ours, compiledAgainst) ? path : null;
    }

    /// <summary>The isolated context, filled on first use with every library of <c>dependencies/</c> that the
    /// runtime does not already provide in an equal or newer version: the libraries by name.</summary>
    public IReadOnlyDictionary<string, Assembly> LoadIsolated()
    {
        lock (files)
        {
            if (isolated is not null)
            {
                return isolatedAssemblies;
            }

            isolated = Activator.CreateInstance(LoadContextType!, "AtlasApiKeys", false);
            var loadFromPath = LoadContextType!.GetMethod("LoadFromAssemblyPath", [typeof(string)])!;
            var platform = PlatformAssemblies(files.Keys);
            var shared = DefaultContextAssemblies();
            foreach (var pair in files.Where(f => !string.Equals(f.Key, CoreName, StringComparison.OrdinalIgnoreCase)))
            {
                var ours = AssemblyName.GetAssemblyName(pair.Value).Version;
                if (platform.TryGetValue(pair.Key, out var providedPath) && AssemblyName.GetAssemblyName(providedPath).Version >= ours)
                {
                    continue; // the runtime's own copy is as new: use it, so its types stay the runtime's types
                }

                if (shared.TryGetValue(pair.Key, out var loaded) && loaded >= ours)
                {
                    // Another module put an equal or newer copy into the default context, where Core (beside
                    // the module) binds: our libraries share it too, or Core and they would see two copies
                    // of one type (IServiceCollection) and fail with MissingMethodException.
                    continue;
                }

                isolatedAssemblies[pair.Key] = (Assembly)loadFromPath.Invoke(isolated, [pair.Value])!;
            }

            return isolatedAssemblies;
        }
    }

    /// <summary>What the default context holds already, by name (the highest version of each).</summary>
    private static Dictionary<string, Version?> DefaultContextAssemblies()
    {
        var result = new Dictionary<string, Version?>(StringComparer.OrdinalIgnoreCase);
        var defaultContext = LoadContextType!.GetProperty("Default", BindingFlags.Public | BindingFlags.Static)!.GetValue(null);
        if (LoadContextType.GetProperty("Assemblies")?.GetValue(defaultContext) is not IEnumerable<Assembly> assemblies)
        {
            return result;
        }

        foreach (var name in assemblies.Select(a => a.GetName()))
        {
            if (name.Name is { } simple && (!result.TryGetValue(simple, out var seen) || seen < name.Version))
            {
                result[simple] = name.Version;
            }
        }

        return result;
    }

    /// <summary>Of <paramref name="names"/>, those the shared framework also has, with the path of its copy
    /// (the part of the trusted platform list that lives beside the core library): not the host's own
    /// libraries, which are as foreign to us as another module's. Only the list is searched: no file is
    /// opened here (a runbook's first call used to read the metadata of every framework assembly).</summary>
    private static Dictionary<string, string> PlatformAssemblies(IEnumerable<string> names)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is not string list || framework is null)
        {
            return result;
        }

        var wanted = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
        foreach (var path in list.Split(Path.PathSeparator))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (wanted.Contains(name) && !result.ContainsKey(name) && string.Equals(Path.GetDirectoryName(path), framework, StringComparison.Ordinal))
            {
                result[name] = path;
            }
        }

        return result;
    }
}
