using System;
using System.IO;
using System.Runtime.InteropServices;
using Xunit;

namespace AtlasApiKeys.Tests.Module;

/// <summary>Which Core file PowerShell 7 loads: the ReadyToRun image of its platform when the module ships one.</summary>
public sealed class CoreImageTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "atlas-coreimage-" + Guid.NewGuid().ToString("N"));

    public CoreImageTests()
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "AtlasApiKeys.Core.dll"), "IL");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void The_image_of_this_platform_wins_over_the_copy_beside_the_module()
    {
        var platform = CoreImage.Platform(RuntimeInformation.ProcessArchitecture)!;
        Directory.CreateDirectory(Path.Combine(folder, platform));
        File.WriteAllText(Path.Combine(folder, platform, "AtlasApiKeys.Core.dll"), "R2R");

        Assert.Equal(Path.Combine(folder, platform, "AtlasApiKeys.Core.dll"), CoreImage.For(folder));
    }

    [Fact]
    public void Without_an_image_for_this_platform_the_copy_beside_the_module_is_loaded()
    {
        var other = OperatingSystem.IsWindows() ? "linux-x64" : "win-x64";
        Directory.CreateDirectory(Path.Combine(folder, other));
        File.WriteAllText(Path.Combine(folder, other, "AtlasApiKeys.Core.dll"), "R2R");

        Assert.Equal(Path.Combine(folder, "AtlasApiKeys.Core.dll"), CoreImage.For(folder));
    }

    [Theory]
    [InlineData(Architecture.X64, "linux-x64", "win-x64", "osx-x64")]
    [InlineData(Architecture.Arm64, "linux-arm64", "win-arm64", "osx-arm64")]
    public void A_platform_is_named_as_the_folder_of_its_image(Architecture architecture, string linux, string windows, string macOS)
    {
        var expected = OperatingSystem.IsLinux() ? linux : OperatingSystem.IsWindows() ? windows : macOS;
        Assert.Equal(expected, CoreImage.Platform(architecture));
    }
}
