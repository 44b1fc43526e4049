using System;
using System.Linq;
using System.Text.RegularExpressions;
using AtlasApiKeys.StubServer;
using Xunit;

namespace AtlasApiKeys.Tests.StubServer;

/// <summary>The demo seed and the lines the stub prints at start for tests/Pester/common.ps1.</summary>
public sealed class StubSeedTests
{
    [Fact]
    public void The_printed_lines_parse_as_common_ps1_reads_them_with_the_sentinel_last()
    {
        var state = new StubState();
        var seed = StubSeed.Demo(state);
        var bulk = state.AddProject("bulk");

        var lines = seed.Lines(state, bulk).ToList();

        var pattern = new Regex(@"^(?<name>[^:]+):\s+(?<value>\S+)$");   // as tests/Pester/common.ps1
        Assert.All(lines, l => Assert.Matches(pattern, l));
        var values = lines.Select(l => pattern.Match(l)).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value);
        Assert.Equal(lines.Count, values.Count);
        Assert.StartsWith("Unassigned org key:", lines[^1], StringComparison.Ordinal);
        Assert.Equal(state.OrgId, values["Organization"]);
        Assert.Equal((seed.Production.Id, seed.Staging.Id, seed.Analytics.Id, bulk.Id), (values["Project production"], values["Project staging"], values["Project analytics"], values["Project bulk"]));
        Assert.Equal((seed.Admin.PublicKey, seed.Admin.PrivateKey), (values["Digest public key"], values["Digest private key"]));
        Assert.Equal((seed.ServiceAccount.ClientId, seed.ServiceAccount.ClientSecret), (values["Service account id"], values["Service account key"]));
        Assert.Equal((seed.CiDeploy.Id, seed.Restricted.Id, seed.Restricted.PublicKey, seed.Restricted.PrivateKey), (values["CI deploy key"], values["Restricted key"], values["Restricted public key"], values["Restricted private key"]));
        Assert.Equal(("false", seed.Unassigned.Id), (values["Access list required"], values["Unassigned org key"]));
    }

    [Fact]
    public void The_demo_organization_has_several_projects_and_keys_on_several_of_them()
    {
        var state = new StubState();
        var seed = StubSeed.Demo(state);

        Assert.All(new[] { seed.Production, seed.Staging, seed.Analytics }, p => Assert.Equal(state.OrgId, p.OrgId));
        Assert.All(state.AllKeys(), k => Assert.Equal(state.OrgId, k.OrgId));
        Assert.Equal(["GROUP_OWNER"], state.AllKeys().Single(k => k.Id == seed.Admin.Id).ProjectRoles[seed.Staging.Id]);
        Assert.Equal(2, state.AllKeys().Single(k => k.Id == seed.CiDeploy.Id).ProjectRoles.Count);
        Assert.Contains(state.AllKeys().Single(k => k.Id == seed.Admin.Id).AccessList, e => e.CidrBlock == "127.0.0.1/32");
        Assert.DoesNotContain(state.AllKeys().Single(k => k.Id == seed.Restricted.Id).AccessList, e => e.CidrBlock.StartsWith("127.", StringComparison.Ordinal));
    }
}
