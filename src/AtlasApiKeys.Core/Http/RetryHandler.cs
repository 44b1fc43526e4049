using System;
using System.Globalization;

using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace AtlasApiKeys.Core.Http;

/// <summary>Retries with Polly: 429, 5xx and connection failures, exponential backoff with jitter,
/// Retry-After honoured, bounded in count and total time; every attempt first waits at the session's
/// <see cref="RateGate"/>. A not-repeatable request (a create) is sent
/// again only after a 429 or a connection that failed before the request was written.</summary>
internal sealed class RetryHandler : DelegatingHandler
{
    private static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("AtlasApiKeys.Request");
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;
    private readonly AtlasRetryOptions options;
    private readonly RateGate gate;

    public RetryHandler(AtlasRetryOptions options, RateGate gate, Action<AtlasTraceRecord>? sessionListener)
    {
        this.options = options;
        this.gate = gate;
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
                DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    var request = args.Context.Properties.GetValue(RequestKey, null!);
                    var why = args.Outcome.Result is { } r ? ((int)r.StatusCode).ToString(CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name;
                    AtlasTrace.Emit(sessionListener, new AtlasTraceRecord(
                        request.Method.Method, DiagnosticsHandler.Redact(request.RequestUri), null, 0, args.AttemptNumber + 1,
                        $"retrying after {why} in {(long)args.RetryDelay.TotalMilliseconds} ms"));
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
                    try
                    {
                        var response = await base.SendAsync(request, ctx.CancellationToken).ConfigureAwait(false);
                        gate.Observe(response, ticket);
                        return response;
                    }
                    catch (Exception ex)
                    {
                        gate.Abandon();
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

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        var request = context.Properties.GetValue(RequestKey, null!);
        var notRepeatable = RequestFlags.IsNotRepeatable(request);
        if (outcome.Result is { } response)
        {
            var status = (int)response.StatusCode;
            if (status == 429)
            {
                var wait = RetryAfter(response);
                return wait is null || wait <= options.MaxRetryAfter;
            }

            return status >= 500 && !notRepeatable;
        }

        return outcome.Exception switch
        {
            null => false,
            OperationCanceledException when context.CancellationToken.IsCancellationRequested => false,
            HttpRequestException ex => !notRepeatable || FailedBeforeSending(ex),
            TimeoutRejectedException => !notRepeatable,
            _ => false,
        };
    }

    /// <summary>True when the connection itself could not be made: the request never left.</summary>
    internal static bool FailedBeforeSending(Exception ex) => ConnectionFailures.FailedBeforeSending(ex);

    /// <summary>The server's Retry-After (seconds or a date), if any.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response)
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
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
