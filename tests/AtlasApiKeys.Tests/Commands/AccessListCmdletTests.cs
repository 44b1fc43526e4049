using System;
using System.Linq;
using System.Management.Automation;
using AtlasApiKeys.Commands;
using AtlasApiKeys.Core.Model;
using AtlasApiKeys.StubServer;
using Xunit;

namespace AtlasApiKeys.Tests.Commands;

/// <summary>The access-list cmdlets, New-AtlasProjectApiKey -AccessList and Set-AtlasProjectApiKey
/// -AddRole/-RemoveRole, run for real in a runspace of this process.</summary>
public sealed class AccessListCmdletTests : CmdletTest
{
    [Theory]
    [InlineData(typeof(AddAtlasApiKeyAccessListEntryCommand), ConfirmImpact.Medium)]
    [InlineData(typeof(RemoveAtlasApiKeyAccessListEntryCommand), ConfirmImpact.High)]
    public void Changes_to_an_access_list_are_confirmable_with_their_impact(Type type, ConfirmImpact impact)
    {
        var cmdlet = (CmdletAttribute)Attribute.GetCustomAttribute(type, typeof(CmdletAttribute))!;
        Assert.True(cmdlet.SupportsShouldProcess);
        Assert.Equal(impact, cmdlet.ConfirmImpact);
        Assert.False(((CmdletAttribute)Attribute.GetCustomAttribute(typeof(GetAtlasApiKeyAccessListEntryCommand), typeof(CmdletAttribute))!).SupportsShouldProcess);
    }

