using System;

namespace AtlasApiKeys.Core;

/// <summary>How a session retries.</summary>
public sealed class AtlasRetryOptions
{
    /// <summary>Retries after the first attempt (0 turns retrying off).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The first back-off; it doubles each retry.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest single back-off.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A 429 whose Retry-After is longer than this is answered to the caller, not waited for.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The bound on one call, all attempts and back-offs included.</summary>
    public TimeSpan MaxTotalTime { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>The bound on one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Randomise back-offs so concurrent callers spread out.</summary>
    public bool UseJitter { get; set; } = true;

    internal AtlasRetryOptions Clone() => (AtlasRetryOptions)MemberwiseClone();
}
