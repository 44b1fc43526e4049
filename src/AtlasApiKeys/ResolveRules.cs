using System;
using System.IO;
using System.Reflection;

namespace AtlasApiKeys;

/// <summary>When the .NET Framework resolver (AppDomain.AssemblyResolve, Windows PowerShell 5.1) may
/// answer with a copy from <c>dependencies/</c>. The event is process-wide: answering another module's
/// request would hand it our copy and could split a type between two copies, so it answers only our own
/// assemblies, and only with a copy that can stand in for the version asked for.</summary>
internal static class ResolveRules
{
    /// <summary>True when <paramref name="shipped"/> honours a request for <paramref name="requested"/>:
    /// not older than asked, the same public key token when one is asked for, and the same major version
    /// unless <paramref name="compiledAgainst"/>: the requester was built against that very version and our
    /// build unified it to the copy we ship, as an application's binding redirect would (System.Memory asks for
    /// System.Runtime.CompilerServices.Unsafe 4.0.4.1; the module ships 6.0.0.0). A module has no binding redirects: this is where they live.</summary>
    public static bool CanHonour(AssemblyName requested, AssemblyName shipped, bool compiledAgainst)
    {
        if (requested is null || shipped is null)
        {
            return false;
        }

        if (requested.Version is { } wanted)
        {
            if (shipped.Version is not { } have || have < wanted || (have.Major != wanted.Major && !compiledAgainst))
            {
                return false;
            }
        }

        var token = requested.GetPublicKeyToken();
        if (token is { Length: > 0 })
        {
            var ours = shipped.GetPublicKeyToken() ?? [];
            if (ours.Length != token.Length)
            {
                return false;
            }

            for (var i = 0; i < token.Length; i++)
            {
                if (ours[i] != token[i])
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>True when the requesting assembly is ours: the module itself, or an assembly that lives in
    /// the module folder or its <c>dependencies/</c>. A request without a requester (a name looked up by
    /// string) is nobody's to answer.</summary>
    public static bool IsOwnRequester(Assembly? requester, Assembly module, string moduleDirectory, string dependencyDirectory)
    {
        if (requester is null)
        {
            return false;
        }

        if (ReferenceEquals(requester, module))
        {
            return true;
        }

        string location;
        try
        {
            location = requester.IsDynamic ? string.Empty : requester.Location;
        }
        catch (NotSupportedException)
        {
            return false;
        }

        if (location.Length == 0)
        {
            return false;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(location));
        return SameFolder(folder, moduleDirectory) || SameFolder(folder, dependencyDirectory);
    }

    private static bool SameFolder(string? a, string b) =>
        a is not null && string.Equals(
            a.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar),
            Path.GetFullPath(b).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar),
            StringComparison.OrdinalIgnoreCase);
}
