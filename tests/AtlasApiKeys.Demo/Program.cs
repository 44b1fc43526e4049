using System;
using System.Linq;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Commands;
using AtlasApiKeys.Demo;
using AtlasApiKeys.StubServer;

// The module at work without PowerShell: the cmdlets' own logic (Core's command layer, which each
// cmdlet only adapts) run against the embedded stub server. No Atlas account needed.
//   dotnet run --project tests/AtlasApiKeys.Demo
// With pwsh, ./build.ps1 -Task Demo runs the same walk through the real, imported module.
var state = new StubState();
var seed = StubSeed.Demo(state);
await using var server = await AtlasStubServer.StartAsync(state: state).ConfigureAwait(false);
var scope = new object();
var store = new SessionStore();
var project = seed.Production.Id;

void Run(string commandLine, Func<CommandContext, Task> logic, bool confirm = true, bool debug = false)
{
    Console.WriteLine($"\nPS> {commandLine}");
    var sink = new ConsoleSink(confirm, debug);
    try
    {
        PipelinePump.Run(() => logic(new CommandContext(sink, null, scope, _ => null, default, store)));
    }
    catch (AtlasTerminatingException ex)
    {
        sink.WriteError(ex.Error);
    }

    sink.Flush();
}

Console.WriteLine($"Stub server (an Atlas look-alike) on {server.BaseUri}; demo project {project}.");
Console.WriteLine($"\nPS> Connect-Atlas -BaseUri {server.BaseUri} -Credential $cred -ProjectId {project}");
ConnectCommand.Connect(new ConsoleSink(), store, scope, new ConnectRequest
{
    BaseUri = server.BaseUri,
    Credential = new AtlasDigestCredential(seed.Admin.PublicKey, seed.Admin.PrivateKey),
    ProjectId = project,
});

Run("Get-AtlasProjectApiKey", c => GetKeysCommand.RunAsync(c, new GetKeysRequest()));
Run("Get-AtlasProjectApiKey -ProjectId $production, $staging   # roles shown per project",
    c => GetKeysCommand.RunAsync(c, new GetKeysRequest { ProjectIds = [project, seed.Staging.Id] }));

Run("$key = New-AtlasProjectApiKey -Description 'demo key' -Role GROUP_READ_ONLY", c => ApiKeyCommands.NewAsync(c, new NewKeyRequest { Description = "demo key", Roles = ["GROUP_READ_ONLY"] }));
var created = state.AllKeys().Single(k => k.Description == "demo key");
Run("Add-AtlasProjectApiKey -ApiKeyId <an org key> -Role GROUP_DATA_ACCESS_READ_ONLY -PassThru",
    c => ApiKeyCommands.AddAsync(c, new KeyRequest { ApiKeyId = seed.Unassigned.Id, Roles = ["GROUP_DATA_ACCESS_READ_ONLY"], PassThru = true }));
Run("$key | Set-AtlasProjectApiKey -Role GROUP_CLUSTER_MANAGER, GROUP_READ_ONLY -Description 'demo key, renamed' -PassThru",
    c => ApiKeyCommands.SetAsync(c, new KeyRequest { ApiKeyId = created.Id, Roles = ["GROUP_CLUSTER_MANAGER", "GROUP_READ_ONLY"], Description = "demo key, renamed", PassThru = true }));
Run("Add-AtlasProjectApiKey -ApiKeyId $key.Id -Role GROUP_READ_ONLY   # already there",
    c => ApiKeyCommands.AddAsync(c, new KeyRequest { ApiKeyId = created.Id, Roles = ["GROUP_READ_ONLY"] }));
Run("Get-AtlasProjectApiKey -ProjectId zmmrboas   # a public key where an id goes",
    c => GetKeysCommand.RunAsync(c, new GetKeysRequest { ProjectIds = ["zmmrboas"] }));
Run("Remove-AtlasProjectApiKey -ApiKeyId $key.Id -WhatIf",
    c => ApiKeyCommands.RemoveAsync(c, new KeyRequest { ApiKeyId = created.Id }), confirm: false);
Run("Remove-AtlasProjectApiKey -ApiKeyId $key.Id -Confirm:$false -Debug",
    c => ApiKeyCommands.RemoveAsync(c, new KeyRequest { ApiKeyId = created.Id }), debug: true);
Run("Remove-AtlasProjectApiKey -ApiKeyId <the org key> -Confirm:$false", c => ApiKeyCommands.RemoveAsync(c, new KeyRequest { ApiKeyId = seed.Unassigned.Id }));
Run("Get-AtlasProjectApiKey", c => GetKeysCommand.RunAsync(c, new GetKeysRequest()));

var log = server.Log.Entries.Where(e => e.Path.StartsWith("/api/", StringComparison.Ordinal)).ToList();
Console.WriteLine($"{log.Count} HTTP exchanges in all; {log.Count(e => e.Status == 401)} of them the one digest challenge.");
ConnectCommand.Disconnect(new ConsoleSink(), store, scope);
