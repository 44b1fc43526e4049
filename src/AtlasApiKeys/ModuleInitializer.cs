using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace AtlasApiKeys;

/// <summary>Hooks dependency loading when the module is first imported, and unhooks it when the last
/// runspace that imported it removes it (the hook is process-wide; other runspaces may still use it).</summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly object Gate = new();
    private static readonly ImportCount Imports = new();
    private static DependencyLoader? loader;
    private static Delegate? resolving;

    /// <inheritdoc />
    public void OnImport()
    {
        // Below .NET Framework 4.7.2 stop here with an error that says what to install.
        FrameworkRequirement.ThrowIfUnsupported();
        lock (Gate)
        {
            if (!Imports.Add())
            {
                return;
            }

            var here = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".";
            loader = new DependencyLoader(Path.Combine(here, "dependencies"));
            if (DependencyLoader.UsesLoadContext)
            {
                resolving = LoadContextHook.Add(loader);
            }
            else
            {
                AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
            }
        }
    }

    /// <inheritdoc />
    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        lock (Gate)
        {
            if (!Imports.Remove())
            {
                return;
            }

            if (resolving is not null)
            {
                LoadContextHook.Remove(resolving);
            }
            else
            {
                AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;
            }

            resolving = null;
            loader = null;
        }
    }

    private static Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args) => loader?.Resolve(new AssemblyName(args.Name), args.RequestingAssembly);
}

/// <summary>Subscribes to AssemblyLoadContext.Default.Resolving through reflection: this assembly
/// is also built for netstandard2.0, where the type is not visible.</summary>
internal static class LoadContextHook
{
    private static DependencyLoader? active;

    public static Delegate Add(DependencyLoader loader)
    {
        active = loader;
        var type = DependencyLoader.LoadContextType!;
        var @event = type.GetEvent("Resolving")!;
        var handler = Delegate.CreateDelegate(@event.EventHandlerType!, typeof(LoadContextHook).GetMethod(nameof(OnResolving), BindingFlags.NonPublic | BindingFlags.Static)!);
        @event.AddEventHandler(Default(type), handler);
        return handler;
    }

    public static void Remove(Delegate handler)
    {
        var type = DependencyLoader.LoadContextType!;
        type.GetEvent("Resolving")!.RemoveEventHandler(Default(type), handler);
        active = null;
    }

    private static object Default(Type type) => type.GetProperty("Default", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    private static Assembly? OnResolving(object context, AssemblyName name) => active?.Resolve(name);
}
