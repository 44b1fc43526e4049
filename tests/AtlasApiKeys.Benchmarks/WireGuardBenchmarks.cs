using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using BenchmarkDotNet.Attributes;

namespace AtlasApiKeys.Benchmarks;

/// <summary>The wire guard's cost on the warm path: one listing call on a warm digest session over
/// loopback, no added latency, with the guarded socket handler (the default) against the plain
/// platform handler.</summary>
[Config(typeof(WarmConfig))]
public class WireGuardBenchmarks : System.IDisposable
{
    private BenchStub stub = null!;
    private AtlasSession guarded = null!;
    private AtlasSession plain = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    public async Task SetupAsync()
    {
        stub = await BenchStub.StartAsync();
        guarded = new AtlasSession(Options(null));
        plain = new AtlasSession(Options(() => new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate }));
        await Plain();
        await Guarded();
    }

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    public async Task CleanupAsync()
    {
        Dispose();
        await stub.DisposeAsync();
    }

    public void Dispose()
    {
        guarded?.Dispose();
        plain?.Dispose();
        System.GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "plain platform handler")]
    public Task<int> Plain() => ListAsync(plain);

    [Benchmark(Description = "wire guard (default)")]
    public Task<int> Guarded() => ListAsync(guarded);

    private async Task<int> ListAsync(AtlasSession session)
    {
        var count = 0;
        await foreach (var _ in session.ApiKeys.ListAsync(stub.Seed.Production.Id).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }

    private AtlasSessionOptions Options(System.Func<HttpMessageHandler>? primary) => new()
    {
        BaseUri = stub.Server.BaseUri,
        Credential = new AtlasDigestCredential(stub.Seed.Admin.PublicKey, stub.Seed.Admin.PrivateKey),
        PrimaryHandler = primary,
    };
}
