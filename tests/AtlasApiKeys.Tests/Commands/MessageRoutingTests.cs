using AtlasApiKeys.Commands;
using Xunit;

namespace AtlasApiKeys.Tests.Commands;

/// <summary>Where verbose and debug text goes, so that -Debug never prompts (pwsh 7 inquires on
/// WriteVerbose under -Debug alone; Windows PowerShell 5.1 inquires on WriteDebug under -Debug).</summary>
public sealed class MessageRoutingTests
{
    [Theory]
    [InlineData(false, false, "Debug")]   // $DebugPreference decides, as the caller set it
    [InlineData(true, false, "Debug")]    // pwsh 7: -Debug is Continue, WriteDebug does not ask
    [InlineData(false, true, "Debug")]
    [InlineData(true, true, "HostDebugLine")]   // 5.1: -Debug is Inquire; the host line shows without asking
    public void Debug_text(bool debugSwitch, bool desktop, string expected) =>
        Assert.Equal(expected, MessageRouting.ForDebug(debugSwitch, desktop).ToString());

    [Theory]
    [InlineData(false, false, false, "Verbose")]
    [InlineData(true, false, false, "Verbose")]
    [InlineData(true, true, false, "Verbose")]        // -Verbose given: PowerShell honours it without asking
    [InlineData(true, true, true, "Verbose")]
    [InlineData(false, true, false, "Debug")]         // pwsh 7, -Debug alone: verbose preference is Inquire
    [InlineData(false, true, true, "HostDebugLine")]  // 5.1, -Debug alone: both would ask
    public void Verbose_text(bool verboseBound, bool debugSwitch, bool desktop, string expected) =>
        Assert.Equal(expected, MessageRouting.ForVerbose(verboseBound, debugSwitch, desktop).ToString());

    [Theory]
    [InlineData(false, false, "Warning")]
    [InlineData(true, false, "Warning")]
    [InlineData(true, true, "Warning")]             // -WarningAction given: PowerShell honours it without asking
    [InlineData(false, true, "HostWarningLine")]    // -Debug alone: the warning preference is Inquire
    public void Warnings(bool warningActionBound, bool debugSwitch, string expected) =>
        Assert.Equal(expected, MessageRouting.ForWarning(warningActionBound, debugSwitch).ToString());
}
