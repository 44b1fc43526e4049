using System;
using System.Globalization;
using System.Reflection;

namespace AtlasApiKeys;

/// <summary>The .NET Framework the module needs under Windows PowerShell 5.1: 4.7.2 or later. The
/// manifest's DotNetFrameworkVersion is not enforced that precisely by 5.1, so the module checks at
/// import and says what to install. The installed version is the <c>Release</c> value under
/// <c>HKLM\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full</c>, as Microsoft documents.</summary>
internal static class FrameworkRequirement
{
    /// <summary>The lowest Release value of .NET Framework 4.7.2.</summary>
    public const int MinimumRelease = 461808;

    private const string SetupKey = @"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full";

    /// <summary>The error to stop the import with, or null. On .NET (PowerShell 7), or when the Release
    /// value cannot be read, nothing is said: the check only stops what it knows to be too old.</summary>
    public static string? Check(bool desktop, int? release)
    {
        if (!desktop || release is not { } found || found >= MinimumRelease)
        {
            return null;
        }

        return string.Format(
            CultureInfo.InvariantCulture,
            "AtlasApiKeys needs .NET Framework 4.7.2 or later in Windows PowerShell 5.1; this machine has {0} (Release {1}). "
            + "Install .NET Framework 4.8 (https://dotnet.microsoft.com/download/dotnet-framework), or use PowerShell 7.",
            VersionName(found),
            found);
    }

    /// <summary>Throws <see cref="PlatformNotSupportedException"/> when the check fails on this machine.</summary>
    public static void ThrowIfUnsupported()
    {
        var desktop = DependencyLoader.IsDesktop(typeof(object).Assembly);
        if (Check(desktop, desktop ? ReadRelease() : null) is { } error)
        {
            throw new PlatformNotSupportedException(error);
        }
    }

    /// <summary>The name of the version a Release value belongs to.</summary>
    internal static string VersionName(int release) => release switch
    {
        >= 533320 => ".NET Framework 4.8.1",
        >= 528040 => ".NET Framework 4.8",
        >= 461808 => ".NET Framework 4.7.2",
        >= 461308 => ".NET Framework 4.7.1",
        >= 460798 => ".NET Framework 4.7",
        >= 394802 => ".NET Framework 4.6.2",
        >= 394254 => ".NET Framework 4.6.1",
        >= 393295 => ".NET Framework 4.6",
        >= 379893 => ".NET Framework 4.5.2",
        >= 378675 => ".NET Framework 4.5.1",
        _ => ".NET Framework 4.5",
    };

    /// <summary>Reads the Release value through mscorlib's Microsoft.Win32.Registry (netstandard2.0 does
    /// not expose it); null when there is no such type or value.</summary>
    private static int? ReadRelease()
    {
        var registry = typeof(object).Assembly.GetType("Microsoft.Win32.Registry", throwOnError: false);
        var getValue = registry?.GetMethod("GetValue", BindingFlags.Public | BindingFlags.Static, null, [typeof(string), typeof(string), typeof(object)], null);
        try
        {
            return getValue?.Invoke(null, [SetupKey, "Release", null]) is int release ? release : null;
        }
        catch (TargetInvocationException)
        {
            return null;   // no access to the key: say nothing rather than guess
        }
    }
}
