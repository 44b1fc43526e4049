using System;
using System.Linq;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Errors;
using Xunit;

namespace AtlasApiKeys.Tests.Core;

public sealed class DigestTests : StubTest
{
    [Fact]
    public async Task First_call_costs_two_exchanges_and_each_later_call_one()
    {
        using var session = Stub.Digest();

        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        Assert.Equal([401, 200], Stub.ApiRequests().Select(r => r.Status));

        for (var i = 0; i < 5; i++)
        {
            await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        }

        var log = Stub.ApiRequests();
        Assert.Equal(7, log.Count);
        Assert.All(log.Skip(1), r => Assert.Equal((200, "digest"), (r.Status, r.Auth)));
        Assert.Equal(["00000001", "00000002", "00000003", "00000004", "00000005", "00000006"], log.Skip(1).Select(r => r.Nc));
    }

    [Fact]
    public async Task A_stale_nonce_is_renewed_in_one_extra_exchange()
    {
        using var session = Stub.Digest();
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        Stub.Server.Auth.ExpireNonces();
        var before = Stub.Server.Log.Count;

        var keys = await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();

        Assert.Equal(3, keys.Count);
        Assert.Equal([401, 200], Stub.ApiRequests(before).Select(r => r.Status));
        Assert.Equal("00000001", Stub.ApiRequests(before)[1].Nc);   // the new nonce starts counting again
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        Assert.Equal(3, Stub.ApiRequests(before).Count);
    }

    [Fact]
    public async Task A_wrong_private_key_fails_once_without_a_retry_storm()
    {
        using var session = Stub.Digest(privateKey: "11111111-2222-3333-4444-555555555555");
        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.ListAsync(Stub.Production).ToListAsync());

        Assert.Equal((401, "USER_UNAUTHORIZED"), (ex.StatusCode, ex.ErrorCode));
        Assert.Equal([401, 401], Stub.ApiRequests().Select(r => r.Status));   // the challenge, then the one signed try

        await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.ListAsync(Stub.Production).ToListAsync());
        Assert.True(Stub.ApiRequests().Count <= 4);
    }

    [Fact]
    public async Task SHA256_is_chosen_when_the_server_offers_it_beside_MD5()
    {
        Stub.Server.Auth.Algorithms = ["MD5", "SHA-256"];
        using var session = Stub.Digest();
        var keys = await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        Assert.Equal(3, keys.Count);

        Stub.Server.Auth.Algorithms = ["SHA-256"];
        Stub.Server.Auth.ExpireNonces();
        Assert.Equal(3, (await session.ApiKeys.ListAsync(Stub.Production).ToListAsync()).Count);
    }

    [Fact]
    public async Task Concurrent_calls_on_a_warm_session_share_the_nonce_without_repeating_an_nc()
    {
        using var session = Stub.Digest();
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();
        var before = Stub.Server.Log.Count;

        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => session.ApiKeys.ListAsync(Stub.Production).ToListAsync())));

        var log = Stub.ApiRequests(before);
        Assert.Equal(40, log.Count);
        Assert.All(log, r => Assert.Equal(200, r.Status));
        Assert.Equal(40, log.Select(r => r.Nc).Distinct().Count());
    }
}
