using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.StubServer;
using Xunit;

namespace AtlasApiKeys.Tests.Reliability;

/// <summary>Cancellation in each place a call can wait ends it at once and leaves the session usable.</summary>
public sealed class CancellationTests : StubTest
{
    [Fact]
    public async Task Cancelling_during_a_retry_back_off_ends_at_once()
    {
        using var session = Stub.Digest(o => o.Retry.MaxRetryAfter = TimeSpan.FromMinutes(5));
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        Stub.Server.Faults.Add(FaultKind.TooManyRequests, retryAfter: TimeSpan.FromSeconds(3));

        var elapsed = await CancelAfter(300, token => session.ApiKeys.ListAsync(Stub.Production, null, token).ToListAsync());

        Assert.True(elapsed < TimeSpan.FromSeconds(1.3), $"took {elapsed.TotalMilliseconds:0} ms to stop");
        await AssertUsableAfterPauseAsync(session);
    }

    [Fact]
    public async Task Cancelling_during_a_token_fetch_ends_at_once()
    {
        Stub.Server.Faults.Add(new Fault { Kind = FaultKind.Hang, PathContains = "/api/oauth/token" });
        using var session = Stub.ServiceAccount();

        var elapsed = await CancelAfter(300, token => session.ApiKeys.ListAsync(Stub.Production, null, token).ToListAsync());

        Assert.True(elapsed < TimeSpan.FromSeconds(1.3), $"took {elapsed.TotalMilliseconds:0} ms to stop");
        Assert.Equal(3, (await session.ApiKeys.ListAsync(Stub.Production).ToListAsync()).Count);
        Assert.Equal(2, Stub.TokenRequests);   // the hung one, then one that worked
    }

    [Fact]
    public async Task Cancelling_during_a_listing_ends_at_once()
    {
        var bulk = Stub.Server.State.AddProject("bulk");
        StubSeed.AddBulkKeys(Stub.Server.State, bulk, Stub.Seed.Staging, 50);
        using var session = Stub.Digest();
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        Stub.Server.Faults.Latency = TimeSpan.FromSeconds(30);

        var elapsed = await CancelAfter(300, token => session.ApiKeys.ListAsync(bulk.Id, new AtlasApiKeys.Core.Model.ListOptions { ItemsPerPage = 10 }, token).ToListAsync());

        Assert.True(elapsed < TimeSpan.FromSeconds(1.3), $"took {elapsed.TotalMilliseconds:0} ms to stop");
        Stub.Server.Faults.Latency = TimeSpan.Zero;
        Assert.Equal(50, (await session.ApiKeys.ListAsync(bulk.Id).ToListAsync()).Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_session_disposed_under_a_call_reports_it_closed_not_timed_out(bool create)
    {
        var session = Stub.Track(Stub.Digest());
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();   // signed already: the next request is the call
        Stub.Server.Faults.Add(new Fault { Kind = FaultKind.Hang, Method = create ? "POST" : "GET" });
        Task call = create
            ? session.ApiKeys.CreateAsync(Stub.Production, "cut short", ["GROUP_READ_ONLY"])
            : session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (Stub.Server.Faults.Injected == 0)
            {
                await Task.Delay(10, patience.Token);   // until the stub holds the request
            }
        }

        var clock = Stopwatch.StartNew();
        session.Dispose();
        var closed = await Assert.ThrowsAsync<AtlasApiKeys.Core.Errors.AtlasApiException>(() => call);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed.TotalMilliseconds:0} ms to end");
        Assert.Equal("SESSION_CLOSED", closed.ErrorCode);
        Assert.IsAssignableFrom<OperationCanceledException>(closed.InnerException);   // cut short in flight, not refused before it
        Assert.Contains("session is closed", closed.Message, StringComparison.Ordinal);
        Assert.Equal(create, closed.MayHaveSucceeded);   // a create the server got may have acted
        Assert.Equal(create, closed.RecommendedAction is not null);
    }

    private static async Task<TimeSpan> CancelAfter(int milliseconds, Func<CancellationToken, Task> call)
    {
        using var cts = new CancellationTokenSource(milliseconds);
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call(cts.Token));
        return clock.Elapsed;
    }

    private async Task AssertUsableAfterPauseAsync(AtlasSession session)
    {
        // The 429 paused the session for its Retry-After; the pause is honoured, and calls work after it.
        Stub.Server.Faults.Clear();
        Assert.Equal(1, session.RateGate.Pauses);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Equal(3, (await session.ApiKeys.ListAsync(Stub.Production, null, patience.Token).ToListAsync()).Count);
        Assert.Contains(Stub.ApiRequests(), r => r.Status == 200 && r.Seq > Stub.ApiRequests().First(x => x.Status == 429).Seq);
    }
}
