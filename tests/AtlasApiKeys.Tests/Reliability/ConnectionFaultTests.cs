using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Errors;
using AtlasApiKeys.Tests.Support;
using Xunit;

namespace AtlasApiKeys.Tests.Reliability;

/// <summary>Faults on the connection itself, through the <see cref="FaultProxy"/>: above all the case
/// where the server acted and the connection closed cleanly before its answer, on a reused
/// keep-alive connection, where the platform's socket handler would send the request again by itself.</summary>
public sealed class ConnectionFaultTests : StubTest
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_remove_that_acted_succeeds_when_its_answer_is_lost_on_a_reused_connection(bool digest)
    {
        var proxy = Stub.UseProxy();
        using var session = await WarmAsync(digest);
        var id = KeyId("monitoring");
        proxy.Add(new ProxyRule { Fault = ConnectionFault.CloseAfterForwarding, Method = "DELETE", OnReusedConnection = true });

        await session.ApiKeys.UnassignAsync(Stub.Production, id);

        Assert.Contains(proxy.Log, e => e.Fault == ConnectionFault.CloseAfterForwarding);
        Assert.DoesNotContain(Stub.Server.State.KeysOf(Stub.Production), k => k.Id == id);
        Assert.Single(Stub.ApiRequests(), r => r.Method == "DELETE" && r.Status == 204);   // the server acted once
        Assert.Equal(proxy.Log.Count(e => e.Method == "DELETE"), WireAttempts("DELETE"));
    }

    [Fact]
    public async Task An_add_that_acted_succeeds_when_its_answer_is_lost_on_a_reused_connection()
    {
        var proxy = Stub.UseProxy();
        using var session = await WarmAsync(digest: true);
        var id = Stub.Seed.Unassigned.Id;
        proxy.Add(new ProxyRule { Fault = ConnectionFault.CloseAfterForwarding, Method = "POST", OnReusedConnection = true });

        await session.ApiKeys.AssignAsync(Stub.Production, id, ["GROUP_READ_ONLY"]);

        Assert.Contains(proxy.Log, e => e.Fault == ConnectionFault.CloseAfterForwarding);
        Assert.Equal(["GROUP_READ_ONLY"], Stub.Server.State.AllKeys().Single(k => k.Id == id).ProjectRoles[Stub.Production]);
        Assert.Single(Stub.ApiRequests(), r => r.Method == "POST" && r.Status == 204);
        Assert.Equal(proxy.Log.Count(e => e.Method == "POST"), WireAttempts("POST"));
    }

    [Fact]
    public async Task A_set_whose_answers_are_all_lost_says_it_may_have_succeeded_with_its_own_advice()
    {
        var proxy = Stub.UseProxy();
        using var session = await WarmAsync(digest: true);
        var id = KeyId("monitoring");
        proxy.Add(new ProxyRule { Fault = ConnectionFault.CloseAfterForwarding, Method = "PATCH", Count = 100 });

        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.UpdateAsync(Stub.Production, id, ["GROUP_OWNER"], null));

        Assert.Contains(proxy.Log, e => e.Fault == ConnectionFault.CloseAfterForwarding);
        Assert.True(ex.MayHaveSucceeded);
        Assert.Equal("CONNECTION_FAILED", ex.ErrorCode);
        Assert.Contains($"Get-AtlasProjectApiKey -ProjectId {Stub.Production} -ApiKeyId {id}", ex.RecommendedAction, StringComparison.Ordinal);
        Assert.DoesNotContain("description", ex.RecommendedAction, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(ex.RecommendedAction!, ex.Message, StringComparison.Ordinal);
        Assert.Equal(["GROUP_OWNER"], Stub.Server.State.AllKeys().Single(k => k.Id == id).ProjectRoles[Stub.Production]);   // it did take
        Assert.Equal(proxy.Log.Count(e => e.Method == "PATCH"), WireAttempts("PATCH"));
    }

    [Fact]
    public async Task A_set_whose_first_answer_is_lost_is_sent_again_and_succeeds()
    {
        var proxy = Stub.UseProxy();
        using var session = await WarmAsync(digest: true);
        var id = KeyId("monitoring");
        proxy.Add(new ProxyRule { Fault = ConnectionFault.CloseAfterForwarding, Method = "PATCH", OnReusedConnection = true });

        var key = await session.ApiKeys.UpdateAsync(Stub.Production, id, ["GROUP_OWNER"], "renamed");

        Assert.Equal(("renamed", "GROUP_OWNER"), (key.Description, key.Roles.Single()));
        Assert.Equal(2, proxy.Log.Count(e => e.Method == "PATCH"));
    }

    [Fact]
    public async Task A_new_key_whose_answer_is_lost_on_a_reused_connection_says_it_may_exist_and_names_its_description()
    {
        var proxy = Stub.UseProxy();
        using var session = await WarmAsync(digest: true);
        proxy.Add(new ProxyRule { Fault = ConnectionFault.CloseAfterForwarding, Method = "POST", OnReusedConnection = true });

        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.CreateAsync(Stub.Production, "lost on the wire", ["GROUP_READ_ONLY"]));

        Assert.Contains(proxy.Log, e => e.Fault == ConnectionFault.CloseAfterForwarding);
        Assert.True(ex.MayHaveSucceeded);
        Assert.Contains("'lost on the wire'", ex.RecommendedAction, StringComparison.Ordinal);
        Assert.Contains(ex.RecommendedAction!, ex.Message, StringComparison.Ordinal);
        Assert.Contains("Remove-AtlasOrgApiKey", ex.RecommendedAction, StringComparison.Ordinal);   // its private key went with the answer
        var shown = AtlasApiKeys.Commands.ErrorMapper.ToErrorRecord(ex, null).ErrorDetails;
        Assert.Equal(ex.RecommendedAction, shown.RecommendedAction);
        Assert.Contains(ex.RecommendedAction!, shown.Message, StringComparison.Ordinal);   // in the message too: Windows PowerShell 5.1 and NormalView show no Recommendation line
        Assert.Single(proxy.Log, e => e.Method == "POST");
        Assert.Single(Stub.Server.State.AllKeys(), k => k.Description == "lost on the wire");
        Assert.Equal(1, WireAttempts("POST"));
    }

    [Theory]
    [InlineData(ConnectionFault.ResetAfterForwarding)]
    [InlineData(ConnectionFault.CloseBeforeForwarding)]
    public async Task A_remove_succeeds_after_a_reset_or_a_close_before_forwarding(ConnectionFault fault)
    {
        var proxy = Stub.UseProxy();
        using var session = await WarmAsync(digest: true);
        var id = KeyId("monitoring");
        proxy.Add(new ProxyRule { Fault = fault, Method = "DELETE", OnReusedConnection = true });

        await session.ApiKeys.UnassignAsync(Stub.Production, id);

        Assert.Contains(proxy.Log, e => e.Fault == fault);
        Assert.DoesNotContain(Stub.Server.State.KeysOf(Stub.Production), k => k.Id == id);
        Assert.Equal([$"DELETE {fault}", "DELETE "], proxy.Log.Where(e => e.Method == "DELETE").Select(e => $"{e.Method} {e.Fault}"));
    }

    [Fact]
    public async Task A_remove_whose_answer_is_lost_twice_succeeds_and_never_reports_a_401()
    {
        var proxy = Stub.UseProxy();
        using var session = await WarmAsync(digest: true);
        var id = KeyId("monitoring");
        proxy.Add(new ProxyRule { Fault = ConnectionFault.CloseAfterForwarding, Method = "DELETE", Count = 2 });

        await session.ApiKeys.UnassignAsync(Stub.Production, id);

        Assert.Contains(proxy.Log, e => e.Fault == ConnectionFault.CloseAfterForwarding);
        Assert.DoesNotContain(Stub.Server.State.KeysOf(Stub.Production), k => k.Id == id);
        Assert.DoesNotContain(Stub.ApiRequests(), r => r.Method == "DELETE" && r.Status == 401);
        Assert.Equal(proxy.Log.Count(e => e.Method == "DELETE"), WireAttempts("DELETE"));
    }

    [Fact]
    public async Task Without_the_wire_guard_a_refused_replayed_nonce_count_still_marks_a_remove_as_possibly_done()
    {
        // The plain platform handler resends by itself; digest's refusal of the replayed nc is the only sign.
        var proxy = Stub.UseProxy();
        using var session = Stub.Digest(o => o.PrimaryHandler = () => new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        var id = KeyId("monitoring");
        proxy.Add(new ProxyRule { Fault = ConnectionFault.CloseAfterForwarding, Method = "DELETE", OnReusedConnection = true });

        await session.ApiKeys.UnassignAsync(Stub.Production, id);

        Assert.Contains(proxy.Log, e => e.Fault == ConnectionFault.CloseAfterForwarding);
        Assert.DoesNotContain(Stub.Server.State.KeysOf(Stub.Production), k => k.Id == id);
        Assert.Contains(Stub.ApiRequests(), r => r.Method == "DELETE" && r.Status == 401);   // the platform's own resend
    }

    [Fact]
    public async Task On_healthy_connections_the_guard_refuses_nothing_and_one_connection_serves_every_call()
    {
        var proxy = Stub.UseProxy();
        using var session = await WarmAsync(digest: true);
        var id = KeyId("monitoring");

        for (var i = 0; i < 10; i++)
        {
            await session.ApiKeys.UpdateAsync(Stub.Production, id, ["GROUP_READ_ONLY"], $"round {i}");
            await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        }

        await session.ApiKeys.UnassignAsync(Stub.Production, id);
        Assert.Equal(1, proxy.Connections);
        Assert.Equal(proxy.Log.Count, Stub.ApiRequests().Count);
        Assert.DoesNotContain(Stub.Trace, t => t.Note is not null);
    }

    [Theory]
    [InlineData(ConnectionFault.CutBody)]
    [InlineData(ConnectionFault.CloseAfterForwarding)]
    [InlineData(ConnectionFault.Stall)]
    public async Task A_read_whose_answer_breaks_is_retried(ConnectionFault fault)
    {
        var proxy = Stub.UseProxy();
        using var session = await WarmAsync(digest: true, attemptTimeout: TimeSpan.FromSeconds(1));
        proxy.Add(new ProxyRule { Fault = fault, Method = "GET" });
        var before = proxy.Log.Count;

        var keys = await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();

        Assert.Contains(proxy.Log, e => e.Fault == fault);
        Assert.Equal(3, keys.Count);
        Assert.Equal([fault, null], proxy.Log.Skip(before).Select(e => e.Fault));   // the broken one, the retry
    }

    [Fact]
    public async Task A_read_whose_body_is_always_cut_gives_up_within_the_retry_budget()
    {
        var proxy = Stub.UseProxy();
        using var session = await WarmAsync(digest: true);
        proxy.Add(new ProxyRule { Fault = ConnectionFault.CutBody, Method = "GET", Count = 100 });
        var before = proxy.Log.Count;

        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.ListAsync(Stub.Production).ToListAsync());

        Assert.Contains(proxy.Log, e => e.Fault == ConnectionFault.CutBody);
        Assert.False(ex.MayHaveSucceeded);
        Assert.Equal(new AtlasRetryOptions().MaxRetries + 1, proxy.Log.Skip(before).Count());
    }

    [Fact]
    public async Task A_change_whose_body_is_cut_is_not_sent_again()
    {
        var proxy = Stub.UseProxy();
        using var session = await WarmAsync(digest: true);
        var id = KeyId("monitoring");
        proxy.Add(new ProxyRule { Fault = ConnectionFault.CutBody, Method = "PATCH" });

        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.UpdateAsync(Stub.Production, id, ["GROUP_OWNER"], null));

        Assert.Contains(proxy.Log, e => e.Fault == ConnectionFault.CutBody);
        Assert.True(ex.MayHaveSucceeded);
        Assert.Single(proxy.Log, e => e.Method == "PATCH");
    }

    /// <summary>A session through the proxy with one connection already open and idle, so the next
    /// request reuses it.</summary>
    private async Task<AtlasSession> WarmAsync(bool digest, TimeSpan? attemptTimeout = null)
    {
        void Configure(AtlasSessionOptions o) => o.Retry.AttemptTimeout = attemptTimeout ?? o.Retry.AttemptTimeout;
        var session = digest ? Stub.Digest(Configure) : Stub.ServiceAccount(Configure);
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        return session;
    }

    private string KeyId(string description) => Stub.Server.State.AllKeys().Single(k => k.Description == description).Id;

    /// <summary>Exchanges of <paramref name="method"/> the trace reported (answers and failures, not
    /// the "retrying" notes).</summary>
    private int WireAttempts(string method) =>
        Stub.Trace.Count(t => t.Method == method && (t.Status is not null || t.Note?.StartsWith("failed", StringComparison.Ordinal) == true));
}
