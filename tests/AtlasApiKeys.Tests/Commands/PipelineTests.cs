using System;
using System.Linq;
using AtlasApiKeys.StubServer;
using Xunit;

namespace AtlasApiKeys.Tests.Commands;

/// <summary>`Get-AtlasProjectApiKey | Remove-AtlasProjectApiKey`: PowerShell runs the downstream cmdlet
/// inside the upstream one's WriteObject, on the same thread, so one cmdlet's queue is drained
/// inside another's.</summary>
public sealed class PipelineTests : CmdletTest
{
    [Fact]
    public void A_downstream_command_runs_inside_the_upstream_ones_output()
    {
        var bulk = Stub.Server.State.AddProject("bulk");
        StubSeed.AddBulkKeys(Stub.Server.State, bulk, Stub.Seed.Staging, 30);

        var run = Pwsh.Run("Get-AtlasProjectApiKey -Session $s -ProjectId $p | Remove-AtlasProjectApiKey -Session $s -Confirm:$false -Debug", ("s", Stub.Digest()), ("p", bulk.Id));

        Assert.Empty(run.Errors);
        Assert.Null(run.Terminating);
        Assert.Empty(Stub.Server.State.KeysOf(bulk.Id));
        Assert.Equal(30, Stub.ApiRequests().Count(r => r.Method == "DELETE" && r.Status == 204));
        Assert.Equal(30, run.Debug.Count(d => d.StartsWith("HTTP DELETE ", StringComparison.Ordinal)));   // each Remove's own trace, none lost
    }

    [Fact]
    public void A_stop_under_a_write_cancels_a_fan_out()
    {
        var bulk = Stub.Server.State.AddProject("bulk");
        StubSeed.AddBulkKeys(Stub.Server.State, bulk, Stub.Seed.Staging, 1600);   // four pages
        var session = Stub.Digest();
        Stub.Server.Faults.Latency = TimeSpan.FromSeconds(1);

        // `break` in ForEach-Object stops the whole pipeline from inside Get's WriteObject.
        var run = Pwsh.Run(
            "Get-AtlasProjectApiKey -Session $s -ProjectId $p -ThrottleLimit 1 | ForEach-Object { $_; break }",
            ("s", session), ("p", new[] { bulk.Id, Stub.Production }));

        Assert.Single(run.Keys);
        System.Threading.Thread.Sleep(1500);   // time for requests that would still go out
        var requests = Stub.Server.Log.Entries.Where(r => r.Path.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(requests, r => r.Query.Contains("pageNum=3", StringComparison.Ordinal) || r.Query.Contains("pageNum=4", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, r => r.Path.Contains(Stub.Production, StringComparison.Ordinal));   // the one slot was never freed for it
    }
}
