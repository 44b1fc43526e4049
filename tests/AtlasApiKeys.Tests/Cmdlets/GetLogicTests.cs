using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Commands;
using AtlasApiKeys.Core.Model;
using AtlasApiKeys.StubServer;
using Xunit;

namespace AtlasApiKeys.Tests.Cmdlets;

public sealed class GetLogicTests : StubTest
{
    private CommandRunner Runner => runner ??= new CommandRunner(Stub);

    private CommandRunner? runner;

    [Fact]
    public void Lists_every_key_of_the_project_on_the_pipeline_thread()
    {
        var session = Stub.Digest();
        var sink = Runner.Run(c => GetKeysCommand.RunAsync(c, new GetKeysRequest { ProjectIds = [Stub.Production] }), session);

        Assert.Equal(["demo admin", "ci deploy", "monitoring"], sink.Keys.Select(k => k.Description));
        Assert.Empty(sink.Errors);
        Assert.Equal(0, sink.OffThreadCalls);
        Assert.Contains(sink.Debug, d => d.StartsWith("HTTP GET /api/atlas/v2/groups/", StringComparison.Ordinal) && d.Contains("-> 200", StringComparison.Ordinal));
    }

    [Fact]
    public void One_key_by_id_or_an_ObjectNotFound_error()
    {
        var session = Stub.Digest();
        var admin = Stub.Seed.Admin.Id;
        var found = Runner.Run(c => GetKeysCommand.RunAsync(c, new GetKeysRequest { ProjectIds = [Stub.Production], ApiKeyId = admin }), session);
        Assert.Equal(admin, Assert.Single(found.Keys).Id);

        var missing = Runner.Run(c => GetKeysCommand.RunAsync(c, new GetKeysRequest { ProjectIds = [Stub.Production], ApiKeyId = Stub.Seed.Unassigned.Id }), session);
        Assert.Empty(missing.Keys);
        var error = Assert.Single(missing.Errors);
        Assert.Equal(("ApiKeyNotFound", AtlasErrorCategory.ObjectNotFound, (object?)Stub.Seed.Unassigned.Id), (error.ErrorId, error.Category, error.Target));
    }

    [Fact]
    public void Paging_maps_First_and_Skip_onto_pages_and_reports_the_total()
    {
        var bulk = Stub.Server.State.AddProject("bulk");
        StubSeed.AddBulkKeys(Stub.Server.State, bulk, Stub.Seed.Staging, 60);
        var session = Stub.Digest();
        var before = Stub.Server.Log.Count;

        var sink = Runner.Run(c => GetKeysCommand.RunAsync(c, Paged(bulk.Id, skip: 20, first: 10)), session);

        Assert.Equal(Enumerable.Range(20, 10).Select(i => $"bulk-{i:D5}"), sink.Keys.Select(k => k.Description));
        Assert.Equal([60L], sink.TotalCounts);
        var get = Stub.ApiRequests(before).Last();
        Assert.Contains("itemsPerPage=10", get.Query, StringComparison.Ordinal);
        Assert.Contains("pageNum=3", get.Query, StringComparison.Ordinal);
        Assert.Single(Stub.ApiRequests(before), r => r.Status == 200);   // exactly the one page needed
    }

    /// <summary>Get-AtlasProjectApiKey -ProjectId p -Skip n -First m -IncludeTotalCount.</summary>
    private static GetKeysRequest Paged(string project, ulong skip, ulong first)
    {
        var request = new GetKeysRequest { ProjectIds = [project], First = first, IncludeTotalCount = true };
        request.Skip += skip;   // from 0
        return request;
    }

    [Theory]
    [InlineData(0UL, 10UL, 10, 1, 1)]
    [InlineData(20UL, 10UL, 10, 3, 1)]
    [InlineData(7UL, 10UL, 500, 1, 1)]
    [InlineData(495UL, 10UL, 500, 1, 2)]
    [InlineData(1000UL, ulong.MaxValue, 500, 3, null)]
    public void Page_plans_cover_skip_and_first(ulong skip, ulong first, int perPage, int startPage, int? maxPages)
    {
        var plan = GetKeysCommand.PlanPages(skip, first);
        Assert.Equal((perPage, startPage, maxPages), (plan.ItemsPerPage, plan.StartPage, plan.MaxPages));
    }

