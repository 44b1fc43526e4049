using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;
using AtlasApiKeys.Core;

namespace AtlasApiKeys.Benchmarks;

/// <summary>Peak working set of a listing, measured in a process of its own so that neither the stub
/// nor BenchmarkDotNet shares its memory: the parent starts a serving child and a probing child.</summary>
internal static class MemoryProbe
{
    public static async Task<(long Peak, long Allocated)> MeasureAsync(int keys)
    {
        using var server = Start("--serve", keys.ToString(CultureInfo.InvariantCulture));
        var ready = (await server.StandardOutput.ReadLineAsync().ConfigureAwait(false))!.Split(' ');   // "READY url project id secret"
        try
        {
            using var probe = Start("--probe", ready[1], ready[2], ready[3], ready[4]);
            var result = (await probe.StandardOutput.ReadLineAsync().ConfigureAwait(false))!.Split(' ');   // "PEAK bytes ALLOC bytes KEYS n"
            await probe.WaitForExitAsync().ConfigureAwait(false);
            if (int.Parse(result[5], CultureInfo.InvariantCulture) != keys)
            {
                throw new InvalidOperationException($"the probe listed {result[5]} keys, not {keys}");
            }

            return (long.Parse(result[1], CultureInfo.InvariantCulture), long.Parse(result[3], CultureInfo.InvariantCulture));
        }
        finally
        {
            await server.StandardInput.WriteLineAsync("quit").ConfigureAwait(false);
            await server.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Child: a stub with one project of <paramref name="keys"/> keys, until "quit" on stdin.</summary>
    public static async Task ServeAsync(int keys)
    {
        await using var stub = await BenchStub.StartAsync(bulkKeys: keys).ConfigureAwait(false);
        Console.WriteLine($"READY {stub.Server.BaseUri} {stub.Bulk.Id} {stub.Seed.ServiceAccount.ClientId} {stub.Seed.ServiceAccount.ClientSecret}");
        await Console.In.ReadLineAsync().ConfigureAwait(false);
    }

    /// <summary>Child: lists the project one key at a time, then reports its peak working set.</summary>
    public static async Task ProbeAsync(string url, string project, string clientId, string secret)
    {
        using var session = new AtlasSession(new AtlasSessionOptions { BaseUri = new Uri(url), Credential = new AtlasServiceAccountCredential(clientId, secret) });
        var count = 0;
        var checksum = 0L;
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await foreach (var key in session.ApiKeys.ListAsync(project).ConfigureAwait(false))
        {
            count++;
            checksum += key.Description?.Length ?? 0;
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine($"PEAK {self.PeakWorkingSet64} ALLOC {allocated} KEYS {count} SUM {checksum}");
    }

    private static Process Start(params string[] args)
    {
        var path = Environment.ProcessPath!;
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardInput = true };
        if (path.EndsWith("dotnet", StringComparison.Ordinal) || path.EndsWith("dotnet.exe", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(MemoryProbe).Assembly.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }
}
