using System.Linq;
using System.Text;
using AtlasApiKeys.Core.Wire;
using Xunit;

namespace AtlasApiKeys.Tests.Core.Wire;

/// <summary>One answer read with either role filter: one project's roles, or every project's and the organization's.</summary>
public sealed class KeyPageReaderTests
{
    private const string Org = "5f00000000000000000000aa";
    private const string Prod = "5f0000000000000000000001";
    private const string Stage = "5f0000000000000000000002";

    private static readonly byte[] Page = Encoding.UTF8.GetBytes($$"""
        {"links":[{"rel":"self","href":"x"}],"totalCount":2,"results":[
          {"id":"5f00000000000000000000b1","publicKey":"abcdefgh","desc":"ci","privateKey":"********-****-****-1234",
           "roles":[{"groupId":"{{Prod}}","roleName":"GROUP_CLUSTER_MANAGER"},{"roleName":"GROUP_OWNER","groupId":"{{Stage.ToUpperInvariant()}}"},
                    {"orgId":"{{Org}}","roleName":"ORG_MEMBER"},{"groupId":"{{Prod}}","roleName":"GROUP_READ_ONLY"},{"groupId":"{{Stage}}","roleName":"GROUP_NEW_ROLE"}]},
          {"id":"5f00000000000000000000b2","publicKey":"ijklmnop","roles":[{"orgId":"{{Org}}","roleName":"ORG_OWNER"}]}
        ]}
        """);

    [Fact]
    public void The_project_filter_keeps_one_projects_roles_and_the_org_roles()
    {
        var page = KeyPageReader.Read(Page, new ProjectKeyShape(Prod));

        Assert.Equal(2, page.TotalCount);
        var ci = page.Items[0];
        Assert.Equal((Prod, "ci"), (ci.ProjectId, ci.Description));
        Assert.Equal(["GROUP_CLUSTER_MANAGER", "GROUP_READ_ONLY"], ci.Roles);
        Assert.Equal(["ORG_MEMBER"], ci.OrgRoles);
        Assert.Empty(page.Items[1].Roles);
        Assert.Equal(["GROUP_OWNER", "GROUP_NEW_ROLE"], KeyPageReader.Read(Page, new ProjectKeyShape(Stage)).Items[0].Roles);   // its id in capitals matches too
    }

    [Fact]
    public void The_org_filter_keeps_every_projects_roles_grouped_per_project_in_answer_order()
    {
        var page = KeyPageReader.Read(Page, new OrgKeyShape(Org));

        var ci = page.Items[0];
        Assert.Equal(("5f00000000000000000000b1", "abcdefgh", "ci", Org), (ci.Id, ci.PublicKey, ci.Description, ci.OrgId));
        Assert.Equal(["ORG_MEMBER"], ci.OrgRoles);
        Assert.Equal([Prod, Stage], ci.Assignments.Select(a => a.ProjectId));
        Assert.Equal(["GROUP_CLUSTER_MANAGER", "GROUP_READ_ONLY"], ci.Assignments[0].Roles);
        Assert.Equal(["GROUP_OWNER", "GROUP_NEW_ROLE"], ci.Assignments[1].Roles);
        Assert.All(ci.Assignments, a => Assert.Equal(ci.Id, a.Id));
        var owner = page.Items[1];
        Assert.Equal(["ORG_OWNER"], owner.OrgRoles);
        Assert.Empty(owner.Assignments);
    }

    [Fact]
    public void Role_lists_are_not_shared_between_keys_of_one_page()
    {
        var json = Encoding.UTF8.GetBytes($$"""
            {"results":[
              {"id":"5f00000000000000000000b1","publicKey":"abcdefgh","roles":[{"groupId":"{{Prod}}","roleName":"GROUP_READ_ONLY"},{"orgId":"{{Org}}","roleName":"ORG_MEMBER"}]},
              {"id":"5f00000000000000000000b2","publicKey":"ijklmnop","roles":[{"groupId":"{{Prod}}","roleName":"GROUP_OWNER"}]}]}
            """);

        var byProject = KeyPageReader.Read(json, new ProjectKeyShape(Prod)).Items;
        var byOrg = KeyPageReader.Read(json, new OrgKeyShape(Org)).Items;

        Assert.Equal([["GROUP_READ_ONLY"], ["GROUP_OWNER"]], byProject.Select(k => k.Roles.ToArray()));
        Assert.Equal([["ORG_MEMBER"], []], byProject.Select(k => k.OrgRoles.ToArray()));
        Assert.Equal([["GROUP_READ_ONLY"], ["GROUP_OWNER"]], byOrg.Select(k => k.Assignments.Single().Roles.ToArray()));
        Assert.Equal([["ORG_MEMBER"], []], byOrg.Select(k => k.OrgRoles.ToArray()));
    }

    [Fact]
    public void One_key_reads_in_either_shape()
    {
        var json = Encoding.UTF8.GetBytes($$"""{"id":"5f00000000000000000000b1","publicKey":"abcdefgh","roles":[{"groupId":"{{Prod}}","roleName":"GROUP_READ_ONLY"}]}""");

        Assert.Equal(["GROUP_READ_ONLY"], KeyPageReader.ReadKey(json, Prod, keepPrivateKey: false).Roles);
        Assert.Equal(Prod, KeyPageReader.ReadKey(json, new OrgKeyShape(Org), keepPrivateKey: false).Assignments.Single().ProjectId);
    }
}
