using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Errors;
using AtlasApiKeys.Core.Model;
using AtlasApiKeys.StubServer;
using Xunit;

namespace AtlasApiKeys.Tests.Core;

public sealed class SessionTests : StubTest
{
    [Fact]
    public async Task Envelope_mode_is_unwrapped_for_lists_single_keys_no_content_and_errors()
    {
        using var session = Stub.Digest(o => o.UseEnvelope = true);

        var keys = await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        var created = await session.ApiKeys.CreateAsync(Stub.Production, "enveloped", ["GROUP_READ_ONLY"]);
        await session.ApiKeys.UnassignAsync(Stub.Production, created.Id);
        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.ListAsync("0123456789abcdef01234567").ToListAsync());

        Assert.Equal(3, keys.Count);
        Assert.NotNull(created.PrivateKey);
        Assert.Equal((404, "GROUP_NOT_FOUND"), (ex.StatusCode, ex.ErrorCode));
        var signed = Stub.ApiRequests().Where(r => r.Auth == "digest").ToList();
        Assert.All(signed, r => Assert.Contains("envelope=true", r.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sessions_that_share_a_wire_close_it_with_the_last_of_them()
    {
        var first = Stub.Track(Stub.Digest(o => o.UseEnvelope = true));
        await first.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        var second = Stub.Track(first.WithDefaults(Stub.Staging, Stub.Seed.Production.OrgId.ToUpperInvariant())!);

        Assert.Equal((Stub.Staging, Stub.Seed.Production.OrgId, true), (second.DefaultProjectId, second.DefaultOrgId, second.UseEnvelope));
        Assert.Same(first.Credential, second.Credential);
        first.Dispose();
        Assert.Null(first.WithDefaults(null, null));   // a closed session lends nothing
        Assert.Equal(3, (await second.ApiKeys.ListAsync(Stub.Production).ToListAsync()).Count);   // its wire goes on
        Assert.Equal(1, Stub.ApiRequests().Count(r => r.Status == 401));   // signed in once for both

        second.Dispose();
        var closed = await Assert.ThrowsAsync<AtlasApiException>(() => second.ApiKeys.ListAsync(Stub.Production).ToListAsync());
        Assert.Equal("SESSION_CLOSED", closed.ErrorCode);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => second.Http.GetAsync(Stub.Server.BaseUri));   // the wire itself is closed
        var bad = Assert.Throws<ArgumentException>(() => Stub.Track(Stub.Digest()).WithDefaults("not-an-id", null));
        Assert.Equal("ProjectId", bad.ParamName);
    }

    [Fact]
    public async Task Pretty_output_is_read_the_same()
    {
        using var session = Stub.Digest(o => o.Pretty = true);
        var keys = await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        Assert.Equal(3, keys.Count);
        Assert.All(Stub.ApiRequests(), r => Assert.Contains("pretty=true", r.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelling_a_listing_ends_it_promptly()
    {
        var bulk = Stub.Server.State.AddProject("bulk");
        StubSeed.AddBulkKeys(Stub.Server.State, bulk, Stub.Seed.Staging, 300);
        using var session = Stub.Digest();
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        Stub.Server.Faults.Latency = TimeSpan.FromSeconds(2);
        using var cts = new CancellationTokenSource();
        var seen = 0;

        var listing = Task.Run(async () =>
        {
            await foreach (var _ in session.ApiKeys.ListAsync(bulk.Id, new ListOptions { ItemsPerPage = 10 }, cts.Token))
            {
                if (++seen == 1)
                {
                    cts.Cancel();   // the next page is in flight, two seconds from answering
                }
            }
        });

        var finished = await Task.WhenAny(listing, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.Same(listing, finished);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listing);
        Assert.Equal(10, seen);
        Assert.True(Stub.ApiRequests().Count(r => r.Query.Contains("itemsPerPage=10", StringComparison.Ordinal) && r.Status == 200) <= 1);

        Stub.Server.Faults.Latency = TimeSpan.Zero;   // the session is still usable
        Assert.Equal(3, (await session.ApiKeys.ListAsync(Stub.Production).ToListAsync()).Count);
    }

    [Fact]
    public async Task The_trace_has_one_line_per_exchange_and_no_secret()
    {
        using var session = Stub.Digest();
        var own = new System.Collections.Concurrent.ConcurrentQueue<AtlasTraceRecord>();
        using (AtlasTrace.Listen(own.Enqueue))
        {
            await session.ApiKeys.CreateAsync(Stub.Production, "traced", ["GROUP_READ_ONLY"]);
        }

        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();   // outside the scope: not in `own`

        Assert.Equal([401, 200], own.Select(t => t.Status));
        var line = own.Last().ToString();
        Assert.Matches($@"^HTTP POST /api/atlas/v2/groups/{Stub.Production}/apiKeys -> 200 \(\d+ ms, attempt 1\)$", line);
        Assert.Equal(3, Stub.Trace.Count);   // the session-wide listener saw all three exchanges
        var everything = string.Join("\n", Stub.Trace.Select(t => t.ToString())) + session + session.Credential;
        Assert.DoesNotContain(Stub.Seed.Admin.PrivateKey, everything, StringComparison.Ordinal);
        var created = Stub.Server.State.AllKeys().Single(k => k.Description == "traced");
        Assert.DoesNotContain(created.PrivateKey, everything, StringComparison.Ordinal);
    }

    [Fact]
    public void The_government_cloud_and_the_user_agent_are_as_documented()
    {
        Assert.Equal("https://cloud.mongodbgov.com/", AtlasSessionOptions.GovernmentCloud.ToString());
        Assert.Equal("https://cloud.mongodb.com/", new AtlasSessionOptions().BaseUri.ToString());
        Assert.Matches(@"^AtlasApiKeys/\d+\.\d+\.\d+$", AtlasSession.UserAgent);
    }
}
