using System;

namespace AtlasApiKeys.Core.Http;

/// <summary>No answer within one of the retry policy's time bounds: an attempt's
/// (<see cref="AtlasRetryOptions.AttemptTimeout"/>, which a later attempt may follow) or the whole call's
/// (<see cref="AtlasRetryOptions.MaxTotalTime"/>, which ends it).</summary>
internal sealed class AttemptTimeoutException : TimeoutException
{
    public AttemptTimeoutException(TimeSpan timeout, Exception? inner)
        : base($"No answer within {timeout.TotalSeconds:0.###} s.", inner)
    {
        Timeout = timeout;
    }

    /// <summary>The bound that ran out.</summary>
    public TimeSpan Timeout { get; }
}
