using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.StubServer;

// dotnet run --project tests/AtlasApiKeys.StubServer -- --urls http://127.0.0.1:0 --seed demo [--bulk N]
var url = "http://127.0.0.1:0";
var seed = "demo";
var bulk = 0;
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
        default:
            await Console.Error.WriteLineAsync($"Unknown option {args[i]}. Use --urls URL, --seed demo|empty and --bulk N.").ConfigureAwait(false);
            return 2;
    }
}

var state = new StubState();
var demo = seed == "demo" ? StubSeed.Demo(state) : null;
StubProject? bulkProject = null;
if (demo is not null && bulk > 0)
{
    bulkProject = state.AddProject("bulk");
    StubSeed.AddBulkKeys(state, bulkProject, demo.Staging, bulk);
}
await using var server = await AtlasStubServer.StartAsync(url, state).ConfigureAwait(false);
Console.WriteLine($"Now listening on: {server.BaseUri.ToString().TrimEnd('/')}");
if (demo is not null)
{
    Console.WriteLine($"Organization:        {state.OrgId}");
    Console.WriteLine($"Project production:  {demo.Production.Id}");
    Console.WriteLine($"Project staging:     {demo.Staging.Id}");
    Console.WriteLine($"Digest public key:   {demo.Admin.PublicKey}");
    Console.WriteLine($"Digest private key:  {demo.Admin.PrivateKey}");
    Console.WriteLine($"Service account id:  {demo.ServiceAccount.ClientId}");
    Console.WriteLine($"Service account key: {demo.ServiceAccount.ClientSecret}");
    if (bulkProject is not null)
    {
        Console.WriteLine($"Project bulk:        {bulkProject.Id}");
    }

    Console.WriteLine($"Unassigned org key:  {demo.Unassigned.Id}");
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
