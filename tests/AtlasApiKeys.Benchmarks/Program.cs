using System;
using System.IO;
using System.Linq;
using AtlasApiKeys.Benchmarks;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/AtlasApiKeys.Benchmarks -- --filter '*'
// First the counted figures (exchanges, tokens, 429s, peak memory), then BenchmarkDotNet's tables.
// --counts-only skips BenchmarkDotNet; --no-counts skips the counted figures.
switch (args.FirstOrDefault())
{
    case "--serve":
        await MemoryProbe.ServeAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
        return 0;
    case "--probe":
        await MemoryProbe.ProbeAsync(args[1], args[2], args[3], args[4]).ConfigureAwait(false);
        return 0;
}

var artifacts = Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts", "results");
if (!args.Contains("--no-counts"))
{
    var counts = await Counts.RunAsync().ConfigureAwait(false);
    Console.WriteLine(counts);
    Directory.CreateDirectory(artifacts);
    await File.WriteAllTextAsync(Path.Combine(artifacts, "counts.md"), counts).ConfigureAwait(false);
}

if (!args.Contains("--counts-only"))
{
    BenchmarkSwitcher.FromAssembly(typeof(QuickConfig).Assembly).Run(args.Where(a => a is not "--no-counts").ToArray());
}

return 0;
