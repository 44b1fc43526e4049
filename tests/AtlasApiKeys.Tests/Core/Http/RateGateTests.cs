using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Http;
using AtlasApiKeys.Tests.Support;
using Xunit;

namespace AtlasApiKeys.Tests.Core.Http;

/// <summary>The gate's credit count against answers that arrive out of order, as concurrent
/// callers' answers do. (The flaky concurrency test's race: an overtaken answer raised the credits.)</summary>
public sealed class RateGateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_overtaken_answer_never_raises_the_credits()
    {
        var gate = new RateGate(new ManualTime(Now));
        gate.Observe(Answer(remaining: 4), await gate.WaitAsync(default));   // credits 4
        var first = await gate.WaitAsync(default);    // credits 3, 1 in flight
        var second = await gate.WaitAsync(default);   // credits 2, 2 in flight
        var third = await gate.WaitAsync(default);    // credits 1, 3 in flight

        gate.Observe(Answer(remaining: 1), third);    // the server counted all three: 1 - 2 in flight
        Assert.Equal(0, gate.Credits);
        gate.Observe(Answer(remaining: 3), first);    // older, fuller bucket, arriving late
        Assert.Equal(0, gate.Credits);
        gate.Observe(Answer(remaining: 2), second);
        Assert.Equal(0, gate.Credits);
    }

    [Fact]
    public async Task A_later_request_s_answer_raises_them_when_the_bucket_refilled()
    {
        var gate = new RateGate(new ManualTime(Now));
        gate.Observe(Answer(remaining: 1), await gate.WaitAsync(default));
        var ticket = await gate.WaitAsync(default);   // credits 0
        gate.Observe(Answer(remaining: 5), ticket);   // refilled meanwhile
        Assert.Equal(5, gate.Credits);
    }

    [Fact]
    public async Task A_lower_count_always_lowers_them()
    {
        var gate = new RateGate(new ManualTime(Now));
        gate.Observe(Answer(remaining: 9), await gate.WaitAsync(default));
        var first = await gate.WaitAsync(default);
        var second = await gate.WaitAsync(default);
        gate.Observe(Answer(remaining: 8), second);
        Assert.Equal(7, gate.Credits);   // 8 less the one still in flight
        gate.Observe(Answer(remaining: 2), first);   // another client of the same key spent the rest
        Assert.Equal(2, gate.Credits);
    }

    [Fact]
    public async Task A_429_s_Retry_After_date_is_counted_from_the_session_s_clock()
    {
        var time = new ManualTime(Now);
        var gate = new RateGate(time);
        var limited = new HttpResponseMessage((HttpStatusCode)429);
        limited.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(Now.AddSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryHandler.RetryAfter(limited, Now));

        gate.Observe(limited, await gate.WaitAsync(default));
        Assert.Equal(1, gate.Pauses);
        time.Now = Now.AddSeconds(29);   // still closed: a request that may not wait is not let through
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.WaitAsync(new System.Threading.CancellationToken(canceled: true)));
        time.Now = Now.AddSeconds(31);   // the pause is over by the session's clock, whatever the wall clock says
        var ticket = await gate.WaitAsync(new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        Assert.True(ticket > 0);
    }

    private static HttpResponseMessage Answer(int remaining)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("RateLimit-Remaining", remaining.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return response;
    }
}