    [Fact]
    public void New_with_an_access_list_that_fails_writes_the_key_then_one_error_that_says_how_to_finish_and_no_secret()
    {
        Stub.Server.Faults.Add(new Fault { Kind = FaultKind.Forbidden, Method = "POST", PathContains = "/accessList" });

        var run = Pwsh.Run(
            "New-AtlasProjectApiKey -Session $s -ProjectId $p -Description listed -Role GROUP_READ_ONLY -AccessList 192.0.2.1, 10.0.0.0/8",
            ("s", Stub.Digest()), ("p", Stub.Production));

        var key = Assert.Single(run.Keys);
        var stored = Stub.Server.State.AllKeys().Single(k => k.Id == key.Id);
        Assert.Equal(stored.PrivateKey, key.PrivateKey!.Reveal());
        var error = Assert.Single(run.Errors);
        Assert.Equal("AtlasAccessListNotSet,AtlasApiKeys.Commands.NewAtlasProjectApiKeyCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Same(key, error.TargetObject);
        Assert.Contains($"API key {key.PublicKey} ({key.Id}) was created", error.ToString(), StringComparison.Ordinal);
        Assert.Equal($"Add-AtlasApiKeyAccessListEntry -ApiKeyId {key.Id} -OrgId {Stub.Server.State.OrgId} -IpAddress 192.0.2.1 -CidrBlock 10.0.0.0/8", error.ErrorDetails.RecommendedAction);
        Assert.Empty(Stub.Server.State.AccessList(Stub.Server.State.OrgId, key.Id)!);
        Assert.DoesNotContain(stored.PrivateKey, run.AllText() + string.Join("\n", Pwsh.Host.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public void New_with_an_access_list_and_no_organization_to_be_found_creates_nothing()
    {
        Stub.Server.Faults.Add(new Fault { Kind = FaultKind.Forbidden, Method = "GET", PathContains = $"/groups/{Stub.Production}" });
        var before = Stub.Server.State.AllKeys().Count;

        var run = Pwsh.Run("New-AtlasProjectApiKey -Session $s -ProjectId $p -Description listed -Role GROUP_READ_ONLY -AccessList 192.0.2.1", ("s", Stub.Digest()), ("p", Stub.Production));

        Assert.Empty(run.Output);
        Assert.Equal(ErrorCategory.PermissionDenied, Assert.Single(run.Errors).CategoryInfo.Category);
        Assert.DoesNotContain(Stub.ApiRequests(), r => r.Method == "POST");
        Assert.Equal(before, Stub.Server.State.AllKeys().Count);
    }

    // A fresh session's first request meets the digest challenge (401): counted apart.
    [Fact]
    public void Set_AddRole_asks_after_the_one_read_naming_the_resulting_roles_and_no_sends_no_PATCH()
    {
        using var no = new InProcessPwsh(confirm: false);
        var ci = Stub.Seed.CiDeploy.Id;
        var before = Stub.Server.Log.Count;

        var run = no.Run("Set-AtlasProjectApiKey -Session $s -ProjectId $p -ApiKeyId $k -AddRole GROUP_OWNER -Confirm", ("s", Stub.Digest()), ("p", Stub.Production), ("k", ci));

        Assert.Empty(run.Errors);
        var question = Assert.Single(no.Host.Questions);
        Assert.Contains("set role(s) to GROUP_CLUSTER_MANAGER, GROUP_READ_ONLY, GROUP_OWNER (now GROUP_CLUSTER_MANAGER, GROUP_READ_ONLY)", question, StringComparison.Ordinal);
        Assert.Equal(["GET"], Stub.ApiRequests(before).Where(r => r.Status != 401).Select(r => r.Method));
        Assert.Equal(["GROUP_CLUSTER_MANAGER", "GROUP_READ_ONLY"], Stub.Server.State.KeysOf(Stub.Production).Single(k => k.Id == ci).ProjectRoles[Stub.Production]);
    }

    [Fact]
    public void Set_RemoveRole_keeps_the_order_of_the_roles_left_and_sends_them_in_one_PATCH()
    {
        var ci = Stub.Seed.CiDeploy.Id;
        var before = Stub.Server.Log.Count;

        var run = Pwsh.Run("Set-AtlasProjectApiKey -Session $s -ProjectId $p -ApiKeyId $k -RemoveRole GROUP_CLUSTER_MANAGER -Description 'ci (read)' -PassThru", ("s", Stub.Digest()), ("p", Stub.Production), ("k", ci));

        var key = Assert.Single(run.Keys);
        Assert.Equal(["GROUP_READ_ONLY"], key.Roles);
        Assert.Equal("ci (read)", key.Description);
        Assert.Equal(["GET", "PATCH"], Stub.ApiRequests(before).Where(r => r.Status != 401).Select(r => r.Method));
        Assert.Equal(["GROUP_OWNER"], Stub.Server.State.KeysOf(Stub.Staging).Single(k => k.Id == ci).ProjectRoles[Stub.Staging]);
    }

    [Fact]
    public void Remove_entry_asks_by_default_and_no_sends_nothing()
    {
        using var no = new InProcessPwsh(confirm: false);
        var restricted = Stub.Seed.Restricted.Id;
        var before = Stub.Server.Log.Count;

        var run = no.Run("Remove-AtlasApiKeyAccessListEntry -Session $s -OrgId $o -ApiKeyId $k -CidrBlock 203.0.113.0/24", ("s", Stub.Digest()), ("o", Stub.Server.State.OrgId), ("k", restricted));

        Assert.Empty(run.Errors);
        Assert.Contains($"entry 203.0.113.0/24 of the API access list of key {restricted}", Assert.Single(no.Host.Questions), StringComparison.Ordinal);
        Assert.Empty(Stub.ApiRequests(before));
        Assert.Equal(2, Stub.Server.State.AccessList(Stub.Server.State.OrgId, restricted)!.Count);
    }

    [Fact]
    public void Get_streams_entries_that_pipe_into_Remove_by_property_name()
    {
        var restricted = Stub.Seed.Restricted.Id;

        var run = Pwsh.Run(
            "Get-AtlasApiKeyAccessListEntry -Session $s -OrgId $o -ApiKeyId $k | Where-Object Entry -like '*/24' | Remove-AtlasApiKeyAccessListEntry -Session $s -Confirm:$false; Get-AtlasApiKeyAccessListEntry -Session $s -OrgId $o -ApiKeyId $k",
            ("s", Stub.Digest()), ("o", Stub.Server.State.OrgId), ("k", restricted));

        Assert.Empty(run.Errors);
        Assert.Equal(["198.51.100.7"], run.Output.OfType<ApiKeyAccessListEntry>().Select(e => e.Entry));
        Assert.Contains(Stub.ApiRequests(), r => r.Method == "DELETE" && r.Path.EndsWith("/accessList/203.0.113.0%2F24", StringComparison.Ordinal) && r.Status == 204);
    }
}
