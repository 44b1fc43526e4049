using System;
using System.IO;

namespace AtlasApiKeys.Tests.Support;

/// <summary>Paths in the repository the tests run from (found by AtlasApiKeys.sln above the test's folder).</summary>
public static class RepositoryFolder
{
    private static readonly Lazy<string> RootFolder = new(FindRoot);

    /// <summary>The repository's top folder.</summary>
    public static string Root => RootFolder.Value;

    /// <summary>A path below the top folder.</summary>
    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir, "AtlasApiKeys.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("AtlasApiKeys.sln not found above the test's folder.");
    }
}
