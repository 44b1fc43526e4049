using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using Xunit;

namespace AtlasApiKeys.Tests.Module;

/// <summary>The loader's .NET Framework path, driven on .NET with the load context turned off: the test
/// output folder stands in for <c>dependencies/</c> (Microsoft.Bcl.AsyncInterfaces, which Core references, lives there).</summary>
public sealed class DependencyLoaderTests
{
    private static readonly Assembly Library = Assembly.Load(new AssemblyName("Microsoft.Bcl.AsyncInterfaces"));
    private static readonly string Folder = Path.GetDirectoryName(Library.Location)!;

    private static DependencyLoader Desktop() => new(Folder, useLoadContext: false, typeof(DependencyLoader).Assembly);

    [Fact]
    public void A_request_from_our_own_assembly_at_a_version_we_ship_is_answered()
    {
        var asked = Library.GetName();

        Assert.Equal(Library.Location, Desktop().DesktopCandidate(asked, requester: typeof(AtlasApiKeys.Core.AtlasSession).Assembly));
        Assert.Same(Library, Desktop().Resolve(asked, typeof(AtlasApiKeys.Core.AtlasSession).Assembly));
    }

    [Fact]
    public void A_request_from_another_modules_assembly_is_not_answered()
    {
        var loader = Desktop();

        Assert.Null(loader.DesktopCandidate(Library.GetName(), requester: typeof(object).Assembly));
        Assert.Null(loader.Resolve(Library.GetName(), typeof(object).Assembly));
        Assert.Null(loader.DesktopCandidate(Library.GetName(), requester: null));
    }

    [Fact]
    public void A_version_we_cannot_honour_is_not_answered()
    {
        var shipped = Library.GetName().Version!;
        var newer = new AssemblyName(Library.GetName().FullName) { Version = new Version(shipped.Major, shipped.Minor + 1, 0, 0) };
        var otherMajor = new AssemblyName(Library.GetName().FullName) { Version = new Version(shipped.Major - 1, 0, 0, 0) };
        var requester = typeof(AtlasApiKeys.Core.AtlasSession).Assembly;

        Assert.Null(Desktop().DesktopCandidate(newer, requester));
        Assert.Null(Desktop().DesktopCandidate(otherMajor, requester));
    }

    [Fact]
    public void A_name_we_do_not_ship_is_not_answered() =>
        Assert.Null(Desktop().DesktopCandidate(new AssemblyName("Newtonsoft.Json.NotHere"), typeof(DependencyLoader).Assembly));

    [Fact]
    public void The_edition_is_told_by_the_core_library_not_by_an_assembly_name()
    {
        Assert.Same(typeof(AssemblyLoadContext), DependencyLoader.FindLoadContextType(typeof(object).Assembly));
        Assert.Null(DependencyLoader.FindLoadContextType(typeof(Xunit.Assert).Assembly));   // a library without the type: .NET Framework's case
        Assert.False(DependencyLoader.IsDesktop(typeof(object).Assembly));
        Assert.True(DependencyLoader.IsDesktop(Assembly.Load("mscorlib")));                  // the facade carries .NET Framework's name
        Assert.True(DependencyLoader.UsesLoadContext);
    }
}
