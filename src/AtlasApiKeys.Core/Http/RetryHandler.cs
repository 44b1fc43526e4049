using System;
using System.Globalization;
using System.Net.Http;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasApiKeys.Core.Http;

/// <summary>Retries: 429, 5xx and connection failures, exponential backoff with jitter
/// (<see cref="RetryBackoff"/>), Retry-After honoured, bounded in count, per attempt and in total time;
/// every attempt first waits at the session's <see cref="RateGate"/>. What may be sent again is the
/// request's <see cref="AtlasOperation"/>'s call: a create only after a 429 or a connection that failed
/// before the request was written; a read also after its answer's body broke. A plain loop, not a
/// resilience library: a runbook's first call compiles what it runs, and a generic pipeline built per
/// session was about a quarter of the methods its first call compiled (docs/benchmarks.md, section 7).</summary>
internal sealed class RetryHandler : DelegatingHandler
{
    private readonly AtlasRetryOptions options;
    private readonly RateGate gate;
    private readonly Action<AtlasTraceRecord>? sessionListener;
    private readonly TimeProvider time;

    public RetryHandler(AtlasRetryOptions options, RateGate gate, Action<AtlasTraceRecord>? sessionListener, TimeProvider time)
    {
        this.options = options;
        this.gate = gate;
        this.sessionListener = sessionListener;
        this.time = time;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var total = Bounded(options.MaxTotalTime) ? new Deadline(cancellationToken, options.MaxTotalTime, time) : null;
        var token = total?.Token ?? cancellationToken;
        for (var attempt = 1; ; attempt++)
        {
            RequestFlags.SetAttempt(request, attempt);
            HttpResponseMessage? response = null;
            Exception? failure = null;
            using (var each = Bounded(options.AttemptTimeout) ? new Deadline(token, options.AttemptTimeout, time) : null)
            {
                try
                {
                    response = await AttemptAsync(request, each?.Token ?? token, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && total?.Expired == true)
                {
                    throw new AttemptTimeoutException(options.MaxTotalTime, ex);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && each?.Expired == true)
                {
                    failure = new AttemptTimeoutException(options.AttemptTimeout, ex);
                }
                catch (Exception ex)
                {
                    failure = ex;
                }
            }

            if (attempt > options.MaxRetries || !ShouldRetry(request, response, failure, cancellationToken))
            {
                if (failure is not null)
                {
                    ExceptionDispatchInfo.Capture(failure).Throw();
                }

                return response!;
            }

            var delay = RetryAfter(response, time.GetUtcNow()) ?? RetryBackoff.Delay(options, attempt);
            OnRetry(request, response, failure, attempt, delay);
            try
            {
                if (delay > TimeSpan.Zero)
                {
                    await time.Delay(delay, token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new AttemptTimeoutException(options.MaxTotalTime, ex);
            }
        }
    }

    private static bool Bounded(TimeSpan limit) => limit > TimeSpan.Zero && limit != Timeout.InfiniteTimeSpan;

    /// <summary>One attempt: wait at the rate gate, send, and (for a read) read the answer inside the attempt.</summary>
    private async Task<HttpResponseMessage> AttemptAsync(HttpRequestMessage request, CancellationToken token, CancellationToken callerToken)
    {
        var ticket = await gate.WaitAsync(token).ConfigureAwait(false);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, token).ConfigureAwait(false);
            gate.Observe(response, ticket);
            await ReadAnswerAsync(request, response, token).ConfigureAwait(false);
            return response;
        }
        catch (Exception ex)
        {
            if (response is null)
            {
                gate.Abandon();
            }

            response?.Dispose();
            if (ex is not Errors.AtlasApiException && !callerToken.IsCancellationRequested && !FailedBeforeSending(ex))
            {
                RequestFlags.MarkMayHaveReached(request);
            }

            throw;
        }
    }

    /// <summary>The one place a retry is announced (the session's trace, with the notice the cmdlets write
    /// under -Verbose), before its wait; the answer that caused it is disposed here.</summary>
    private void OnRetry(HttpRequestMessage request, HttpResponseMessage? response, Exception? failure, int attempt, TimeSpan delay)
    {
        var why = response is not null ? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) : failure?.GetType().Name;
        AtlasTrace.Emit(sessionListener, new AtlasTraceRecord(
            request.Method.Method, DiagnosticsHandler.Redact(request.RequestUri), null, 0, attempt,
            $"retrying after {why} in {(long)delay.TotalMilliseconds} ms",
            RetryNotice.Describe(response, failure, delay, attempt + 1, options.MaxRetries + 1)));
        response?.Dispose();
    }

    /// <summary>For an operation that retries broken answers (a read), the body is read and parsed
    /// inside the attempt: a cut, reset or malformed body fails the attempt and is retried.</summary>
    private static async Task ReadAnswerAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if ((int)response.StatusCode < 300
            && RequestFlags.GetOperation(request).RetriesBrokenAnswer
            && RequestFlags.GetAnswerReader(request) is { } reader)
        {
            RequestFlags.SetAnswer(request, await reader(response, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>Facts about the attempt come from here; whether they allow another attempt is the operation's call.</summary>
    private bool ShouldRetry(HttpRequestMessage request, HttpResponseMessage? response, Exception? failure, CancellationToken cancellationToken)
    {
        var operation = RequestFlags.GetOperation(request);
        if (response is not null)
        {
            var status = (int)response.StatusCode;
            if (status == 429)
            {
                // Refused before acting: any operation may ask again.
                var wait = RetryAfter(response, time.GetUtcNow());
                return wait is null || wait <= options.MaxRetryAfter;
            }

            return status >= 500 && operation.MaySendAgain(earlierMayHaveReached: true);
        }

        return failure switch
        {
            null => false,
            OperationCanceledException when cancellationToken.IsCancellationRequested => false,
            JsonException => operation.RetriesBrokenAnswer,
            { } ex when ConnectionFailures.IsTlsRefusal(ex) => false,
            { } ex when ConnectionFailures.IsConnectionFailure(ex) => operation.MaySendAgain(earlierMayHaveReached: !FailedBeforeSending(ex)),
            AttemptTimeoutException => operation.MaySendAgain(earlierMayHaveReached: true),
            _ => false,
        };
    }

    /// <summary>True when the connection itself could not be made: the request never left.</summary>
    internal static bool FailedBeforeSending(Exception ex) => ConnectionFailures.FailedBeforeSending(ex);

    /// <summary>The server's Retry-After (seconds, or a date counted from <paramref name="now"/>), if any.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, DateTimeOffset now)
    {
        var header = response?.Headers.RetryAfter;
        if (header is null)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
