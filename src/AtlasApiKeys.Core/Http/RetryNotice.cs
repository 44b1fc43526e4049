using System;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;

namespace AtlasApiKeys.Core.Http;

/// <summary>What a person is told when a call is tried again (the cmdlets write it under -Verbose):
/// <c>Atlas answered 503; trying again in 2 s (attempt 2 of 5)</c>. No header, no body, no secret.</summary>
internal static class RetryNotice
{
    /// <param name="response">The failed attempt's answer, if it had one.</param>
    /// <param name="failure">Otherwise what it failed with.</param>
    /// <param name="delay">The wait before the next attempt.</param>
    /// <param name="nextAttempt">The next attempt's number (2 for the first retry).</param>
    /// <param name="maxAttempts">The most attempts the call makes.</param>
    public static string Describe(HttpResponseMessage? response, Exception? failure, TimeSpan delay, int nextAttempt, int maxAttempts)
    {
        var why = response is not null
            ? $"Atlas answered {(int)response.StatusCode}{((int)response.StatusCode == 429 ? " (too many requests)" : string.Empty)}"
            : failure switch
            {
                AttemptTimeoutException or OperationCanceledException => "Atlas did not answer in time",
                JsonException => "Atlas's answer arrived broken",
                { } ex when ConnectionFailures.IsConnectionFailure(ex) => $"The connection to Atlas failed ({ConnectionFailures.Describe(ex)})",
                { } ex => $"The call failed ({ex.GetType().Name})",
                null => "The call failed",
            };
        return string.Format(CultureInfo.InvariantCulture, "{0}; trying again in {1:0.#} s (attempt {2} of {3})", why, delay.TotalSeconds, nextAttempt, maxAttempts);
    }
}
