using System;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using BenchmarkDotNet.Attributes;

namespace AtlasApiKeys.Benchmarks;

/// <summary>5. Listing 200 projects under 20 ms of latency: one at a time against
/// the ordered fan-out Get-AtlasProjectApiKey -ProjectId uses (KeyListing.InOrderAsync) at the default throttle (4) and at 8.</summary>
[Config(typeof(SlowConfig))]
public class FanOutBenchmarks
{
    public const int Projects = 200;

    private BenchStub stub = null!;
    private AtlasSession session = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    public async Task SetupAsync()
    {
        stub = await BenchStub.StartAsync(projects: Projects);
        stub.Server.Faults.Latency = TimeSpan.FromMilliseconds(20);
        session = stub.Digest();
        await foreach (var _ in session.ApiKeys.ListAsync(stub.Projects[0]).ConfigureAwait(false))
        {
        }
    }

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    public async Task CleanupAsync()
    {
        session.Dispose();
        await stub.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "one project at a time")]
    public async Task<int> Sequential()
    {
        var count = 0;
        foreach (var project in stub.Projects)
        {
            await foreach (var _ in session.ApiKeys.ListAsync(project).ConfigureAwait(false))
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark(Description = "-ProjectId, ThrottleLimit 4 (default)")]
    public int Throttle4() => FanOut(stub, session, 4).Objects;

    [Benchmark(Description = "-ProjectId, ThrottleLimit 8")]
    public int Throttle8() => FanOut(stub, session, 8).Objects;

    internal static FanOutCount FanOut(BenchStub stub, AtlasSession session, int throttle) => FanOutAsync(stub, session, throttle).GetAwaiter().GetResult();

    private static async Task<FanOutCount> FanOutAsync(BenchStub stub, AtlasSession session, int throttle)
    {
        var count = new FanOutCount();
        await foreach (var part in KeyListing.InOrderAsync(session.ApiKeys, stub.Projects, throttle).ConfigureAwait(false))
        {
            count.Add(part);
        }

        if (count.Objects != stub.Projects.Count * 3)
        {
            throw new InvalidOperationException($"fan-out listed {count.Objects} keys and {count.Errors} errors");
        }

        return count;
    }
}

/// <summary>Counts what a fan-out listed, as a pipeline that discards its output would.</summary>
internal sealed class FanOutCount
{
    public int Objects { get; private set; }

    public int Errors { get; private set; }

    public int RateLimitedErrors { get; private set; }

    public void Add(ProjectPageResult part)
    {
        Objects += part.Page?.Items.Count ?? 0;
        if (part.Error is { } error)
        {
            Errors++;
            if (error is AtlasApiKeys.Core.Errors.AtlasApiException { ErrorCode: { } code } && code.StartsWith("RATE_LIMITED", StringComparison.Ordinal))
            {
                RateLimitedErrors++;
            }
        }
    }
}
