using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.StubServer;

namespace AtlasApiKeys.Benchmarks;

/// <summary>A stub server seeded for benchmarks: the demo org, a project of <c>bulkKeys</c> keys,
/// and <c>projects</c> small projects of three keys each.</summary>
internal sealed class BenchStub : IAsyncDisposable
{
    private BenchStub(AtlasStubServer server, StubSeed seed, StubProject bulk, List<string> projects)
    {
        Server = server;
        Seed = seed;
        Bulk = bulk;
        Projects = projects;
    }

    public AtlasStubServer Server { get; }

    public StubSeed Seed { get; }

    public StubProject Bulk { get; }

    public List<string> Projects { get; }

    public static async Task<BenchStub> StartAsync(int bulkKeys = 0, int projects = 0)
    {
        var state = new StubState();
        var seed = StubSeed.Demo(state);
        var bulk = state.AddProject("bulk");
        StubSeed.AddBulkKeys(state, bulk, seed.Staging, bulkKeys);
        var many = new List<string>();
        for (var i = 0; i < projects; i++)
        {
            var project = state.AddProject($"fan-{i:D3}");
            for (var k = 0; k < 3; k++)
            {
                state.AddKey($"fan-{i:D3}-{k}", ["ORG_MEMBER"], (project.Id, ["GROUP_READ_ONLY"]));
            }

            many.Add(project.Id);
        }

        var server = await AtlasStubServer.StartAsync(state: state).ConfigureAwait(false);
        return new BenchStub(server, seed, bulk, many);
    }

    public AtlasSession Digest(int maxRetries = 4) => new(Options(new AtlasDigestCredential(Seed.Admin.PublicKey, Seed.Admin.PrivateKey), maxRetries));

    public AtlasSession ServiceAccount(int maxRetries = 4) => new(Options(new AtlasServiceAccountCredential(Seed.ServiceAccount.ClientId, Seed.ServiceAccount.ClientSecret), maxRetries));

    public int ApiRequests(int skip = 0) => Server.Log.Since(skip).Count(r => r.Path.StartsWith("/api/atlas/", StringComparison.Ordinal));

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private AtlasSessionOptions Options(AtlasCredential credential, int maxRetries) => new()
    {
        BaseUri = Server.BaseUri,
        Credential = credential,
        Retry = new AtlasRetryOptions { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromMilliseconds(50) },
    };
}
