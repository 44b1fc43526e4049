using System;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Http;
using Xunit;

namespace AtlasApiKeys.Tests.Core.Http;

/// <summary>The wait before a retry when the server names none: doubling from the base, capped, jittered
/// into the upper half.</summary>
public sealed class RetryBackoffTests
{
    private static readonly AtlasRetryOptions Plain = new() { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5), UseJitter = false };

    [Theory]
    [InlineData(1, 1000)]
    [InlineData(2, 2000)]
    [InlineData(3, 4000)]
    [InlineData(4, 5000)]     // capped at MaxDelay
    [InlineData(200, 5000)]   // no overflow however many
    public void Without_jitter_the_delay_doubles_up_to_the_maximum(int retry, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), RetryBackoff.Delay(Plain, retry));

    [Fact]
    public void With_jitter_the_delay_is_in_the_upper_half_of_the_doubled_one()
    {
        var jittered = new AtlasRetryOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5), UseJitter = true };

        Assert.Equal(TimeSpan.FromMilliseconds(2000), RetryBackoff.Delay(jittered, 3, draw: 0.0));
        Assert.Equal(TimeSpan.FromMilliseconds(3000), RetryBackoff.Delay(jittered, 3, draw: 0.5));
        Assert.Equal(TimeSpan.FromMilliseconds(4000), RetryBackoff.Delay(jittered, 3, draw: 1.0));
        for (var i = 0; i < 100; i++)
        {
            var delay = RetryBackoff.Delay(jittered, 3);
            Assert.InRange(delay, TimeSpan.FromMilliseconds(2000), TimeSpan.FromMilliseconds(4000));
        }
    }
}
