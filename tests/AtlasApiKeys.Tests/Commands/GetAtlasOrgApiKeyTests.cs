using System;
using System.Linq;
using AtlasApiKeys.Core.Model;
using AtlasApiKeys.StubServer;
using Xunit;

namespace AtlasApiKeys.Tests.Commands;

/// <summary>Get-AtlasOrgApiKey run for real in a runspace of this process, against the stub.</summary>
public sealed class GetAtlasOrgApiKeyTests : CmdletTest
{
    private string OrgId => Stub.Server.State.OrgId;

    [Fact]
    public void Reads_every_page_of_the_organization_and_writes_each_key_on_the_pipeline_thread()
    {
        var bulk = Stub.Server.State.AddProject("bulk");
        StubSeed.AddBulkKeys(Stub.Server.State, bulk, Stub.Seed.Staging, 600);   // with the demo's six: two pages of 500
        var session = Stub.Digest();
        var before = Stub.Server.Log.Count;

        var run = Pwsh.Run(
            "$t = [Environment]::CurrentManagedThreadId; Get-AtlasOrgApiKey -Session $s -OrgId $o | ForEach-Object { if ([Environment]::CurrentManagedThreadId -ne $t) { 'off the pipeline thread' }; $_ }",
            ("s", session), ("o", OrgId));

        var keys = run.Output.OfType<OrgApiKey>().ToList();
        Assert.Equal(606, keys.Count);
        Assert.Equal(606, keys.Select(k => k.Id).Distinct().Count());
        Assert.DoesNotContain("off the pipeline thread", run.Output);
        Assert.Empty(run.Errors);
        var pages = Stub.ApiRequests(before).Where(r => r.Status == 200).Select(r => r.Query).ToList();
        Assert.Equal(2, pages.Count);
        Assert.Contains("pageNum=2", pages[1], StringComparison.Ordinal);
        var bulkKey = keys.First(k => k.Description == "bulk-00000");
        Assert.Equal([bulk.Id, Stub.Staging], bulkKey.Assignments.Select(a => a.ProjectId).OrderBy(p => p == Stub.Staging));
        Assert.Equal(["GROUP_OWNER"], bulkKey.Assignments.Single(a => a.ProjectId == Stub.Staging).Roles);
    }

    [Fact]
    public void Paging_maps_First_and_Skip_onto_one_page_and_writes_the_total_first()
    {
        var bulk = Stub.Server.State.AddProject("bulk");
        StubSeed.AddBulkKeys(Stub.Server.State, bulk, Stub.Seed.Staging, 54);   // 60 keys in all
        var session = Stub.Digest();
        var before = Stub.Server.Log.Count;

        var run = Pwsh.Run("Get-AtlasOrgApiKey -Session $s -OrgId $o -Skip 20 -First 10 -IncludeTotalCount", ("s", session), ("o", OrgId));

        Assert.Equal(60UL, Assert.IsType<ulong>(run.Output[0]));
        Assert.Equal(Enumerable.Range(14, 10).Select(i => $"bulk-{i:D5}"), run.Output.OfType<OrgApiKey>().Select(k => k.Description));
        var get = Assert.Single(Stub.ApiRequests(before), r => r.Status == 200);
        Assert.Contains("itemsPerPage=10", get.Query, StringComparison.Ordinal);
        Assert.Contains("pageNum=3", get.Query, StringComparison.Ordinal);
    }

    [Fact]
    public void The_organization_of_the_sessions_project_is_looked_up_once_per_session()
    {
        var session = Stub.Digest(o => o.DefaultProjectId = Stub.Production);
        var before = Stub.Server.Log.Count;

        var run = Pwsh.Run(
            "Get-AtlasOrgApiKey -Session $s | Out-Null; Get-AtlasOrgApiKey -Session $s -ApiKeyId $k; Get-AtlasOrgApiKey -Session $s -Verbose | Out-Null",
            ("s", session), ("k", Stub.Seed.CiDeploy.Id));

        Assert.Empty(run.Errors);
        Assert.Equal(Stub.Seed.CiDeploy.Id, Assert.Single(run.Output.OfType<OrgApiKey>()).Id);
        var sent = Stub.ApiRequests(before).Where(r => r.Status == 200).Select(r => r.Path).ToList();
        Assert.Equal(1, sent.Count(p => p == $"/api/atlas/v2/groups/{Stub.Production}"));
        Assert.Equal(3, sent.Count(p => p.StartsWith($"/api/atlas/v2/orgs/{OrgId}/apiKeys", StringComparison.Ordinal)));
        Assert.Contains(run.Verbose, v => v.StartsWith($"Listing the API keys of organization {OrgId}", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_any_organization_it_is_one_InvalidArgument_error_naming_OrgId_and_nothing_is_sent()
    {
        Assert.Null(Environment.GetEnvironmentVariable("MONGODB_ATLAS_ORG_ID"));
        var run = Pwsh.Run("Get-AtlasOrgApiKey -Session $s", ("s", Stub.Digest()));

        var error = run.Error;
        Assert.Null(run.Terminating);
        Assert.Equal(("AtlasInvalidArgument,AtlasApiKeys.Commands.GetAtlasOrgApiKeyCommand", System.Management.Automation.ErrorCategory.InvalidArgument), (error.FullyQualifiedErrorId, error.CategoryInfo.Category));
        Assert.Equal("OrgId", Assert.IsType<ArgumentException>(error.Exception).ParamName);
        Assert.Empty(Stub.ApiRequests());
    }
}
