using System.IO;
#if NET8_0_OR_GREATER
using System;
using System.Runtime.InteropServices;
#endif

namespace AtlasApiKeys;

/// <summary>Which AtlasApiKeys.Core file the module loads. PowerShell 7 (the net8.0 build): the ReadyToRun
/// image for this OS and processor when the module ships one (in <c>&lt;platform&gt;/</c> beside the module,
/// <c>linux-x64/</c> or <c>win-x64/</c>), else the IL copy beside the module, compiled by the JIT. Windows
/// PowerShell 5.1 (the netstandard2.0 build): always the copy beside the module; it never looks for an image.</summary>
internal static class CoreImage
{
    public static string For(string moduleDirectory)
    {
        var beside = Path.Combine(moduleDirectory, DependencyLoader.CoreName + ".dll");
#if NET8_0_OR_GREATER
        if (Platform(RuntimeInformation.ProcessArchitecture) is { } platform)
        {
            var image = Path.Combine(moduleDirectory, platform, DependencyLoader.CoreName + ".dll");
            if (File.Exists(image))
            {
                return image;
            }
        }
#endif
        return beside;
    }

#if NET8_0_OR_GREATER
    /// <summary>The runtime identifier an image for this process would carry (<c>linux-x64</c>, <c>win-arm64</c>,
    /// <c>osx-arm64</c>), or null on an OS the module has no name for.</summary>
    internal static string? Platform(Architecture architecture)
    {
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "osx" : null;
        return os is null ? null : $"{os}-{architecture.ToString().ToLowerInvariant()}";
    }
#endif
}
