using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Model;
using AtlasApiKeys.StubServer;
using Xunit;

namespace AtlasApiKeys.Tests.Commands;

/// <summary>Get-AtlasProjectApiKey run for real in a runspace of this process, against the stub.</summary>
public sealed class GetAtlasProjectApiKeyTests : CmdletTest
{
    [Fact]
    public void Lists_every_key_of_the_project_on_the_pipeline_thread()
    {
        var run = Pwsh.Run(
            "$t = [Environment]::CurrentManagedThreadId; Get-AtlasProjectApiKey -Session $s -ProjectId $p -Debug | ForEach-Object { if ([Environment]::CurrentManagedThreadId -ne $t) { 'off the pipeline thread' }; $_ }",
            ("s", Stub.Digest()), ("p", Stub.Production));

        Assert.Equal(["demo admin", "ci deploy", "monitoring"], run.Keys.Select(k => k.Description));
        Assert.DoesNotContain("off the pipeline thread", run.Output);
        Assert.Empty(run.Errors);
        Assert.Contains(run.Debug, d => d.StartsWith("HTTP GET /api/atlas/v2/groups/", StringComparison.Ordinal) && d.Contains("-> 200", StringComparison.Ordinal));
    }

    [Fact]
    public void A_retry_shows_under_Verbose_and_under_Debug_without_a_prompt()
    {
        var session = Stub.Digest(o => (o.Retry.BaseDelay, o.Retry.MaxDelay, o.Retry.UseJitter) = (TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), false));
        const string Notice = "Atlas answered 503; trying again in 0.2 s (attempt 2 of 5)";

        Stub.Server.Faults.Add(FaultKind.ServiceUnavailable);
        var verbose = Pwsh.Run("Get-AtlasProjectApiKey -Session $s -ProjectId $p -Verbose", ("s", session), ("p", Stub.Production));
        Stub.Server.Faults.Add(FaultKind.ServiceUnavailable);
        var debug = Pwsh.Run("Get-AtlasProjectApiKey -Session $s -ProjectId $p -Debug");
        Stub.Server.Faults.Add(FaultKind.ServiceUnavailable);
        var plain = Pwsh.Run("Get-AtlasProjectApiKey -Session $s -ProjectId $p");

