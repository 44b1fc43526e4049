using System;
using System.Linq;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Errors;
using AtlasApiKeys.Core.Model;
using AtlasApiKeys.StubServer;

// A walk through every operation against the embedded stub server: no Atlas account needed.
// dotnet run --project tests/AtlasApiKeys.Demo
var state = new StubState();
var seed = StubSeed.Demo(state);
await using var server = await AtlasStubServer.StartAsync(state: state).ConfigureAwait(false);
Console.WriteLine($"Stub server on {server.BaseUri} (project {seed.Production.Id})");
var exchanges = 0;
using var session = new AtlasSession(new AtlasSessionOptions
{
    BaseUri = server.BaseUri,
    Credential = new AtlasDigestCredential(seed.Admin.PublicKey, seed.Admin.PrivateKey),
    Trace = t =>
    {
        exchanges++;
        Console.WriteLine($"    trace: {t}");
    },
});
var keys = session.ApiKeys;
var project = seed.Production.Id;

void Show(string title, ProjectApiKey key) =>
    Console.WriteLine($"  {title,-10} {key.Id}  {key.PublicKey}  {key.Description,-22} roles here: {string.Join(",", key.Roles)}  org: {string.Join(",", key.OrgRoles)}{(key.PrivateKey is null ? string.Empty : "  (private key held as a SecureString)")}");

Console.WriteLine("\nList the project's keys (roles filtered to this project):");
await foreach (var key in keys.ListAsync(project).ConfigureAwait(false))
{
    Show("key", key);
}

Console.WriteLine("\nCreate and assign a new key:");
var created = await keys.CreateAsync(project, "demo created key", ["GROUP_READ_ONLY"]).ConfigureAwait(false);
Show("created", created);

Console.WriteLine("\nAssign an existing org key to the project:");
await keys.AssignAsync(project, seed.Unassigned.Id, ["GROUP_DATA_ACCESS_READ_ONLY"]).ConfigureAwait(false);
Show("assigned", (await keys.FindAsync(project, seed.Unassigned.Id).ConfigureAwait(false))!);

Console.WriteLine("\nChange roles and description:");
Show("updated", await keys.UpdateAsync(project, created.Id, ["GROUP_CLUSTER_MANAGER", "GROUP_READ_ONLY"], "demo key, renamed").ConfigureAwait(false));

Console.WriteLine("\nAssign it again (Atlas refuses):");
try
{
    await keys.AssignAsync(project, created.Id, ["GROUP_READ_ONLY"]).ConfigureAwait(false);
}
catch (AtlasApiException ex)
{
    Console.WriteLine($"  error {ex.StatusCode} {ex.ErrorCode}: {ex.Detail}");
}

Console.WriteLine("\nUnassign both:");
await keys.UnassignAsync(project, created.Id).ConfigureAwait(false);
await keys.UnassignAsync(project, seed.Unassigned.Id).ConfigureAwait(false);
Console.WriteLine($"  {(await keys.ListAsync(project).ToArrayAsync().ConfigureAwait(false)).Length} keys left in the project");

var signedOnce = server.Log.Entries.Count(e => e.Status == 401);
Console.WriteLine($"\n{exchanges} HTTP exchanges for 9 calls: {signedOnce} digest challenge, then one exchange per call.");
