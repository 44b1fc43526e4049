using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace AtlasApiKeys.Benchmarks;

/// <summary>Short jobs, in process (the stub runs beside the client), sized for a 2-core machine.</summary>
public class QuickConfig : ManualConfig
{
    public QuickConfig()
        : this(warmups: 2)
    {
    }

    protected QuickConfig(int warmups)
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(warmups)
            .WithIterationCount(8)
            .WithIterationTime(TimeInterval.FromMilliseconds(400)));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(RankColumn.Arabic);
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}

/// <summary>The quick job with a longer warm-up: the in-process stub's hot paths reach their final
/// JIT tier only after some seconds of serving pages, and the first benchmark must not pay for it.</summary>
public sealed class WarmConfig() : QuickConfig(warmups: 8)
{
}

/// <summary>For operations of a second or more: a few single runs.</summary>
public sealed class SlowConfig : ManualConfig
{
    public SlowConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(3));
        AddDiagnoser(MemoryDiagnoser.Default);
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}
