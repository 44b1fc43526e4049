using System;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace AtlasApiKeys.Core.Http;

/// <summary>Retries with Polly: 429, 5xx and connection failures, exponential backoff with jitter,
/// Retry-After honoured, bounded in count and total time; every attempt first waits at the session's
/// <see cref="RateGate"/>. What may be sent again is the request's
/// <see cref="AtlasOperation"/>'s call: a create only after a 429 or a connection that failed before
/// the request was written; a read also after its answer's body broke.</summary>
internal sealed class RetryHandler : DelegatingHandler
{
    private static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("AtlasApiKeys.Request");
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;
    private readonly AtlasRetryOptions options;
    private readonly RateGate gate;
    private readonly TimeProvider time;

    public RetryHandler(AtlasRetryOptions options, RateGate gate, Action<AtlasTraceRecord>? sessionListener, TimeProvider time)
    {
        this.options = options;
        this.gate = gate;
        this.time = time;
        // Not the builder's TimeProvider: a newer Polly built for .NET 8 that another module loaded first is
        // shared, and its setter takes the framework's TimeProvider, not Microsoft.Bcl.TimeProvider's.
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (options.MaxTotalTime > TimeSpan.Zero && options.MaxTotalTime != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(options.MaxTotalTime);
        }

        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfter(args.Outcome.Result, time.GetUtcNow())),
                OnRetry = args =>
                {
                    var request = args.Context.Properties.GetValue(RequestKey, null!);
                    var why = args.Outcome.Result is { } r ? ((int)r.StatusCode).ToString(CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name;
                    AtlasTrace.Emit(sessionListener, new AtlasTraceRecord(
                        request.Method.Method, DiagnosticsHandler.Redact(request.RequestUri), null, 0, args.AttemptNumber + 1,
                        $"retrying after {why} in {(long)args.RetryDelay.TotalMilliseconds} ms",
                        RetryNotice.Describe(args.Outcome, args.RetryDelay, args.AttemptNumber + 2, options.MaxRetries + 1)));
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        if (options.AttemptTimeout > TimeSpan.Zero && options.AttemptTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(options.AttemptTimeout);
        }

        pipeline = builder.Build();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, request);
        var attempt = 0;
        try
        {
            return await pipeline.ExecuteAsync(
                async ctx =>
                {
                    RequestFlags.SetAttempt(request, ++attempt);
                    var ticket = await gate.WaitAsync(ctx.CancellationToken).ConfigureAwait(false);
                    HttpResponseMessage? response = null;
                    try
                    {
                        response = await base.SendAsync(request, ctx.CancellationToken).ConfigureAwait(false);
                        gate.Observe(response, ticket);
                        await ReadAnswerAsync(request, response, ctx.CancellationToken).ConfigureAwait(false);
                        return response;
                    }
                    catch (Exception ex)
                    {
                        if (response is null)
                        {
                            gate.Abandon();
                        }

                        response?.Dispose();
                        if (ex is not Errors.AtlasApiException && !cancellationToken.IsCancellationRequested && !FailedBeforeSending(ex))
                        {
                            RequestFlags.MarkMayHaveReached(request);
                        }

                        throw;
                    }
                },
                context).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
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
    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        var request = context.Properties.GetValue(RequestKey, null!);
        var operation = RequestFlags.GetOperation(request);
        if (outcome.Result is { } response)
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

        return outcome.Exception switch
        {
            null => false,
            OperationCanceledException when context.CancellationToken.IsCancellationRequested => false,
            JsonException => operation.RetriesBrokenAnswer,
            { } ex when ConnectionFailures.IsConnectionFailure(ex) => operation.MaySendAgain(earlierMayHaveReached: !FailedBeforeSending(ex)),
            TimeoutRejectedException => operation.MaySendAgain(earlierMayHaveReached: true),
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
