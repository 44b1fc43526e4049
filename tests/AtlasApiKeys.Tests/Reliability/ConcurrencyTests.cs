using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace AtlasApiKeys.Tests.Reliability;

/// <summary>32 workers share one digest session and one service-account session while nonces go
/// stale and tokens expire under them. ATLASAPIKEYS_SOAK_SECONDS sets the length (default 3; the
/// figures in docs/reliability.md come from 10).</summary>
public sealed class ConcurrencyTests(ITestOutputHelper output) : StubTest
{
    [Fact]
    public async Task Thirty_two_workers_share_one_session_without_failures_or_a_repeated_nc()
    {
        var seconds = double.TryParse(Environment.GetEnvironmentVariable("ATLASAPIKEYS_SOAK_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : 3;
        Stub.Server.Auth.NonceLifetime = TimeSpan.FromSeconds(1);
        Stub.Server.Auth.TokenLifetime = TimeSpan.FromSeconds(2);
        using var digest = Stub.Digest();
        using var account = Stub.ServiceAccount();
        var failures = new ConcurrentBag<string>();
        var calls = 0;
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 32).Select(worker => Task.Run(async () =>
        {
            var session = worker % 2 == 0 ? digest : account;
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                try
                {
                    var keys = await session.ApiKeys.ListAsync(worker % 4 < 2 ? Stub.Production : Stub.Staging).ToListAsync();
                    if (keys.Count != 3)
                    {
                        failures.Add($"worker {worker}: {keys.Count} keys");
                    }

                    System.Threading.Interlocked.Increment(ref calls);
                }
                catch (Exception ex)
                {
                    failures.Add($"worker {worker}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        })));

        var log = Stub.ApiRequests();
        var signed = log.Where(r => r.Auth == "digest" && r.Nc is not null).ToList();
        var repeated = signed.GroupBy(r => (r.Nonce, r.Nc)).Count(g => g.Count() > 1);
        output.WriteLine($"{calls} calls in {clock.Elapsed.TotalSeconds:0.0} s by 32 workers; {signed.Count} digest-signed requests over {signed.Select(r => r.Nonce).Distinct().Count()} nonces; "
            + $"{log.Count(r => r.Status == 401)} re-challenges (stale nonces, expired tokens); {Stub.TokenRequests} token requests");
        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }

        Assert.Empty(failures);
        Assert.Equal(0, repeated);
        Assert.True(signed.Select(r => r.Nonce).Distinct().Count() > 1, "no nonce went stale during the run");
        Assert.True(Stub.TokenRequests > 1, "no token expired during the run");
    }
}
