using System;
using System.Reflection;

namespace AtlasApiKeys.Core.Platform;

/// <summary>Which runtime the module runs on: .NET Framework (Windows PowerShell 5.1, "Desktop") or
/// .NET (PowerShell 7, "Core"). Told by the core library the process started with, which no other
/// module's AssemblyResolve or Resolving handler can swap: looking a type up by an assembly name can be
/// answered by anyone's resolver.</summary>
internal static class RuntimeEdition
{
    /// <summary>True on .NET Framework.</summary>
    public static bool IsDesktop { get; } = IsDesktopCoreLibrary(typeof(object).Assembly.GetName());

    /// <summary>The decision: .NET Framework's core library is mscorlib; .NET's is System.Private.CoreLib.</summary>
    internal static bool IsDesktopCoreLibrary(AssemblyName coreLibrary) =>
        string.Equals(coreLibrary?.Name, "mscorlib", StringComparison.OrdinalIgnoreCase);
}
