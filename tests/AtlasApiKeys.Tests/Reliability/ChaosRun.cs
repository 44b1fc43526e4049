using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Errors;
using AtlasApiKeys.Core.Model;
using AtlasApiKeys.StubServer;

namespace AtlasApiKeys.Tests.Reliability;

/// <summary>One chaos run: mixed operations from concurrent workers on one session, each worker
/// keeping a model of its project built only from what the module told it; afterwards every project
/// on the server is compared with its model.</summary>
internal sealed class ChaosRun(StubHarness stub, int workers)
{
    private static readonly string[] Roles = ["GROUP_READ_ONLY", "GROUP_CLUSTER_MANAGER", "GROUP_DATA_ACCESS_READ_ONLY", "GROUP_OWNER", "GROUP_OBSERVABILITY_VIEWER"];

    private readonly ConcurrentBag<string> violations = [];
    private StubProject[] projects = [];
    private List<string>[] pools = [];

    /// <summary>What each operation came to, as the callers were told it ("create ok", "update unknown (CONNECTION_FAILED)").</summary>
    public ConcurrentDictionary<string, int> Outcomes { get; } = new(StringComparer.Ordinal);

    /// <summary>The first message seen for each outcome that is not a success, for the report.</summary>
    public ConcurrentDictionary<string, string> Examples { get; } = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Violations => violations;

    public List<string> Duplicates { get; } = [];

    /// <summary>Makes one project per worker, each with a pool of six unassigned keys.</summary>
    public void Seed()
    {
        var state = stub.Server.State;
        projects = Enumerable.Range(0, workers).Select(w => state.AddProject($"chaos-{w}")).ToArray();
        pools = Enumerable.Range(0, workers).Select(w => Enumerable.Range(0, 6).Select(i => state.AddKey($"pool-{w}-{i}")).Select(k => k.Id).ToList()).ToArray();
    }

    /// <summary>Runs <paramref name="ops"/> operations while faults are on, then (with <paramref name="faultsOff"/> called) checks.</summary>
    public async Task RunAsync(AtlasSession session, int ops, int seed, Action faultsOff)
    {
        var models = Enumerable.Range(0, workers).Select(_ => new ChaosModel()).ToArray();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() =>
            WorkAsync(session.ApiKeys, projects[w].Id, pools[w], models[w], new Random(seed + w), w, ops / workers))));
        faultsOff();

        var state = stub.Server.State;
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

        Duplicates.AddRange(state.AllKeys().GroupBy(k => k.Description).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    public string OutcomeLine() => string.Join(", ", Outcomes.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"));

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

    private string Description(string id) => stub.Server.State.AllKeys().Single(k => k.Id == id).Description;

    private async Task CreateAsync(IAtlasProjectApiKeyClient keys, string project, ChaosModel model, string description, string[] roles)
    {
        try
        {
            model.Adopt(await keys.CreateAsync(project, description, roles));
            Count("create ok");
        }
        catch (AtlasApiException ex) when (ex.MayHaveSucceeded)
        {
            Count($"create unknown ({ex.ErrorCode})", ex);
            if (!ex.Message.Contains($"'{description}'", StringComparison.Ordinal) || ex.RecommendedAction?.Contains($"'{description}'", StringComparison.Ordinal) != true)
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
            Count($"create failed ({ex.ErrorCode})", ex);
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
            Count($"{name} unknown ({ex.ErrorCode})", ex);
            if (ex.RecommendedAction?.Contains("description", StringComparison.Ordinal) != false)
            {
                violations.Add($"a lost {name} does not give a change's own advice: {ex.RecommendedAction}");
            }

            await resolve();
        }
        catch (AtlasApiException ex)
        {
            Count($"{name} failed ({ex.ErrorCode})", ex);
        }
    }

    /// <summary>After a may-have-succeeded error, learn the key's true state in the project.</summary>
    private static async Task Resolve(IAtlasProjectApiKeyClient keys, string project, ChaosModel model, string id, List<string> pool)
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

    private void Count(string outcome, Exception? example = null)
    {
        Outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
        if (example is not null)
        {
            Examples.TryAdd(outcome, $"{example.Message} <- {example.InnerException?.GetType().Name}: {example.InnerException?.Message} <- {example.InnerException?.InnerException?.Message}");
        }
    }

    private static string[] Pick(Random random) => Roles.Where(_ => random.Next(3) == 0).DefaultIfEmpty(Roles[random.Next(Roles.Length)]).ToArray();

    private static string[] Sorted(IEnumerable<string> roles) => roles.OrderBy(r => r, StringComparer.Ordinal).ToArray();
}
