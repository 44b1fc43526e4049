using System;

namespace AtlasApiKeys.Core.Http;

/// <summary>How long to wait before a retry when the server did not say (Retry-After): the base delay
/// doubled for each retry, at most the maximum; with jitter, a random point in the upper half of that, so
/// clients that failed together do not come back together.</summary>
internal static class RetryBackoff
{
    private static readonly object Gate = new();
    private static readonly Random Random = new();

    /// <summary>The wait before retry number <paramref name="retry"/> (1 for the first retry).</summary>
    public static TimeSpan Delay(AtlasRetryOptions options, int retry) => Delay(options, retry, options.UseJitter ? NextDouble() : 1.0);

    /// <summary>The same with the random draw given (0 to 1), for tests.</summary>
    internal static TimeSpan Delay(AtlasRetryOptions options, int retry, double draw)
    {
        var baseTicks = Math.Max(0, options.BaseDelay.Ticks);
        var maxTicks = Math.Max(0, options.MaxDelay.Ticks);
        var ticks = baseTicks * Math.Pow(2, Math.Min(Math.Max(retry, 1) - 1, 62));
        var capped = Math.Min(ticks, maxTicks);
        var jittered = options.UseJitter ? capped * (0.5 + (0.5 * draw)) : capped;
        return TimeSpan.FromTicks((long)jittered);
    }

    private static double NextDouble()
    {
        lock (Gate)
        {
            return Random.NextDouble();
        }
    }
}
