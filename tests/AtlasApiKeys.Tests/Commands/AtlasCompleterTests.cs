using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlasApiKeys.Commands;
using AtlasApiKeys.Core;
using AtlasApiKeys.Tests.Support;
using Xunit;

namespace AtlasApiKeys.Tests.Commands;

/// <summary>Tab completion of -ProjectId, -ProjectName, -ApiKeyId and -OrgId as PowerShell runs it
/// (CommandCompletion.CompleteInput, i.e. TabExpansion2) in a runspace of this process with the module.</summary>
public sealed class AtlasCompleterTests : CmdletTest
{
    [Fact]
    public async Task ProjectId_offers_the_ids_of_the_projects_with_their_names_and_a_second_Tab_sends_nothing()
    {
        var session = Stub.Digest();
        Complete("Get-AtlasProjectApiKey -Session $s -ProjectId ", ("s", session));
        await Settled(session, "projects");
        var before = Stub.ApiRequests().Count;

        var matches = Complete("Get-AtlasProjectApiKey -Session $s -ProjectId ", ("s", session));

        Assert.Equal(before, Stub.ApiRequests().Count);   // from the cache
        Assert.Equal([Stub.Seed.Production.Id, Stub.Seed.Staging.Id, Stub.Seed.Analytics.Id], matches.Select(m => m.CompletionText).OrderBy(ProjectOrder));
        var production = matches.Single(m => m.CompletionText == Stub.Production);
        Assert.Equal($"{Stub.Seed.Production.Name} ({Stub.Production})", production.ListItemText);
        Assert.StartsWith(Stub.Seed.Production.Name + ":", production.ToolTip, StringComparison.Ordinal);
        Assert.Single(Stub.ApiRequests(), r => r.Path == "/api/atlas/v2/groups" && r.Status == 200);

        // A typed prefix of the name finds the id; the name completer offers the names.
        Assert.Equal([Stub.Staging], Complete($"Get-AtlasProjectApiKey -Session $s -ProjectId {Stub.Seed.Staging.Name[..7]}", ("s", session)).Select(m => m.CompletionText));
        Assert.Contains(Stub.Seed.Staging.Name, Complete("Remove-AtlasProjectApiKey -Session $s -ProjectName ", ("s", session)).Select(m => m.CompletionText));
        Assert.Equal(before, Stub.ApiRequests().Count);
    }

    [Fact]
    public async Task ApiKeyId_offers_the_keys_of_the_Connect_Atlas_sessions_default_project()
    {
        Pwsh.Run("Connect-Atlas -BaseUri $uri -Credential $cred -ProjectId $p",
            ("uri", Stub.Server.BaseUri), ("cred", new PSCredential(Stub.Seed.Admin.PublicKey, Stub.Seed.Admin.PrivateKey.Secure())), ("p", Stub.Production));
        var session = Stub.Track(SessionStore.Default.GetConnected(Pwsh.Runspace)!);
        Complete("Set-AtlasProjectApiKey -ApiKeyId ");
        await Settled(session, "keys:" + Stub.Production);

        var matches = Complete("Set-AtlasProjectApiKey -ApiKeyId ");

        var admin = matches.Single(m => m.CompletionText == Stub.Seed.Admin.Id);
        Assert.Equal($"{Stub.Seed.Admin.PublicKey} {Stub.Seed.Admin.Description}", admin.ListItemText);
        Assert.Contains(Stub.Seed.CiDeploy.Id, matches.Select(m => m.CompletionText));
        Assert.DoesNotContain(Stub.Seed.Unassigned.Id, matches.Select(m => m.CompletionText));   // not in the project
        Assert.Equal([Stub.Seed.CiDeploy.Id], Complete($"Set-AtlasProjectApiKey -ApiKeyId {Stub.Seed.CiDeploy.PublicKey}").Select(m => m.CompletionText));
    }

