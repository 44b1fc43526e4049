using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using AtlasApiKeys.Core;

namespace AtlasApiKeys.Benchmarks;

/// <summary>The figures BenchmarkDotNet does not measure: exchanges and tokens counted from the
/// stub's request log, 429s under the token bucket, peak working set of a listing, cold-start
/// exchanges, and the pwsh overhead script.</summary>
internal static class Counts
{
    public static async Task<string> RunAsync()
    {
        var report = new StringBuilder();
        report.AppendLine("# Counted figures").AppendLine();
        report.AppendLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC").AppendLine();
        await ExchangesAsync(report).ConfigureAwait(false);
        await TokensAsync(report).ConfigureAwait(false);
        await MemoryAsync(report).ConfigureAwait(false);
        await RateLimitAsync(report).ConfigureAwait(false);
        await ColdStartAsync(report).ConfigureAwait(false);
        Pwsh(report);
        return report.ToString();
    }

    private static async Task ExchangesAsync(StringBuilder report)
    {
        const int calls = 50;
        await using var stub = await BenchStub.StartAsync().ConfigureAwait(false);
        stub.Server.Faults.Latency = TimeSpan.FromMilliseconds(20);
        var path = $"api/atlas/v2/groups/{stub.Seed.Production.Id}/apiKeys?includeCount=true&itemsPerPage=500&pageNum=1";

        using var session = stub.Digest();
        await Drain(session, stub.Seed.Production.Id).ConfigureAwait(false);   // warm
        var before = stub.Server.Log.Count;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            await Drain(session, stub.Seed.Production.Id).ConfigureAwait(false);
        }

        var oursMs = clock.Elapsed.TotalMilliseconds / calls;
        var ours = (double)stub.ApiRequests(before) / calls;

        using var platform = ExchangeBenchmarks.PlatformDigestClient(stub);
        await platform.GetStringAsync(path).ConfigureAwait(false);   // warm
        before = stub.Server.Log.Count;
        clock.Restart();
        for (var i = 0; i < calls; i++)
        {
            await platform.GetStringAsync(path).ConfigureAwait(false);
        }

        var platformMs = clock.Elapsed.TotalMilliseconds / calls;
        var baseline = (double)stub.ApiRequests(before) / calls;
        report.AppendLine("## 1. HTTP exchanges per operation, warm digest session, 20 ms latency").AppendLine();
        report.AppendLine("| client | exchanges/op | ms/op | time ratio |").AppendLine("|---|---:|---:|---:|");
        report.AppendLine($"| HttpClient + CredentialCache Digest (baseline) | {baseline:0.00} | {platformMs:0.0} | 1.00 |");
        report.AppendLine($"| AtlasApiKeys | {ours:0.00} | {oursMs:0.0} | {oursMs / platformMs:0.00} |").AppendLine();
    }

    private static async Task TokensAsync(StringBuilder report)
    {
        const int calls = 1000;
        await using var stub = await BenchStub.StartAsync().ConfigureAwait(false);
        using var session = stub.ServiceAccount();
        var project = stub.Seed.Production.Id;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = worker; i < calls; i += 8)
            {
                await Drain(session, project).ConfigureAwait(false);
            }
        }))).ConfigureAwait(false);
        var tokens = stub.Server.Log.Entries.Count(r => r.Path == "/api/oauth/token");
        report.AppendLine("## 2. Service-account tokens per session").AppendLine();
        report.AppendLine($"{calls} operations from 8 concurrent workers on one session: **{tokens}** token request(s), {stub.ApiRequests()} API requests.").AppendLine();
    }

    private static async Task MemoryAsync(StringBuilder report)
    {
        report.AppendLine("## 4. Memory while streaming (a child process per run, the stub in another)").AppendLine();
        report.AppendLine("| keys | peak working set (MB) | allocated (MB) | allocated per key (bytes) |").AppendLine("|---:|---:|---:|---:|");
        var peaks = new Dictionary<int, double>();
        foreach (var keys in new[] { 500, 10_000 })
        {
            var (peak, allocated) = await MemoryProbe.MeasureAsync(keys).ConfigureAwait(false);
            peaks[keys] = peak;
            report.AppendLine($"| {keys:N0} | {peak / 1048576.0:0.0} | {allocated / 1048576.0:0.0} | {allocated / (double)keys:N0} |");
        }

        report.AppendLine().AppendLine($"Peak ratio 10,000 / 500: **{peaks[10_000] / peaks[500]:0.00}** (target at most 1.5).").AppendLine();
    }

    private static async Task RateLimitAsync(StringBuilder report)
    {
        report.AppendLine("## 5. Fan-out over 200 projects under the stub's token bucket (capacity 20, 40 tokens/s)").AppendLine();
        report.AppendLine("| throttle | requests sent | 429s on the wire | 429s reaching the caller | seconds | requests the bucket allowed at most |").AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var throttle in new[] { 4, 8 })
        {
            await using var stub = await BenchStub.StartAsync(projects: FanOutBenchmarks.Projects).ConfigureAwait(false);
            using var session = stub.Digest(maxRetries: 10);
            await Drain(session, stub.Projects[0]).ConfigureAwait(false);
            stub.Server.Faults.EnableTokenBucket(capacity: 20, refillPerSecond: 40);
            var before = stub.Server.Log.Count;
            var clock = Stopwatch.StartNew();
            var sink = FanOutBenchmarks.FanOut(stub, session, throttle);
            var seconds = clock.Elapsed.TotalSeconds;
            var log = stub.Server.Log.Since(before).Where(r => r.Path.StartsWith("/api/atlas/", StringComparison.Ordinal)).ToList();
            report.AppendLine($"| {throttle} | {log.Count} | {log.Count(r => r.Status == 429)} | {sink.RateLimitedErrors} | {seconds:0.0} | {20 + (40 * seconds):0} |");
        }

        report.AppendLine();
    }

    private static async Task ColdStartAsync(StringBuilder report)
    {
        await using var stub = await BenchStub.StartAsync().ConfigureAwait(false);
        report.AppendLine("## 6. Cold start: exchanges from a new session to the first key").AppendLine();
        report.AppendLine("| session | exchanges | physical minimum |").AppendLine("|---|---:|---:|");
        foreach (var (name, open) in new (string, Func<AtlasSession>)[] { ("digest", () => stub.Digest()), ("service account", () => stub.ServiceAccount()) })
        {
            var before = stub.Server.Log.Count;
            using (var session = open())
            {
                await foreach (var _ in session.ApiKeys.ListAsync(stub.Seed.Production.Id).ConfigureAwait(false))
                {
                    break;
                }
            }

            report.AppendLine($"| {name} | {stub.Server.Log.Count - before} | 2 |");
        }

        report.AppendLine();
    }

    private static void Pwsh(StringBuilder report)
    {
        report.AppendLine("## 7. PowerShell overhead").AppendLine();
        var script = Path.Combine(AppContext.BaseDirectory, "pwsh-overhead.ps1");
        var pwsh = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh")).FirstOrDefault(File.Exists);
        if (pwsh is null)
        {
            report.AppendLine("skipped: no pwsh").AppendLine();
            return;
        }

        var start = new ProcessStartInfo(pwsh, ["-NoProfile", "-NonInteractive", "-File", script]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        report.AppendLine(process.StandardOutput.ReadToEnd());
        process.WaitForExit();
    }

    private static async Task Drain(AtlasSession session, string project)
    {
        await foreach (var _ in session.ApiKeys.ListAsync(project).ConfigureAwait(false))
        {
        }
    }
}
