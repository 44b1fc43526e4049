using System;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.StubServer;

// dotnet run --project tests/AtlasApiKeys.StubServer -- --urls http://127.0.0.1:0 --seed demo [--bulk N] [--require-access-list true] [--inventory PROJECTS,KEYS]
var url = "http://127.0.0.1:0";
var seed = "demo";
var bulk = 0;
var requireAccessList = false;
int[]? inventory = null;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--urls":
            url = args[i + 1];
            break;
        case "--seed":
            seed = args[i + 1];
            break;
        case "--bulk":
            bulk = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
            break;
        case "--require-access-list":
            requireAccessList = bool.Parse(args[i + 1]);
            break;
        case "--inventory":
            inventory = [.. args[i + 1].Split(',').Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture))];
            break;
        default:
            await Console.Error.WriteLineAsync($"Unknown option {args[i]}. Use --urls URL, --seed demo|empty, --bulk N, --require-access-list true|false and --inventory PROJECTS,KEYS.").ConfigureAwait(false);
            return 2;
    }
}

var state = new StubState();
state.SetApiAccessListRequired(state.OrgId, requireAccessList);   // the organization's "Require IP Access List" setting
var demo = seed == "demo" ? StubSeed.Demo(state) : null;
StubProject? bulkProject = null;
if (demo is not null && bulk > 0)
{
    bulkProject = state.AddProject("bulk");
    StubSeed.AddBulkKeys(state, bulkProject, demo.Staging, bulk);
}

if (demo is not null && inventory is [var projectCount, var keyCount])
{
    StubSeed.AddInventory(state, projectCount, keyCount);   // the organization grown to this many projects and keys
}
await using var server = await AtlasStubServer.StartAsync(url, state).ConfigureAwait(false);
Console.WriteLine($"Now listening on: {server.BaseUri.ToString().TrimEnd('/')}");
if (demo is not null)
{
    foreach (var line in demo.Lines(state, bulkProject))
    {
        Console.WriteLine(line);
    }
}

Console.WriteLine("Stub credentials are made up for this run. Press Ctrl+C to stop.");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

// `kill PID` (SIGTERM) stops it the same way as Ctrl+C; so does SIGQUIT.
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var onQuit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);
try
{
    await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
}
catch (OperationCanceledException)
{
}

return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
