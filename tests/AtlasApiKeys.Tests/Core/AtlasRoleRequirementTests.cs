using System;
using System.Linq;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Errors;
using AtlasApiKeys.StubServer;
using Xunit;

namespace AtlasApiKeys.Tests.Core;

/// <summary>A 403 says which role the operation needs, where, and which credentials asked (never a secret).</summary>
public sealed class AtlasRoleRequirementTests : StubTest
{
    [Fact]
    public async Task A_refused_listing_names_Project_Read_Only_and_the_public_key()
    {
        using var session = Stub.Digest();
        Stub.Server.Faults.Add(new Fault { Kind = FaultKind.Forbidden });

        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.ListAsync(Stub.Production).ToListAsync());

        Assert.Equal(403, ex.StatusCode);
        Assert.Equal($"This needs the Project Read Only role (or a higher one) in project {Stub.Production}; Atlas refused it to {session.Credential}. Ask an owner for that role there, or connect with credentials that have it.", ex.RecommendedAction);
        Assert.Contains(Stub.Seed.Admin.PublicKey, ex.RecommendedAction, StringComparison.Ordinal);
        Assert.DoesNotContain(Stub.Seed.Admin.PrivateKey, ex.RecommendedAction + ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resource_that_requires_an_access_list_is_not_blamed_on_a_role()
    {
        using var session = Stub.Digest();
        Stub.Server.Faults.Add(new Fault { Kind = FaultKind.ResourceRequiresAccessList });

        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.ListAsync(Stub.Production).ToListAsync());
        var error = AtlasApiKeys.Commands.ErrorMapper.ToErrorRecord(ex, null);

        Assert.Equal(("RESOURCE_REQUIRES_ACCESS_LIST", 403), (ex.ErrorCode, ex.StatusCode));
        Assert.Null(ex.RecommendedAction);   // no role advice: the address is what is missing
        Assert.Contains("Add-AtlasApiKeyAccessListEntry", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.DoesNotContain("role", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assigning_needs_Project_Owner_and_changing_needs_Project_Access_Manager()
    {
        using var session = Stub.Digest();
        var unassigned = Stub.Seed.Unassigned.Id;
        var ci = Stub.Server.State.AllKeys().Single(k => k.Description == "ci deploy");

        Stub.Server.Faults.Add(new Fault { Kind = FaultKind.Forbidden, Method = "POST" });
        var assign = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.AssignAsync(Stub.Production, unassigned, ["GROUP_READ_ONLY"]));
        Assert.StartsWith($"This needs the Project Owner role (or a higher one) in project {Stub.Production};", assign.RecommendedAction, StringComparison.Ordinal);

        Stub.Server.Faults.Add(new Fault { Kind = FaultKind.Forbidden, Method = "PATCH" });
        var update = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.UpdateAsync(Stub.Production, ci.Id, ["GROUP_OWNER"], null));
        Assert.StartsWith($"This needs the Project Access Manager role (or a higher one) in project {Stub.Production};", update.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Organization_reads_need_Organization_Member_access_list_changes_Organization_Owner_and_a_project_by_name_Project_Read_Only()
    {
        using var session = Stub.Digest();
        var org = Stub.Server.State.OrgId;
        var key = Stub.Seed.Restricted.Id;
        async Task<string?> Refused(string method, Func<Task> call)
        {
            Stub.Server.Faults.Add(new Fault { Kind = FaultKind.Forbidden, Method = method });
            var ex = await Assert.ThrowsAsync<AtlasApiException>(call);
            Assert.Equal(403, ex.StatusCode);
            return ex.RecommendedAction;
        }

        var member = $"This needs the Organization Member role (or a higher one) in organization {org};";
        var owner = $"This needs the Organization Owner role (or a higher one) in organization {org};";
        Assert.StartsWith(member, await Refused("GET", () => session.Organization.GetApiKeyAsync(org, key)), StringComparison.Ordinal);
        Assert.StartsWith(member, await Refused("GET", () => session.Organization.ListAccessListAsync(org, key).ToListAsync()), StringComparison.Ordinal);
        Assert.StartsWith(owner, await Refused("POST", () => session.Organization.AddAccessListEntriesAsync(org, key, ["192.0.2.1"], null)), StringComparison.Ordinal);
        Assert.StartsWith(owner, await Refused("DELETE", () => session.Organization.RemoveAccessListEntryAsync(org, key, "198.51.100.7")), StringComparison.Ordinal);
        Assert.StartsWith("This needs the Project Read Only role (or a higher one) in project 'demo-analytics';", await Refused("GET", () => session.Organization.GetProjectByNameAsync("demo-analytics")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_account_is_named_by_its_client_id()
    {
        using var session = Stub.ServiceAccount();
        Stub.Server.Faults.Add(new Fault { Kind = FaultKind.Forbidden, Method = "DELETE" });
        var ci = Stub.Server.State.AllKeys().Single(k => k.Description == "ci deploy");

        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.UnassignAsync(Stub.Production, ci.Id));

        Assert.Contains(Stub.Seed.ServiceAccount.ClientId, ex.RecommendedAction, StringComparison.Ordinal);
        Assert.DoesNotContain(Stub.Seed.ServiceAccount.ClientSecret, ex.RecommendedAction, StringComparison.Ordinal);
        Assert.Contains("Project Access Manager", ex.RecommendedAction, StringComparison.Ordinal);
    }
}
