using System;
using Xunit;

namespace AtlasApiKeys.Tests.Module;

/// <summary>Below .NET Framework 4.7.2 the import stops with an error that says what to install.</summary>
public sealed class FrameworkRequirementTests
{
    [Theory]
    [InlineData(461308, ".NET Framework 4.7.1")]
    [InlineData(460798, ".NET Framework 4.7")]
    [InlineData(394802, ".NET Framework 4.6.2")]
    public void An_older_framework_stops_the_import_naming_what_is_there_and_what_is_needed(int release, string found)
    {
        var error = FrameworkRequirement.Check(desktop: true, release);

        Assert.NotNull(error);
        Assert.Contains($"this machine has {found} (Release {release})", error, StringComparison.Ordinal);
        Assert.Contains("needs .NET Framework 4.7.2 or later", error, StringComparison.Ordinal);
        Assert.Contains("PowerShell 7", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(461808)]   // 4.7.2 on Windows 10 1803
    [InlineData(461814)]   // 4.7.2 elsewhere
    [InlineData(528040)]   // 4.8
    [InlineData(533325)]   // 4.8.1
    public void Framework_4_7_2_and_later_import(int release) => Assert.Null(FrameworkRequirement.Check(desktop: true, release));

    [Fact]
    public void Nothing_is_said_on_NET_or_when_the_version_cannot_be_read()
    {
        Assert.Null(FrameworkRequirement.Check(desktop: false, 378389));
        Assert.Null(FrameworkRequirement.Check(desktop: true, null));
        FrameworkRequirement.ThrowIfUnsupported();   // this runtime is .NET
    }
}
