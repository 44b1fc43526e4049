using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using AtlasApiKeys.StubServer;
using AtlasApiKeys.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace AtlasApiKeys.Tests.Reliability;

/// <summary>Mixed operations from 8 concurrent workers on one session, under random faults: the
/// stub's own (status codes, drops as the server sees them) and, through the <see cref="FaultProxy"/>,
/// faults on the connection itself. Afterwards the server's state must equal what the callers were told.
/// ATLASAPIKEYS_CHAOS_OPS sets the count (default 240; docs/reliability.md has the 2,000 runs),
/// ATLASAPIKEYS_CHAOS_SEED replays a run.</summary>
public sealed class ChaosTests(ITestOutputHelper output) : StubTest
{
    private const int Workers = 8;

    [Fact]
    public async Task Faults_lose_nothing_duplicate_nothing_and_surface_only_the_modules_errors()
    {
        var (ops, seed) = Plan();
        var run = new ChaosRun(Stub, Workers);
        run.Seed();
        Stub.Server.Auth.TokenLifetime = TimeSpan.FromSeconds(2);   // tokens expire under the run
        using var session = Stub.ServiceAccount(o =>
        {
            o.Retry.MaxRetries = 6;
            o.Retry.MaxRetryAfter = TimeSpan.FromSeconds(2);
            o.Retry.AttemptTimeout = TimeSpan.FromSeconds(10);
        });
        Stub.Server.Faults.EnableChaos(seed, 0.2,
            new Fault { Kind = FaultKind.TooManyRequests, RetryAfter = TimeSpan.FromSeconds(1) },
            new Fault { Kind = FaultKind.TooManyRequests },
            new Fault { Kind = FaultKind.InternalServerError },
            new Fault { Kind = FaultKind.BadGateway },
            new Fault { Kind = FaultKind.ServiceUnavailable },
            new Fault { Kind = FaultKind.Latency, Delay = TimeSpan.FromMilliseconds(100) },
            new Fault { Kind = FaultKind.DropBeforeAction },
            new Fault { Kind = FaultKind.DropAfterAction },
            new Fault { Kind = FaultKind.MalformedBody });

        var clock = Stopwatch.StartNew();
        await run.RunAsync(session, ops, seed, Stub.Server.Faults.DisableChaos);

        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s; faults injected: {string.Join(", ", Stub.Server.Faults.InjectedByKind.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}");
        Report(run);
        Assert.True(Stub.Server.Faults.Injected > ops / 20, "the run injected too few faults to mean anything");
    }

    [Fact]
    public async Task Connection_faults_lose_nothing_duplicate_nothing_and_surface_only_the_modules_errors()
    {
        var (ops, seed) = Plan();
        var run = new ChaosRun(Stub, Workers);
        run.Seed();
        Stub.Server.Auth.NonceLifetime = TimeSpan.FromSeconds(2);   // nonces go stale under the run
        var proxy = Stub.UseProxy();
        using var session = Stub.Digest(o =>
        {
            o.Retry.MaxRetries = 6;
            o.Retry.AttemptTimeout = TimeSpan.FromSeconds(2);   // a stalled answer is given up on
        });
        proxy.EnableChaos(seed, 0.2,
            ConnectionFault.CloseAfterForwarding,
            ConnectionFault.ResetAfterForwarding,
            ConnectionFault.CloseBeforeForwarding,
            ConnectionFault.CutBody,
            ConnectionFault.Stall);

        var clock = Stopwatch.StartNew();
        await run.RunAsync(session, ops, seed, proxy.DisableChaos);

        var injected = proxy.InjectedByKind.Values.Sum();
        var reused = proxy.Log.Count(e => e.Fault is not null && e.IndexOnConnection > 0);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s; connections: {proxy.Connections}; faults injected: {string.Join(", ", proxy.InjectedByKind.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))} ({reused} of {injected} on a reused connection)");
        Report(run);
        Assert.True(injected > ops / 20, "the run injected too few faults to mean anything");
        Assert.True(reused > 0, "no fault hit a reused connection");
    }

    private (int Ops, int Seed) Plan()
    {
        var ops = int.TryParse(Environment.GetEnvironmentVariable("ATLASAPIKEYS_CHAOS_OPS"), out var o) ? o : 240;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ATLASAPIKEYS_CHAOS_SEED"), out var s) ? s : Environment.TickCount & 0x7fffffff;
        output.WriteLine($"chaos: {ops} operations, seed {seed} (ATLASAPIKEYS_CHAOS_SEED={seed} replays the fault plan)");
        return (ops, seed);
    }

    private void Report(ChaosRun run)
    {
        output.WriteLine($"outcomes: {run.OutcomeLine()}");
        output.WriteLine($"token requests: {Stub.TokenRequests}; API requests: {Stub.ApiRequests().Count}");
        foreach (var (outcome, example) in run.Examples.OrderBy(p => p.Key))
        {
            output.WriteLine($"  {outcome}, e.g.: {example}");
        }

        foreach (var violation in run.Violations)
        {
            output.WriteLine(violation);
        }

        Assert.Empty(run.Duplicates);
        Assert.Empty(run.Violations);
    }
}
