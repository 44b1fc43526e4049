using System;

namespace AtlasApiKeys.Tests.Support;

/// <summary>A clock the test moves by hand (timers and delays stay real: only "now" is the test's).</summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    /// <summary>The time the session reads.</summary>
    public DateTimeOffset Now { get; set; } = start;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Now;
}
