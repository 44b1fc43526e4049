using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Errors;
using AtlasApiKeys.StubServer;
using Xunit;

namespace AtlasApiKeys.Tests.Core;

/// <summary>The stub behaves as Atlas does where the client alone cannot show it.</summary>
public sealed class StubBehaviourTests : StubTest
{
    [Fact]
    public async Task A_replayed_nonce_count_is_refused()
    {
        using var session = Stub.Digest();
        using var client = new HttpClient { BaseAddress = Stub.Server.BaseUri };

        // Sign one request with the session's digest state, then send the very same header twice.
        var state = new AtlasApiKeys.Core.Http.DigestState(new AtlasDigestCredential(Stub.Seed.Admin.PublicKey, Stub.Seed.Admin.PrivateKey));
        using var challenge = await client.GetAsync($"api/atlas/v2/groups/{Stub.Production}/apiKeys");
        var nonceState = state.Adopt(AtlasApiKeys.Core.Http.DigestAuthHandler.BestChallenge(challenge)!);
        var header = nonceState.Sign("GET", $"/api/atlas/v2/groups/{Stub.Production}/apiKeys");

        async Task<HttpStatusCode> Send()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/atlas/v2/groups/{Stub.Production}/apiKeys");
            request.Headers.Authorization = new AuthenticationHeaderValue("Digest", header);
            request.Headers.Accept.ParseAdd("application/vnd.atlas.2023-01-01+json");
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await Send());
        Assert.Equal(HttpStatusCode.Unauthorized, await Send());
    }

    [Fact]
    public async Task Lists_refuse_itemsPerPage_outside_1_to_500()
    {
        using var session = Stub.Digest();
        using var client = session.Http;
        foreach (var (perPage, expected) in new[] { (0, 400), (501, 400), (500, 200), (1, 200) })
        {
            using var response = await client.GetAsync($"api/atlas/v2/groups/{Stub.Production}/apiKeys?itemsPerPage={perPage}");
            Assert.Equal(expected, (int)response.StatusCode);
        }

        Assert.Equal("VALIDATION_ERROR", Stub.ApiRequests().First(r => r.Status == 400).ErrorCode);
    }

    [Fact]
    public async Task Private_keys_are_masked_except_in_the_create_answer()
    {
        using var session = Stub.Digest();
        using var client = session.Http;
        var body = await client.GetStringAsync($"api/atlas/v2/groups/{Stub.Production}/apiKeys");
        using var doc = JsonDocument.Parse(body);
        Assert.All(doc.RootElement.GetProperty("results").EnumerateArray(), k =>
            Assert.StartsWith("********-****-****-", k.GetProperty("privateKey").GetString(), StringComparison.Ordinal));
        Assert.DoesNotContain(Stub.Seed.Admin.PrivateKey, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Descriptions_longer_than_250_characters_are_refused_by_the_server_too()
    {
        using var session = Stub.Digest();
        using var client = session.Http;
        using var content = new StringContent($"{{\"desc\":\"{new string('d', 251)}\",\"roles\":[\"GROUP_READ_ONLY\"]}}", System.Text.Encoding.UTF8, "application/vnd.atlas.2023-01-01+json");
        using var response = await client.PostAsync($"api/atlas/v2/groups/{Stub.Production}/apiKeys", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_ATTRIBUTE", Stub.ApiRequests().Last().ErrorCode);
    }

    [Fact]
    public async Task Retrying_is_bounded_in_total_time()
    {
        Stub.Server.Faults.Add(FaultKind.ServiceUnavailable, count: 100, retryAfter: TimeSpan.FromSeconds(1));
        using var session = Stub.Digest(o =>
        {
            o.Retry.MaxRetries = 50;
            o.Retry.MaxTotalTime = TimeSpan.FromMilliseconds(1500);
        });

        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.ListAsync(Stub.Production).ToListAsync());

        Assert.Equal(("TIMEOUT", AtlasFailureKind.Timeout), (ex.ErrorCode, ex.Kind));
        Assert.InRange(Stub.ApiRequests().Count(r => r.Status == 503), 1, 3);
    }

    [Fact]
    public async Task The_request_log_is_served_for_out_of_process_tests_without_secrets()
    {
        using var session = Stub.Digest();
        await session.ApiKeys.CreateAsync(Stub.Production, "logged", ["GROUP_READ_ONLY"]);
        using var client = new HttpClient { BaseAddress = Stub.Server.BaseUri };

        var json = await client.GetStringAsync("_stub/log");

        using var doc = JsonDocument.Parse(json);
        var entries = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal([401, 200], entries.Select(e => e.GetProperty("Status").GetInt32()));
        Assert.All(entries, e => Assert.Equal("POST", e.GetProperty("Method").GetString()));
        var created = Stub.Server.State.AllKeys().Single(k => k.Description == "logged");
        Assert.DoesNotContain(created.PrivateKey, json, StringComparison.Ordinal);
        Assert.DoesNotContain(Stub.Seed.Admin.PrivateKey, json, StringComparison.Ordinal);
    }
}
