using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using BenchmarkDotNet.Attributes;

namespace AtlasApiKeys.Benchmarks;

/// <summary>6. From a new session to the first key under 20 ms of latency, against the physical
/// minimum: two plain exchanges on a new connection.</summary>
[Config(typeof(QuickConfig))]
public class ColdStartBenchmarks
{
    private BenchStub stub = null!;
    private string token = null!;
    private string path = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    public async Task SetupAsync()
    {
        stub = await BenchStub.StartAsync();
        using var client = await ListingBenchmarks.RawClientAsync(stub);
        token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        path = $"api/atlas/v2/groups/{stub.Seed.Production.Id}/apiKeys";
        stub.Server.Faults.Latency = TimeSpan.FromMilliseconds(20);
        await TwoExchanges();
    }

    [GlobalCleanup]
    public void Cleanup() => stub.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "two plain exchanges (the minimum)")]
    public async Task<int> TwoExchanges()
    {
        using var client = new HttpClient { BaseAddress = stub.Server.BaseUri };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(AtlasSession.MediaType));
        using (await client.GetAsync(path).ConfigureAwait(false))
        {
        }

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var body = await client.GetStringAsync(path).ConfigureAwait(false);
        return body.Length;
    }

    [Benchmark(Description = "new digest session, first key")]
    public Task<string> Digest() => FirstKeyAsync(stub.Digest());

    [Benchmark(Description = "new service-account session, first key")]
    public Task<string> ServiceAccount() => FirstKeyAsync(stub.ServiceAccount());

    internal async Task<string> FirstKeyAsync(AtlasSession session)
    {
        using (session)
        {
            await foreach (var key in session.ApiKeys.ListAsync(stub.Seed.Production.Id).ConfigureAwait(false))
            {
                return key.Id;
            }
        }

        throw new InvalidOperationException("no key");
    }
}
