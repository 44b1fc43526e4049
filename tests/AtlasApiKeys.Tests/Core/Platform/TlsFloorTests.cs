using System.Net;
using AtlasApiKeys.Core.Platform;
using Xunit;

namespace AtlasApiKeys.Tests.Core.Platform;

/// <summary>TLS 1.2 is added to .NET Framework's process setting, never put in place of what is there.</summary>
public sealed class TlsFloorTests
{
#pragma warning disable CS0618, CA5364, CA5386, SYSLIB0039 // old protocols are the very input under test
    [Fact]
    public void An_old_host_setting_gets_TLS_1_2_added_and_keeps_what_it_had()
    {
        var decided = TlsFloor.Decide(desktop: true, SecurityProtocolType.Ssl3 | SecurityProtocolType.Tls);

        Assert.Equal(SecurityProtocolType.Ssl3 | SecurityProtocolType.Tls | SecurityProtocolType.Tls12, decided);
    }

    [Fact]
    public void A_setting_that_offers_TLS_1_2_is_left_alone() =>
        Assert.Null(TlsFloor.Decide(desktop: true, SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12));
#pragma warning restore CS0618, CA5364, CA5386, SYSLIB0039

    [Fact]
    public void SystemDefault_is_left_to_the_operating_system()
    {
        Assert.Equal(0, (int)TlsFloor.SystemDefault);
        Assert.Null(TlsFloor.Decide(desktop: true, TlsFloor.SystemDefault));
    }

    [Fact]
    public void Nothing_changes_on_NET() =>
#pragma warning disable CA5364, SYSLIB0039
        Assert.Null(TlsFloor.Decide(desktop: false, SecurityProtocolType.Tls));
#pragma warning restore CA5364, SYSLIB0039
}
