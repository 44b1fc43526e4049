using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace AtlasApiKeys;

/// <summary>Loads AtlasApiKeys.Core and the libraries it needs from <c>dependencies/</c>, apart from
/// whatever versions other modules have loaded. On .NET (PowerShell 7) they go into an
/// AssemblyLoadContext of their own; on .NET Framework (Windows PowerShell 5.1) an AssemblyResolve
/// handler finds them. No PowerShell types here, so xunit can drive it.</summary>
internal sealed class DependencyLoader
{
    internal const string CoreName = "AtlasApiKeys.Core";

    private static readonly Type? LoadContextType = Type.GetType("System.Runtime.Loader.AssemblyLoadContext, System.Runtime.Loader", throwOnError: false);
    private readonly string directory;
    private readonly Dictionary<string, string> files;
    private object? isolated;
    private Assembly? core;

    public DependencyLoader(string directory)
    {
        this.directory = directory;
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

    /// <summary>Answers the default context's (or the AppDomain's) request for an assembly, or null.</summary>
    public Assembly? Resolve(AssemblyName name)
    {
        if (name?.Name is not { } simple || !files.TryGetValue(simple, out var path))
        {
            return null;
        }

        if (!UsesLoadContext)
        {
            return Assembly.LoadFrom(path);
        }

        // Only the entry point is handed to the default context; everything Core needs is found
        // inside the isolated context, which was filled when Core was first asked for.
        return string.Equals(simple, CoreName, StringComparison.OrdinalIgnoreCase) ? LoadCore() : null;
    }

    /// <summary>Core, loaded into the isolated context with every dependency that the runtime does not
    /// already provide in an equal or newer version.</summary>
    public Assembly LoadCore()
    {
        lock (files)
        {
            if (core is not null)
            {
                return core;
            }

            isolated = Activator.CreateInstance(LoadContextType!, "AtlasApiKeys", false);
            var loadFromPath = LoadContextType!.GetMethod("LoadFromAssemblyPath", [typeof(string)])!;
            var platform = PlatformAssemblies();
            foreach (var pair in files.Where(f => !string.Equals(f.Key, CoreName, StringComparison.OrdinalIgnoreCase)))
            {
                if (platform.TryGetValue(pair.Key, out var provided) && provided >= AssemblyName.GetAssemblyName(pair.Value).Version)
                {
                    continue; // the runtime's own copy is as new: use it, so its types stay the runtime's types
                }

                loadFromPath.Invoke(isolated, [pair.Value]);
            }

            core = (Assembly)loadFromPath.Invoke(isolated, [files[CoreName]])!;
            return core;
        }
    }

    /// <summary>The assemblies of the shared framework (the part of the trusted platform list that lives
    /// beside the core library): not the host's own libraries, which are as foreign to us as another module's.</summary>
    private static Dictionary<string, Version?> PlatformAssemblies()
    {
        var result = new Dictionary<string, Version?>(StringComparer.OrdinalIgnoreCase);
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is not string list || framework is null)
        {
            return result;
        }

        foreach (var path in list.Split(Path.PathSeparator))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (name.Length == 0 || result.ContainsKey(name) || !string.Equals(Path.GetDirectoryName(path), framework, StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                result[name] = AssemblyName.GetAssemblyName(path).Version;
            }
            catch (BadImageFormatException)
            {
                // A native library on the list.
            }
        }

        return result;
    }
}
