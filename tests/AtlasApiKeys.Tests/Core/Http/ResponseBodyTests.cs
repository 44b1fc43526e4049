using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Http;
using Xunit;

namespace AtlasApiKeys.Tests.Core.Http;

/// <summary>A stalled body read stops when its token is cancelled, even where the response stream
/// ignores the token (.NET Framework): the response is disposed under the read.</summary>
public sealed class ResponseBodyTests
{
    [Fact]
    public async Task Cancelling_a_stalled_body_read_disposes_the_response_and_ends_the_call()
    {
        var body = new StallingStream();
        var handler = new ScriptedHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) });
        using var session = new AtlasSession(handler.Options());
        using var cts = new CancellationTokenSource();

        // Registered before the call: cancellation callbacks run last-registered first, so by the time
        // this one releases the stalled read, the exchange's own callbacks have run (or it has none).
        cts.Token.Register(body.Release);
        var listing = session.ApiKeys.ListAsync("0123456789abcdef01234567", null, cts.Token).ToListAsync();
        await body.ReadStarted;
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listing);
        Assert.True(body.DisposedBeforeRelease, "the response was not disposed when the call was cancelled");
        Assert.Equal(1, handler.Attempts);
    }

    [Fact]
    public async Task Cancelling_a_stalled_token_answer_disposes_it_and_ends_the_call()
    {
        var body = new StallingStream();
        var handler = new ScriptedHandler((request, _) => request.RequestUri!.AbsolutePath == "/api/oauth/token"
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) }
            : new HttpResponseMessage(HttpStatusCode.NoContent));
        var options = handler.Options();
        options.Credential = new AtlasServiceAccountCredential("mdb_sa_id_0123456789abcdef01234567", "mdb_sa_sk_secret");
        using var session = new AtlasSession(options);
        using var cts = new CancellationTokenSource();
        cts.Token.Register(body.Release);

        var unassign = session.ApiKeys.UnassignAsync("0123456789abcdef01234567", "fedcba9876543210fedcba98", cts.Token);
        await body.ReadStarted;
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => unassign);
        Assert.True(body.DisposedBeforeRelease, "the token answer was not disposed when the call was cancelled");
        Assert.Equal(["/api/oauth/token"], handler.Seen.Select(r => r.Path));   // the call itself was never sent
    }

    [Fact]
    public async Task A_read_that_ignores_the_token_is_given_up_on_when_it_is_cancelled()
    {
        using var cts = new CancellationTokenSource();
        var never = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        cts.Token.Register(() => never.TrySetResult(42));   // runs after ReadAsync's own callback

        var read = ResponseBody.ReadAsync(never.Task, cts.Token);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
    }

    [Fact]
    public async Task A_read_that_completes_is_returned_as_it_is()
    {
        using var cts = new CancellationTokenSource();
        var later = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        var read = ResponseBody.ReadAsync(later.Task, cts.Token);
        later.SetResult(7);

        Assert.Equal(7, await read);
    }

    [Fact]
    public void Disposing_on_cancel_disposes_the_response()
    {
        var body = new StallingStream();
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) };
        using var cts = new CancellationTokenSource();
        using (ResponseBody.DisposeOnCancel(response, cts.Token))
        {
            Assert.False(body.Disposed);
            cts.Cancel();
        }

        Assert.True(body.Disposed);
    }
}
