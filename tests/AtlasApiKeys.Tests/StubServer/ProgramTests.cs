using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace AtlasApiKeys.Tests.StubServer;

/// <summary>The stub server as a process (Program.cs): `kill PID` stops it as Ctrl+C does.</summary>
public sealed class ProgramTests
{
    [Fact]
    public async Task Sigterm_stops_the_server_cleanly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;   // no SIGTERM to send on Windows; Ctrl+C there is the console's own
        }

        var dll = Path.Combine(AppContext.BaseDirectory, "AtlasApiKeys.StubServer.dll");
        using var server = Process.Start(new ProcessStartInfo("dotnet", $"\"{dll}\" --urls http://127.0.0.1:0 --seed empty")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        try
        {
            string? line;
            do
            {
                line = await server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            }
            while (line is not null && !line.StartsWith("Now listening on:", StringComparison.Ordinal));
            Assert.NotNull(line);

            using (var kill = Process.Start("kill", ["-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, server.ExitCode);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill();
            }
        }
    }
}
