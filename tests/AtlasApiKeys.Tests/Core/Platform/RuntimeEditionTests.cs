using System.Reflection;
using AtlasApiKeys.Core.Platform;
using Xunit;

namespace AtlasApiKeys.Tests.Core.Platform;

public sealed class RuntimeEditionTests
{
    [Fact]
    public void The_edition_follows_the_core_library()
    {
        Assert.True(RuntimeEdition.IsDesktopCoreLibrary(new AssemblyName("mscorlib, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089")));
        Assert.False(RuntimeEdition.IsDesktopCoreLibrary(new AssemblyName("System.Private.CoreLib, Version=10.0.0.0")));
        Assert.False(RuntimeEdition.IsDesktopCoreLibrary(typeof(object).Assembly.GetName()));
    }

    [Fact]
    public void This_runtime_is_not_Desktop() => Assert.False(RuntimeEdition.IsDesktop);
}