        Assert.All([verbose, debug, plain], run => Assert.Equal(3, run.Keys.Count()));
        Assert.Equal([Notice], verbose.Verbose.Where(v => v.StartsWith("Atlas ", StringComparison.Ordinal)));
        Assert.Contains(Notice, debug.Debug);   // -Debug alone makes verbose Inquire in pwsh 7: routed to debug instead
        Assert.Empty(Pwsh.Host.Questions);
        Assert.Empty(plain.Verbose);
    }

    [Fact]
    public void One_key_by_id_or_an_ObjectNotFound_error()
    {
        var session = Stub.Digest();
        var admin = Stub.Seed.Admin.Id;
        var found = Pwsh.Run("Get-AtlasProjectApiKey -Session $s -ProjectId $p -ApiKeyId $k", ("s", session), ("p", Stub.Production), ("k", admin));
        Assert.Equal(admin, Assert.Single(found.Keys).Id);

        var missing = Pwsh.Run("Get-AtlasProjectApiKey -Session $s -ProjectId $p -ApiKeyId $k", ("k", Stub.Seed.Unassigned.Id));
        Assert.Empty(missing.Keys);
        var error = Assert.Single(missing.Errors);
        Assert.Equal(("ApiKeyNotFound,AtlasApiKeys.Commands.GetAtlasProjectApiKeyCommand", ErrorCategory.ObjectNotFound, (object?)Stub.Seed.Unassigned.Id), (error.FullyQualifiedErrorId, error.CategoryInfo.Category, error.TargetObject));
        Assert.Contains("Add-AtlasProjectApiKey", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void Paging_maps_First_and_Skip_onto_pages_and_reports_the_total()
    {
        var bulk = Stub.Server.State.AddProject("bulk");
        StubSeed.AddBulkKeys(Stub.Server.State, bulk, Stub.Seed.Staging, 60);
        var session = Stub.Digest();
        var before = Stub.Server.Log.Count;

        var run = Pwsh.Run("Get-AtlasProjectApiKey -Session $s -ProjectId $p -Skip 20 -First 10 -IncludeTotalCount", ("s", session), ("p", bulk.Id));

        Assert.Equal(Enumerable.Range(20, 10).Select(i => $"bulk-{i:D5}"), run.Keys.Select(k => k.Description));
        Assert.Equal(60UL, Assert.IsType<ulong>(run.Output[0]));   // the total count comes first
        var get = Stub.ApiRequests(before).Last();
        Assert.Contains("itemsPerPage=10", get.Query, StringComparison.Ordinal);
        Assert.Contains("pageNum=3", get.Query, StringComparison.Ordinal);
        Assert.Single(Stub.ApiRequests(before), r => r.Status == 200);   // exactly the one page needed
    }

    [Fact]
    public void Several_projects_are_listed_concurrently_and_written_in_input_order()
    {
        var big = Stub.Server.State.AddProject("big");
        StubSeed.AddBulkKeys(Stub.Server.State, big, Stub.Seed.Staging, 1200);   // three pages: the slowest
        var session = Stub.Digest();
        Stub.Server.Faults.Latency = TimeSpan.FromMilliseconds(50);

        var run = Pwsh.Run(
            "Get-AtlasProjectApiKey -Session $s -ProjectId $p -ThrottleLimit 4 -IncludeTotalCount",
            ("s", session), ("p", new[] { big.Id, Stub.Production, "0123456789abcdef01234567", Stub.Staging }));

        var projects = run.Keys.Select(k => k.ProjectId).ToList();
        Assert.Equal([big.Id, Stub.Production, Stub.Staging], projects.Distinct());
        var count = 1200 + 3 + Stub.Server.State.KeysOf(Stub.Staging).Count;
        Assert.Equal(count, projects.Count);
        Assert.Equal((ulong)count, Assert.IsType<ulong>(run.Output[^1]));   // the total of every project, last
        var error = Assert.Single(run.Errors);   // the unknown project fails on its own; the others go on
        Assert.Equal(("GROUP_NOT_FOUND,AtlasApiKeys.Commands.GetAtlasProjectApiKeyCommand", ErrorCategory.ObjectNotFound), (error.FullyQualifiedErrorId, error.CategoryInfo.Category));
        Assert.Equal("0123456789abcdef01234567", error.TargetObject);
    }

    [Fact]
    public void A_bad_project_id_is_refused_at_binding_before_any_request_and_names_the_parameter()
    {
        var run = Pwsh.Run("Get-AtlasProjectApiKey -Session $s -ProjectId zmmrboas", ("s", Stub.Digest()));

        Assert.Equal(ErrorCategory.InvalidData, run.Error.CategoryInfo.Category);
        Assert.StartsWith("ParameterArgumentValidationError", run.Error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("ProjectId", run.Error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("ProjectId 'zmmrboas' looks like a project name, not an id", run.Error.Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("public key", run.Error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(Stub.Server.Log.Entries);
    }

    [Fact]
    public async Task Stopping_ends_a_listing_at_once()
    {
        var bulk = Stub.Server.State.AddProject("bulk");
        StubSeed.AddBulkKeys(Stub.Server.State, bulk, Stub.Seed.Staging, 200);
        var session = Stub.Digest();
        Stub.Server.Faults.Latency = TimeSpan.FromSeconds(3);
        using var ps = Pwsh.Start("Get-AtlasProjectApiKey -Session $s -ProjectId $p", out var running, ("s", session), ("p", bulk.Id));
        await Task.Delay(300);

        var stop = Task.Run(ps.Stop);   // Ctrl+C: StopProcessing cancels the request in flight

        Assert.Same(stop, await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(20))));
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(running));
    }

    [Fact]
    public void Without_session_or_environment_it_is_AtlasNotConnected()
    {
        Assert.Null(Environment.GetEnvironmentVariable("MONGODB_ATLAS_PUBLIC_API_KEY"));
        var run = Pwsh.Run("Get-AtlasProjectApiKey -ProjectId $p", ("p", Stub.Production));

        Assert.Equal(("AtlasNotConnected,AtlasApiKeys.Commands.GetAtlasProjectApiKeyCommand", ErrorCategory.InvalidOperation), (run.Terminating!.FullyQualifiedErrorId, run.Terminating.CategoryInfo.Category));
        Assert.Empty(run.Output);
        Assert.Empty(Stub.Server.Log.Entries);
    }

    [Fact]
    public void Refused_credentials_are_terminating()
    {
        var session = Stub.Digest(privateKey: "00000000-1111-2222-3333-444444444444");
        var run = Pwsh.Run("Get-AtlasProjectApiKey -Session $s -ProjectId $p", ("s", session), ("p", new[] { Stub.Production, Stub.Staging }));

        Assert.Equal(("USER_UNAUTHORIZED,AtlasApiKeys.Commands.GetAtlasProjectApiKeyCommand", ErrorCategory.AuthenticationError), (run.Terminating!.FullyQualifiedErrorId, run.Terminating.CategoryInfo.Category));
        Assert.Empty(run.Errors);
        Assert.DoesNotContain("00000000-1111-2222-3333-444444444444", run.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_write_that_stops_the_pipeline_cancels_the_listing()
    {
        var bulk = Stub.Server.State.AddProject("bulk");
        StubSeed.AddBulkKeys(Stub.Server.State, bulk, Stub.Seed.Staging, 1600);   // four pages
        var session = Stub.Digest();
        Stub.Server.Faults.Latency = TimeSpan.FromMilliseconds(200);

        // $DebugPreference = 'Stop': the first trace line, written on the pipeline thread, throws.
        var run = Pwsh.Run("$DebugPreference = 'Stop'; Get-AtlasProjectApiKey -Session $s -ProjectId $p", ("s", session), ("p", bulk.Id));

        Assert.Contains("DebugPreference", run.Terminating?.ToString() ?? string.Empty, StringComparison.Ordinal);
        Assert.Empty(run.Keys);
        System.Threading.Thread.Sleep(1000);   // time for pages that would still be fetched
        var pages = Stub.ApiRequests().Where(r => r.Query.Contains("pageNum=", StringComparison.Ordinal)).Select(r => r.Query).ToList();
        Assert.NotEmpty(pages);
        Assert.DoesNotContain(pages, q => q.Contains("pageNum=3", StringComparison.Ordinal) || q.Contains("pageNum=4", StringComparison.Ordinal));   // at most the page read ahead
    }

    [Fact]
    public void Keys_carry_the_properties_the_next_cmdlet_binds_to()
    {
        var names = typeof(ProjectApiKey).GetProperties().Select(p => p.Name).ToList();
        Assert.Contains("ProjectId", names);
        Assert.Contains("Id", names);
        Assert.Contains("Roles", names);
        Assert.Contains("Description", names);
    }
}
