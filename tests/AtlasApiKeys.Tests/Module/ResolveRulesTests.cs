using System;
using System.IO;
using System.Reflection;
using Xunit;

namespace AtlasApiKeys.Tests.Module;

/// <summary>Which requests the .NET Framework resolver answers (src/AtlasApiKeys/ResolveRules.cs).</summary>
public sealed class ResolveRulesTests
{
    private const string Token = "cc7b13ffcd2ddd51";

    [Theory]
    [InlineData("8.0.0.0", "8.0.0.0", false, true)]
    [InlineData("8.0.0.0", "8.0.1.0", false, true)]     // newer within the major: honours the request
    [InlineData("8.0.1.0", "8.0.0.0", false, false)]    // older than asked
    [InlineData("8.0.1.0", "8.0.0.0", true, false)]     // older than asked, whoever asks
    [InlineData("6.0.0.0", "8.0.0.0", false, false)]    // another major, not one our build unified
    [InlineData("6.0.0.0", "8.0.0.0", true, true)]      // another major that the requester was built against: our build's redirect
    [InlineData("9.0.0.0", "8.0.0.0", true, false)]
    [InlineData(null, "8.0.0.0", false, true)]          // no version asked
    public void A_copy_honours_the_same_major_not_older_or_what_our_build_unified(string? requested, string shipped, bool compiledAgainst, bool honours)
    {
        var asked = new AssemblyName("Microsoft.Bcl.AsyncInterfaces") { Version = requested is null ? null : Version.Parse(requested) };

        Assert.Equal(honours, ResolveRules.CanHonour(asked, Named("Microsoft.Bcl.AsyncInterfaces", shipped, Token), compiledAgainst));
    }

    [Fact]
    public void Another_publisher_is_not_honoured()
    {
        var asked = new AssemblyName($"Microsoft.Bcl.AsyncInterfaces, Version=8.0.0.0, Culture=neutral, PublicKeyToken={Token}");

        Assert.True(ResolveRules.CanHonour(asked, Named("Microsoft.Bcl.AsyncInterfaces", "8.0.0.0", Token), compiledAgainst: true));
        Assert.False(ResolveRules.CanHonour(asked, Named("Microsoft.Bcl.AsyncInterfaces", "8.0.0.0", "0123456789abcdef"), compiledAgainst: true));
        Assert.False(ResolveRules.CanHonour(asked, Named("Microsoft.Bcl.AsyncInterfaces", "8.0.0.0", null), compiledAgainst: true));
    }

    [Fact]
    public void Only_our_own_assemblies_are_requesters_we_answer()
    {
        var module = typeof(DependencyLoader).Assembly;
        var dependencies = Path.GetDirectoryName(Assembly.Load(new AssemblyName("Microsoft.Bcl.AsyncInterfaces")).Location)!;
        var moduleFolder = Path.Combine(Path.GetTempPath(), "elsewhere");

        Assert.True(ResolveRules.IsOwnRequester(module, module, moduleFolder, Path.Combine(moduleFolder, "dependencies")));
        Assert.True(ResolveRules.IsOwnRequester(Assembly.Load(new AssemblyName("Microsoft.Bcl.AsyncInterfaces")), module, moduleFolder, dependencies));
        Assert.True(ResolveRules.IsOwnRequester(Assembly.Load(new AssemblyName("Microsoft.Bcl.AsyncInterfaces")), module, dependencies, moduleFolder));
        Assert.False(ResolveRules.IsOwnRequester(typeof(object).Assembly, module, moduleFolder, dependencies));     // another's
        Assert.False(ResolveRules.IsOwnRequester(null, module, moduleFolder, dependencies));                       // nobody's
    }

    private static AssemblyName Named(string name, string version, string? token)
    {
        var result = new AssemblyName(name) { Version = Version.Parse(version) };
        result.SetPublicKeyToken(token is null ? [] : Convert.FromHexString(token));
        return result;
    }
}
