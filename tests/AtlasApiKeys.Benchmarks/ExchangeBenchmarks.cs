using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using BenchmarkDotNet.Attributes;

namespace AtlasApiKeys.Benchmarks;

/// <summary>1. One call on a warm digest session under 20 ms of latency: ours (nonce reuse, one
/// exchange) against HttpClient with the platform's digest support (a challenge every call).</summary>
[Config(typeof(QuickConfig))]
public class ExchangeBenchmarks
{
    private BenchStub stub = null!;
    private AtlasSession session = null!;
    private HttpClient platform = null!;
    private string path = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    public async Task SetupAsync()
    {
        stub = await BenchStub.StartAsync();
        stub.Server.Faults.Latency = TimeSpan.FromMilliseconds(20);
        session = stub.Digest();
        platform = PlatformDigestClient(stub);
        path = $"api/atlas/v2/groups/{stub.Seed.Production.Id}/apiKeys?includeCount=true&itemsPerPage=500&pageNum=1";
        await Ours();
        await PlatformDigest();
    }

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    public async Task CleanupAsync()
    {
        session.Dispose();
        platform.Dispose();
        await stub.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "HttpClient + CredentialCache Digest")]
    public async Task<int> PlatformDigest()
    {
        var body = await platform.GetStringAsync(path).ConfigureAwait(false);
        return body.Length;
    }

    [Benchmark(Description = "AtlasApiKeys digest (warm)")]
    public async Task<int> Ours()
    {
        var count = 0;
        await foreach (var _ in session.ApiKeys.ListAsync(stub.Seed.Production.Id).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }

    internal static HttpClient PlatformDigestClient(BenchStub stub)
    {
        var credentials = new CredentialCache { { stub.Server.BaseUri, "Digest", new NetworkCredential(stub.Seed.Admin.PublicKey, stub.Seed.Admin.PrivateKey) } };
        var client = new HttpClient(new HttpClientHandler { Credentials = credentials, PreAuthenticate = true }) { BaseAddress = stub.Server.BaseUri };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(AtlasSession.MediaType));
        return client;
    }
}
