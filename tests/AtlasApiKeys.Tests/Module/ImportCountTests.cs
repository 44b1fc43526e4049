using Xunit;

namespace AtlasApiKeys.Tests.Module;

/// <summary>The resolver is hooked by the first import and unhooked by the last removal.</summary>
public sealed class ImportCountTests
{
    [Fact]
    public void Only_the_last_runspace_to_remove_the_module_unhooks()
    {
        var imports = new ImportCount();

        Assert.True(imports.Add());     // runspace 1 imports: hook
        Assert.False(imports.Add());    // runspace 2 imports: already hooked
        Assert.False(imports.Remove()); // runspace 1 removes: runspace 2 still uses it
        Assert.Equal(1, imports.Current);
        Assert.True(imports.Remove());  // runspace 2 removes: unhook
        Assert.True(imports.Add());     // imported again later: hook again
    }

    [Fact]
    public void A_removal_without_an_import_does_not_unhook()
    {
        var imports = new ImportCount();

        Assert.False(imports.Remove());
        Assert.Equal(0, imports.Current);
        Assert.True(imports.Add());
    }
}