    [Fact]
    public void Several_projects_are_listed_concurrently_and_written_in_input_order()
    {
        var big = Stub.Server.State.AddProject("big");
        StubSeed.AddBulkKeys(Stub.Server.State, big, Stub.Seed.Staging, 1200);   // three pages: the slowest
        var session = Stub.Digest();
        Stub.Server.Faults.Latency = TimeSpan.FromMilliseconds(50);

        var sink = Runner.Run(c => GetKeysCommand.RunAsync(c, new GetKeysRequest { ProjectIds = [big.Id, Stub.Production, "0123456789abcdef01234567", Stub.Staging], ThrottleLimit = 4 }), session);

        var projects = sink.Keys.Select(k => k.ProjectId).ToList();
        var order = projects.Distinct().ToList();
        Assert.Equal([big.Id, Stub.Production, Stub.Staging], order);
        Assert.Equal(1200 + 3 + Stub.Server.State.KeysOf(Stub.Staging).Count, projects.Count);
        var error = Assert.Single(sink.Errors);   // the unknown project fails on its own; the others go on
        Assert.Equal(("GROUP_NOT_FOUND", AtlasErrorCategory.ObjectNotFound), (error.ErrorId, error.Category));
        Assert.Equal(0, sink.OffThreadCalls);
    }

    [Fact]
    public void A_bad_project_id_is_refused_before_any_request_and_names_the_parameter()
    {
        var session = Stub.Digest();
        var sink = Runner.Run(c => GetKeysCommand.RunAsync(c, new GetKeysRequest { ProjectIds = ["zmmrboas"] }), session);

        var error = Assert.Single(sink.Errors);
        Assert.Equal(("AtlasInvalidArgument", AtlasErrorCategory.InvalidArgument), (error.ErrorId, error.Category));
        Assert.Contains("ProjectId", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("public key", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(Stub.Server.Log.Entries);
    }

    [Fact]
    public async Task Stopping_ends_a_listing_at_once()
    {
        var bulk = Stub.Server.State.AddProject("bulk");
        StubSeed.AddBulkKeys(Stub.Server.State, bulk, Stub.Seed.Staging, 200);
        var session = Stub.Digest();
        Stub.Server.Faults.Latency = TimeSpan.FromSeconds(3);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var run = Task.Run(() => Runner.Run(c => GetKeysCommand.RunAsync(c, new GetKeysRequest { ProjectIds = [bulk.Id] }), session, token: stop.Token));

        Assert.Same(run, await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(20))));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public void Without_a_session_the_Atlas_CLI_environment_is_used_and_kept()
    {
        Runner.Environment[EnvironmentSession.PublicKey] = Stub.Seed.Admin.PublicKey;
        Runner.Environment[EnvironmentSession.PrivateKey] = Stub.Seed.Admin.PrivateKey;
        Runner.Environment[EnvironmentSession.BaseUrl] = Stub.Server.BaseUri.ToString();
        Runner.Environment[EnvironmentSession.ProjectId] = Stub.Staging;

        var first = Runner.Run(c => GetKeysCommand.RunAsync(c, new GetKeysRequest()));
        var second = Runner.Run(c => GetKeysCommand.RunAsync(c, new GetKeysRequest()));

        Assert.All(first.Keys.Concat(second.Keys), k => Assert.Equal(Stub.Staging, k.ProjectId));
        Assert.Equal(first.Keys.Count(), second.Keys.Count());
        Assert.Equal([401, 200, 200], Stub.ApiRequests().Select(r => r.Status));   // one session, one challenge
    }

    [Fact]
    public void Without_session_or_environment_it_is_AtlasNotConnected()
    {
        var sink = Runner.Run(c => GetKeysCommand.RunAsync(c, new GetKeysRequest { ProjectIds = [Stub.Production] }));

        Assert.Equal(("AtlasNotConnected", AtlasErrorCategory.InvalidOperation), (Runner.Terminating!.ErrorId, Runner.Terminating.Category));
        Assert.Empty(sink.Objects);
        Assert.Empty(Stub.Server.Log.Entries);
    }

    [Fact]
    public void Refused_credentials_are_terminating()
    {
        var session = Stub.Digest(privateKey: "00000000-1111-2222-3333-444444444444");
        Runner.Run(c => GetKeysCommand.RunAsync(c, new GetKeysRequest { ProjectIds = [Stub.Production, Stub.Staging] }), session);

        Assert.Equal(("USER_UNAUTHORIZED", AtlasErrorCategory.AuthenticationError), (Runner.Terminating!.ErrorId, Runner.Terminating.Category));
        Assert.DoesNotContain("00000000-1111-2222-3333-444444444444", Runner.Terminating.ToString(), StringComparison.Ordinal);
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
