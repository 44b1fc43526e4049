using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasApiKeys.Tests.Core.Http;

/// <summary>A platform handler stand-in: answers (or throws) what the test says for each attempt, and
/// keeps every request it was given (with its Expect-Continue setting as sent).</summary>
internal sealed class ScriptedHandler(Func<HttpRequestMessage, int, HttpResponseMessage> answer) : HttpMessageHandler
{
    private int attempts;

    public int Attempts => Volatile.Read(ref attempts);

    public ConcurrentQueue<(string Method, string Path, bool? ExpectContinue)> Seen { get; } = new();

    /// <summary>Session options that put this handler at the bottom of the pipeline, with no retries unless given.</summary>
    public AtlasApiKeys.Core.AtlasSessionOptions Options(int maxRetries = 0) => new()
    {
        BaseUri = new Uri("https://cloud.mongodb.com"),
        Credential = new AtlasApiKeys.Core.AtlasDigestCredential("abcdefgh", "11111111-2222-3333-4444-555555555555"),
        Retry = new AtlasApiKeys.Core.AtlasRetryOptions { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromMilliseconds(1), UseJitter = false },
        PrimaryHandler = () => this,
    };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref attempts);
        Seen.Enqueue((request.Method.Method, request.RequestUri!.AbsolutePath, request.Headers.ExpectContinue));
        return Task.FromResult(answer(request, attempt));
    }

    // The factory disposes handlers it built; this one belongs to the test.
    protected override void Dispose(bool disposing)
    {
    }
}
