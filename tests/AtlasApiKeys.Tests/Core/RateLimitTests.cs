using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace AtlasApiKeys.Tests.Core;

public sealed class RateLimitTests : StubTest
{
    [Fact]
    public async Task Concurrent_callers_pause_together_and_no_429_reaches_them()
    {
        Stub.Server.Faults.EnableTokenBucket(capacity: 5, refillPerSecond: 10);
        using var session = Stub.Digest(o => o.Retry.MaxRetries = 8);
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();   // the first answer tells the session its credits
        var before = Stub.Server.Log.Count;

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => session.ApiKeys.ListAsync(Stub.Production).ToListAsync())));

        Assert.All(results, keys => Assert.Equal(3, keys.Count));   // every call succeeded: no 429 surfaced
        var log = Stub.ApiRequests(before);
        var limited = log.Count(r => r.Status == 429);
        Assert.Equal(16, log.Count(r => r.Status == 200));
        Assert.True(limited <= 2, $"{limited} requests ran into the limit: the session did not pace itself");
        Assert.True(session.RateGate.Pauses > 0);
    }

    [Fact]
    public async Task An_empty_bucket_holds_the_next_request_back()
    {
        Stub.Server.Faults.EnableTokenBucket(capacity: 2, refillPerSecond: 0.5);
        using var session = Stub.Digest();
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();   // remaining 1
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();   // remaining 0: the gate closes

        Assert.Equal(1, session.RateGate.Pauses);
        Assert.False(session.RateGate.WaitAsync(default).IsCompleted);
        Assert.DoesNotContain(Stub.ApiRequests(), r => r.Status == 429);
    }

    [Fact]
    public async Task A_429_from_a_server_that_does_not_count_only_pauses()
    {
        using var session = Stub.Digest();
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        Stub.Server.Faults.Add(AtlasApiKeys.StubServer.FaultKind.TooManyRequests);

        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();

        Assert.Equal(-1, session.RateGate.Credits);   // no credit counting without RateLimit-Remaining
        Assert.Equal(1, session.RateGate.Pauses);
    }
}
