using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Errors;
using AtlasApiKeys.Core.Model;
using AtlasApiKeys.StubServer;
using Xunit;
using Xunit.Abstractions;

namespace AtlasApiKeys.Tests.Reliability;

/// <summary>Mixed operations from 8 concurrent workers on one session against a stub that injects
/// random faults; afterwards the server's state must equal what the callers were told.
/// ATLASAPIKEYS_CHAOS_OPS sets the count (default 240; docs/reliability.md has the 2,000 run),
/// ATLASAPIKEYS_CHAOS_SEED replays a run.</summary>
public sealed class ChaosTests(ITestOutputHelper output) : StubTest
{
    private static readonly string[] Roles = ["GROUP_READ_ONLY", "GROUP_CLUSTER_MANAGER", "GROUP_DATA_ACCESS_READ_ONLY", "GROUP_OWNER", "GROUP_OBSERVABILITY_VIEWER"];

    private readonly ConcurrentDictionary<string, int> outcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<string> violations = [];

    [Fact]
    public async Task Faults_lose_nothing_duplicate_nothing_and_surface_only_the_modules_errors()
    {
        var ops = int.TryParse(Environment.GetEnvironmentVariable("ATLASAPIKEYS_CHAOS_OPS"), out var o) ? o : 240;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ATLASAPIKEYS_CHAOS_SEED"), out var s) ? s : Environment.TickCount & 0x7fffffff;
        output.WriteLine($"chaos: {ops} operations, seed {seed} (ATLASAPIKEYS_CHAOS_SEED={seed} replays the fault plan)");
        const int workers = 8;
        var state = Stub.Server.State;
        var projects = Enumerable.Range(0, workers).Select(w => state.AddProject($"chaos-{w}")).ToArray();
        var pools = Enumerable.Range(0, workers).Select(w => Enumerable.Range(0, 6).Select(i => state.AddKey($"pool-{w}-{i}")).Select(k => k.Id).ToList()).ToArray();
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
        var models = Enumerable.Range(0, workers).Select(_ => new ChaosModel()).ToArray();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() =>
            WorkAsync(session.ApiKeys, projects[w].Id, pools[w], models[w], new Random(seed + w), w, ops / workers))));
        Stub.Server.Faults.DisableChaos();
        var seconds = clock.Elapsed.TotalSeconds;

        for (var w = 0; w < workers; w++)
        {
            var listed = await session.ApiKeys.ListAsync(projects[w].Id).ToListAsync();
            foreach (var problem in models[w].Compare(listed))
            {
                violations.Add($"worker {w}: {problem}");
            }

            foreach (var description in models[w].FailedCreates.Where(d => state.AllKeys().Any(k => k.Description == d)))
            {
                violations.Add($"worker {w}: a create reported as failed happened: {description}");
            }
        }

        var duplicates = state.AllKeys().GroupBy(k => k.Description).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        output.WriteLine($"{seconds:0.0} s; faults injected: {string.Join(", ", Stub.Server.Faults.InjectedByKind.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}");
        output.WriteLine($"outcomes: {string.Join(", ", outcomes.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}");
        output.WriteLine($"token requests: {Stub.TokenRequests}; API requests: {Stub.ApiRequests().Count}");
        Assert.Empty(duplicates);
        Assert.Empty(violations);
        Assert.True(Stub.Server.Faults.Injected > ops / 20, "the run injected too few faults to mean anything");
    }

    private async Task WorkAsync(IAtlasProjectApiKeyClient keys, string project, List<string> pool, ChaosModel model, Random random, int worker, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var op = random.Next(5);
            try
            {
                switch (op)
                {
                    case 0:
                        await CreateAsync(keys, project, model, $"chaos-{worker}-{i}", Pick(random));
                        break;
                    case 1 when pool.Count > 0:
                        var id = pool[random.Next(pool.Count)];
                        var roles = Pick(random);
                        await Attempt("assign", () => keys.AssignAsync(project, id, roles), () => { pool.Remove(id); model.Assigned[id] = (model.Assigned.GetValueOrDefault(id).Description ?? Description(id), Sorted(roles)); }, () => Resolve(keys, project, model, id, pool));
                        break;
                    case 2 when model.Assigned.Count > 0:
                        var target = model.Assigned.Keys.ElementAt(random.Next(model.Assigned.Count));
                        var newRoles = Pick(random);
                        var description = random.Next(2) == 0 ? $"renamed-{worker}-{i}" : null;
                        await Attempt("update", async () => model.Adopt(await keys.UpdateAsync(project, target, newRoles, description)), () => { }, () => Resolve(keys, project, model, target, pool));
                        break;
                    case 3 when model.Assigned.Count > 0:
                        var gone = model.Assigned.Keys.ElementAt(random.Next(model.Assigned.Count));
                        await Attempt("unassign", () => keys.UnassignAsync(project, gone), () => { model.Assigned.Remove(gone); pool.Add(gone); }, () => Resolve(keys, project, model, gone, pool));
                        break;
                    default:
                        await Attempt("list", async () =>
                        {
                            foreach (var problem in model.Compare(await keys.ListAsync(project).ToListAsync()))
                            {
                                violations.Add($"worker {worker} op {i}: {problem}");
                            }
                        }, () => { }, () => Task.CompletedTask);
                        break;
                }
            }
            catch (Exception ex)
            {
                violations.Add($"worker {worker} op {i}: unhandled {ex.GetType().Name}: {ex.Message}");
            }
        }
    }

    private string Description(string id) => Stub.Server.State.AllKeys().Single(k => k.Id == id).Description;

    private async Task CreateAsync(IAtlasProjectApiKeyClient keys, string project, ChaosModel model, string description, string[] roles)
    {
        try
        {
            model.Adopt(await keys.CreateAsync(project, description, roles));
            Count("create ok");
        }
        catch (AtlasApiException ex) when (ex.MayHaveSucceeded)
        {
            Count($"create unknown ({ex.ErrorCode})");
            if (!ex.Message.Contains($"'{description}'", StringComparison.Ordinal))
            {
                violations.Add($"a lost create does not name its description: {ex.Message}");
            }

            // What a careful caller does: look for the description before creating again.
            var found = await ReadAsync(() => keys.ListAsync(project).ToListAsync());
            if (found.SingleOrDefault(k => k.Description == description) is { } key)
            {
                model.Adopt(key);
            }
        }
        catch (AtlasApiException ex)
        {
            Count($"create failed ({ex.ErrorCode})");
            model.FailedCreates.Add(description);
        }
    }

    private async Task Attempt(string name, Func<Task> action, Action succeeded, Func<Task> resolve)
    {
        try
        {
            await action();
            succeeded();
            Count($"{name} ok");
        }
        catch (AtlasApiException ex) when (ex.MayHaveSucceeded)
        {
            Count($"{name} unknown ({ex.ErrorCode})");
            await resolve();
        }
        catch (AtlasApiException ex)
        {
            Count($"{name} failed ({ex.ErrorCode})");
        }
    }

    /// <summary>After a may-have-succeeded error, learn the key's true state in the project.</summary>
    private async Task Resolve(IAtlasProjectApiKeyClient keys, string project, ChaosModel model, string id, List<string> pool)
    {
        var listed = await ReadAsync(() => keys.ListAsync(project).ToListAsync());
        var key = listed.SingleOrDefault(k => k.Id == id);
        model.Assigned.Remove(id);
        pool.Remove(id);
        if (key is null)
        {
            pool.Add(id);
        }
        else
        {
            model.Adopt(key);
        }
    }

    private static async Task<List<ProjectApiKey>> ReadAsync(Func<Task<List<ProjectApiKey>>> read)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await read();
            }
            catch (AtlasApiException) when (attempt < 20)
            {
            }
        }
    }

    private void Count(string outcome) => outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);

    private static string[] Pick(Random random) => Roles.Where(_ => random.Next(3) == 0).DefaultIfEmpty(Roles[random.Next(Roles.Length)]).ToArray();

    private static string[] Sorted(IEnumerable<string> roles) => roles.OrderBy(r => r, StringComparer.Ordinal).ToArray();
}
