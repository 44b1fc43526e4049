using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Errors;
using AtlasApiKeys.StubServer;
using Xunit;

namespace AtlasApiKeys.Tests.Core;

public sealed class RetryTests : StubTest
{
    [Fact]
    public async Task Retry_After_is_honoured()
    {
        using var session = Stub.Digest();
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        Stub.Server.Faults.Add(FaultKind.TooManyRequests, retryAfter: TimeSpan.FromSeconds(1));
        var before = Stub.Server.Log.Count;

        var clock = Stopwatch.StartNew();
        var keys = await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();

        Assert.Equal(3, keys.Count);
        Assert.Equal([429, 200], Stub.ApiRequests(before).Select(r => r.Status));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"waited only {clock.ElapsedMilliseconds} ms of the 1 s Retry-After");
        Assert.Contains(Stub.Trace, t => t.Note?.Contains("retrying after 429 in 1000 ms", StringComparison.Ordinal) == true);
        Assert.Contains(Stub.Trace, t => t.RetryNotice == "Atlas answered 429 (too many requests); trying again in 1 s (attempt 2 of 5)");
    }

    [Fact]
    public async Task Each_retry_has_a_notice_for_a_person_and_an_exchange_has_none()
    {
        using var session = Stub.Digest(o => (o.Retry.BaseDelay, o.Retry.MaxDelay, o.Retry.UseJitter) = (TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), false));
        Stub.Server.Faults.Add(FaultKind.ServiceUnavailable, count: 2);

        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();

        Assert.Equal(
            ["Atlas answered 503; trying again in 0.2 s (attempt 2 of 5)", "Atlas answered 503; trying again in 0.4 s (attempt 3 of 5)"],
            Stub.Trace.Where(t => t.RetryNotice is not null).Select(t => t.RetryNotice));
        Assert.All(Stub.Trace.Where(t => t.Status is not null), t => Assert.Null(t.RetryNotice));
    }

    [Fact]
    public async Task A_dropped_connection_is_named_in_the_notice()
    {
        using var session = Stub.Digest(o => o.Retry.UseJitter = false);
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        Stub.Server.Faults.Add(FaultKind.DropBeforeAction);

        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();

        var notice = Assert.Single(Stub.Trace, t => t.RetryNotice is not null).RetryNotice!;
        Assert.StartsWith("The connection to Atlas failed (", notice, StringComparison.Ordinal);
        Assert.EndsWith("); trying again in 0 s (attempt 2 of 5)", notice, StringComparison.Ordinal);
        Assert.DoesNotContain("inner exception", notice, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(FaultKind.InternalServerError, 500)]
    [InlineData(FaultKind.ServiceUnavailable, 503)]
    [InlineData(FaultKind.BadGateway, 502)]
    public async Task Reads_are_retried_on_5xx(FaultKind kind, int status)
    {
        using var session = Stub.Digest();
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        Stub.Server.Faults.Add(kind, count: 2);
        var before = Stub.Server.Log.Count;

        Assert.Equal(3, (await session.ApiKeys.ListAsync(Stub.Production).ToListAsync()).Count);
        Assert.Equal([status, status, 200], Stub.ApiRequests(before).Select(r => r.Status));
        Assert.Equal([1, 2, 3], Stub.Trace.Where(t => t.Status is not null).TakeLast(3).Select(t => t.Attempt));
    }

    [Theory]
    [InlineData(FaultKind.DropAfterAction)]
    [InlineData(FaultKind.DropBeforeAction)]
    public async Task Reads_are_retried_on_a_dropped_connection(FaultKind kind)
    {
        using var session = Stub.Digest();
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        Stub.Server.Faults.Add(kind);
        var before = Stub.Server.Log.Count;

        Assert.Equal(3, (await session.ApiKeys.ListAsync(Stub.Production).ToListAsync()).Count);
        Assert.Equal([0, 200], Stub.ApiRequests(before).Select(r => r.Status));   // 0: no answer, the connection dropped
    }

    [Fact]
    public async Task A_create_whose_response_is_lost_is_never_sent_again_and_says_so()
    {
        using var session = Stub.Digest();
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        Stub.Server.Faults.Add(FaultKind.DropAfterAction, method: "POST");

        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.CreateAsync(Stub.Production, "lost-response", ["GROUP_READ_ONLY"]));

        Assert.Equal(AtlasFailureKind.Connection, ex.Kind);
        Assert.True(ex.MayHaveSucceeded);
        Assert.Contains("may have been created", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'lost-response'", ex.Message, StringComparison.Ordinal);
        Assert.Single(Stub.ApiRequests(), r => r.Method == "POST");
        Assert.Single(Stub.Server.State.AllKeys(), k => k.Description == "lost-response");
    }

    [Theory]
    [InlineData(FaultKind.InternalServerError)]
    [InlineData(FaultKind.ServiceUnavailable)]
    [InlineData(FaultKind.MalformedBody)]
    [InlineData(FaultKind.DropBeforeAction)]
    public async Task A_create_is_not_repeated_after_a_failure_that_may_have_reached_the_server(FaultKind kind)
    {
        using var session = Stub.Digest();
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        Stub.Server.Faults.Add(kind, method: "POST");

        await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.CreateAsync(Stub.Production, "once-only", ["GROUP_READ_ONLY"]));

        Assert.Single(Stub.ApiRequests(), r => r.Method == "POST");
        Assert.True(Stub.Server.State.AllKeys().Count(k => k.Description == "once-only") <= 1);
    }

    [Fact]
    public async Task A_create_is_retried_after_a_429()
    {
        using var session = Stub.Digest();
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        Stub.Server.Faults.Add(FaultKind.TooManyRequests, method: "POST");

        var key = await session.ApiKeys.CreateAsync(Stub.Production, "after-429", ["GROUP_READ_ONLY"]);

        Assert.Equal([429, 200], Stub.ApiRequests().Where(r => r.Method == "POST").Select(r => r.Status));
        Assert.Equal(key.Id, Stub.Server.State.AllKeys().Single(k => k.Description == "after-429").Id);
    }

    [Fact]
    public async Task A_create_is_retried_when_the_connection_could_not_be_made()
    {
        var port = FreePort();
        var options = Stub.Options(new AtlasDigestCredential("abcdefgh", "secret"), o =>
        {
            o.BaseUri = new Uri($"http://127.0.0.1:{port}");
            o.Retry.MaxRetries = 2;
        });
        using var session = Stub.Track(new AtlasSession(options));

        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.CreateAsync(Stub.Production, "never-sent", ["GROUP_READ_ONLY"]));

        Assert.Equal(("CONNECTION_FAILED", false), (ex.ErrorCode, ex.MayHaveSucceeded));
        Assert.Equal([1, 2, 3], Stub.Trace.Where(t => t.Note?.StartsWith("failed", StringComparison.Ordinal) == true).Select(t => t.Attempt));
        Assert.DoesNotContain("may have been created", ex.Message, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
