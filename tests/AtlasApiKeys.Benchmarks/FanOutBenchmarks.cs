using System;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Commands;
using BenchmarkDotNet.Attributes;

namespace AtlasApiKeys.Benchmarks;

/// <summary>5. Listing 200 projects under 20 ms of latency: one at a time against
/// Get-AtlasProjectApiKey's -ProjectId logic at the default throttle (4) and at 8.</summary>
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

    internal static CountingSink FanOut(BenchStub stub, AtlasSession session, int throttle)
    {
        var sink = new CountingSink();
        var context = new CommandContext(sink, session, new object(), _ => null, default);
        PipelinePump.Run(() => GetKeysCommand.RunAsync(context, new GetKeysRequest { ProjectIds = stub.Projects, ThrottleLimit = throttle }));
        if (sink.Objects != stub.Projects.Count * 3)
        {
            throw new InvalidOperationException($"fan-out wrote {sink.Objects} keys and {sink.Errors} errors");
        }

        return sink;
    }
}

/// <summary>A sink that counts, as a pipeline that discards its output would.</summary>
internal sealed class CountingSink : ICommandSink
{
    public int Objects { get; private set; }

    public int Errors { get; private set; }

    public int RateLimitedErrors { get; private set; }

    public void WriteObject(object value) => Objects++;

    public void WriteError(AtlasErrorInfo error)
    {
        Errors++;
        if (error.ErrorId.StartsWith("RATE_LIMITED", StringComparison.Ordinal))
        {
            RateLimitedErrors++;
        }
    }

    public void WriteWarning(string text)
    {
    }

    public void WriteVerbose(string text)
    {
    }

    public void WriteDebug(string text)
    {
    }

    public void WriteTotalCount(long total)
    {
    }

    public bool ShouldProcess(string target, string action) => true;
}