    [Fact]
    public async Task OrgId_offers_the_organizations_of_the_projects()
    {
        Pwsh.Run("Connect-Atlas -BaseUri $uri -Credential $cred",
            ("uri", Stub.Server.BaseUri), ("cred", new PSCredential(Stub.Seed.Admin.PublicKey, Stub.Seed.Admin.PrivateKey.Secure())));
        var session = Stub.Track(SessionStore.Default.GetConnected(Pwsh.Runspace)!);
        Complete("Connect-Atlas -OrgId ");
        await Settled(session, "projects");

        var org = Assert.Single(Complete("Connect-Atlas -OrgId "));

        Assert.Equal(Stub.Seed.Production.OrgId, org.CompletionText);
        Assert.Contains(Stub.Seed.Production.Name, org.ToolTip, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKeyId_of_an_organization_cmdlet_offers_the_organizations_keys()
    {
        var session = Stub.Digest();
        var org = Stub.Seed.Production.OrgId;
        Complete("Remove-AtlasOrgApiKey -Session $s -OrgId $o -ApiKeyId ", ("s", session), ("o", org));
        await Settled(session, "orgkeys:" + org);

        var matches = Complete("Remove-AtlasOrgApiKey -Session $s -OrgId $o -ApiKeyId ", ("s", session), ("o", org)).Select(m => m.CompletionText).ToList();

        Assert.Contains(Stub.Seed.Unassigned.Id, matches);   // in no project: only the organization's listing has it
        Assert.Contains(Stub.Seed.Admin.Id, matches);
    }

    [Fact]
    public void Without_a_session_Tab_offers_nothing_not_even_file_names_and_no_error()
    {
        var matches = Complete("Get-AtlasProjectApiKey -ProjectId ");
        var keys = Complete("Remove-AtlasProjectApiKey -ApiKeyId ");

        Assert.Empty(matches);
        Assert.Empty(keys);
        Assert.Empty(Stub.ApiRequests());
    }

    [Fact]
    public async Task A_slow_Atlas_does_not_hold_Tab_and_its_late_answer_serves_the_next_Tab()
    {
        var session = Stub.Digest();
        Stub.Server.Faults.Latency = TimeSpan.FromSeconds(5);   // each exchange; the Tab waits at most CompletionCache.Deadline (2 s)

        var first = Complete("Get-AtlasProjectApiKey -Session $s -ProjectId ", ("s", session));

        Stub.Server.Faults.Latency = TimeSpan.Zero;
        Assert.Empty(first);   // it came back without the answer ...
        var listing = CompletionCache.Pending(session, "projects")!;
        Assert.False(listing.IsCompleted);   // ... which was still on its way
        await listing;
        var before = Stub.ApiRequests().Count;
        Assert.Single(Stub.ApiRequests(), r => r.Path == "/api/atlas/v2/groups" && r.Status == 200);   // the answer came after
        Assert.Equal(3, Complete("Get-AtlasProjectApiKey -Session $s -ProjectId ", ("s", session)).Count);
        Assert.Equal(before, Stub.ApiRequests().Count);
    }

    [Fact]
    public async Task A_cached_listing_is_fetched_again_once_its_lifetime_has_passed_on_the_sessions_clock()
    {
        var time = new ManualTime(DateTimeOffset.UtcNow);
        var session = Stub.Digest(o => o.TimeProvider = time);
        Complete("Get-AtlasProjectApiKey -Session $s -ProjectId ", ("s", session));
        await Settled(session, "projects");

        time.Now += CompletionCache.Lifetime;   // not past it yet: from the cache
        Complete("Get-AtlasProjectApiKey -Session $s -ProjectId ", ("s", session));
        Assert.Single(Stub.ApiRequests(), r => r.Path == "/api/atlas/v2/groups" && r.Status == 200);

        time.Now += TimeSpan.FromSeconds(1);   // past it: the next Tab lists again
        Complete("Get-AtlasProjectApiKey -Session $s -ProjectId ", ("s", session));
        await Settled(session, "projects");
        Assert.Equal(2, Stub.ApiRequests().Count(r => r.Path == "/api/atlas/v2/groups" && r.Status == 200));
    }

    private int ProjectOrder(string id) => id == Stub.Production ? 0 : id == Stub.Staging ? 1 : 2;

    private List<CompletionResult> Complete(string input, params (string Name, object? Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            Pwsh.Runspace.SessionStateProxy.SetVariable(name, value);
        }

        using var ps = PowerShell.Create();
        ps.Runspace = Pwsh.Runspace;
        return [.. CommandCompletion.CompleteInput(input, input.Length, null, ps).CompletionMatches];
    }

    private static async Task Settled(AtlasSession session, string listing)
    {
        var pending = CompletionCache.Pending(session, listing);
        Assert.NotNull(pending);
        await pending;
    }
}
