using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using BenchmarkDotNet.Attributes;

namespace AtlasApiKeys.Benchmarks;

/// <summary>3. Listing 10,000 keys of one project, 500 a page, on loopback: ours against a raw
/// HttpClient + System.Text.Json loop over the same pages with the same bearer token.</summary>
[Config(typeof(WarmConfig))]
public class ListingBenchmarks
{
    public const int Keys = 10_000;

    private BenchStub stub = null!;
    private AtlasSession session = null!;
    private HttpClient raw = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    public async Task SetupAsync()
    {
        stub = await BenchStub.StartAsync(bulkKeys: Keys);
        session = stub.ServiceAccount();
        raw = await RawClientAsync(stub);
        // Warm both paths, and the in-process stub's own code, before either is measured: the
        // first benchmark of a process would otherwise pay for the server's JIT tiers alone.
        for (var i = 0; i < 10; i++)
        {
            if (await Ours() != Keys || await RawLoop() != Keys)
            {
                throw new InvalidOperationException("the listing did not return every key");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    public async Task CleanupAsync()
    {
        session.Dispose();
        raw.Dispose();
        await stub.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "raw HttpClient + System.Text.Json")]
    public async Task<int> RawLoop()
    {
        var count = 0;
        for (var page = 1; ; page++)
        {
            using var response = await raw.GetAsync($"api/atlas/v2/groups/{stub.Bulk.Id}/apiKeys?includeCount=true&itemsPerPage=500&pageNum={page}", HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var dto = await JsonSerializer.DeserializeAsync(stream, RawJson.Default.RawPage).ConfigureAwait(false);
            foreach (var key in dto!.Results)
            {
                count += key.Id.Length > 0 ? 1 : 0;
            }

            if (dto.Results.Count < 500 || (long)page * 500 >= dto.TotalCount)
            {
                return count;
            }
        }
    }

    [Benchmark(Description = "AtlasApiKeys ListAsync")]
    public async Task<int> Ours()
    {
        var count = 0;
        await foreach (var key in session.ApiKeys.ListAsync(stub.Bulk.Id).ConfigureAwait(false))
        {
            count += key.Id.Length > 0 ? 1 : 0;
        }

        return count;
    }

    internal static async Task<HttpClient> RawClientAsync(BenchStub stub)
    {
        var client = new HttpClient { BaseAddress = stub.Server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/oauth/token");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{stub.Seed.ServiceAccount.ClientId}:{stub.Seed.ServiceAccount.ClientSecret}")));
        request.Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("grant_type", "client_credentials")]);
        using var response = await client.SendAsync(request).ConfigureAwait(false);
        using var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("access_token").GetString());
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(AtlasSession.MediaType));
        return client;
    }
}

public sealed class RawPage
{
    [JsonPropertyName("results")] public List<RawKey> Results { get; set; } = [];

    [JsonPropertyName("totalCount")] public int TotalCount { get; set; }
}

public sealed class RawKey
{
    [JsonPropertyName("id")] public string Id { get; set; } = string.Empty;

    [JsonPropertyName("publicKey")] public string PublicKey { get; set; } = string.Empty;

    [JsonPropertyName("desc")] public string? Desc { get; set; }

    [JsonPropertyName("roles")] public List<RawRole> Roles { get; set; } = [];
}

public sealed class RawRole
{
    [JsonPropertyName("groupId")] public string? GroupId { get; set; }

    [JsonPropertyName("orgId")] public string? OrgId { get; set; }

    [JsonPropertyName("roleName")] public string? RoleName { get; set; }
}

[JsonSerializable(typeof(RawPage))]
internal sealed partial class RawJson : JsonSerializerContext
{
}
