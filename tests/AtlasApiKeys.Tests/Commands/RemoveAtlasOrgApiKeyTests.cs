using System;
using System.Linq;
using Xunit;

namespace AtlasApiKeys.Tests.Commands;

/// <summary>Remove-AtlasOrgApiKey run for real in a runspace of this process: what the confirmation
/// names, and what is sent for each answer.</summary>
public sealed class RemoveAtlasOrgApiKeyTests : CmdletTest
{
    [Fact]
    public void Answering_no_sends_only_the_read_and_the_question_names_the_key_and_its_projects()
    {
        var ci = Stub.Seed.CiDeploy;
        using var no = new InProcessPwsh(confirm: false);
        var before = Stub.Server.Log.Count;

        var run = no.Run("Remove-AtlasOrgApiKey -Session $s -OrgId $o -ApiKeyId $k", ("s", Stub.Digest()), ("o", Stub.Server.State.OrgId), ("k", ci.Id));

        Assert.Empty(run.Errors);
        var question = Assert.Single(no.Host.Questions);
        foreach (var part in new[] { ci.PublicKey, "'ci deploy'", ci.Id, Stub.Production, Stub.Staging, "Delete the API key from the organization" })
        {
            Assert.Contains(part, question, StringComparison.Ordinal);
        }

        Assert.Equal(["GET"], Stub.ApiRequests(before).Where(r => r.Status == 200).Select(r => r.Method));
        Assert.Contains(Stub.Server.State.KeysOf(Stub.Production), k => k.Id == ci.Id);
    }

    [Fact]
    public void Answering_yes_deletes_the_key_from_the_organization_and_every_project()
    {
        var ci = Stub.Seed.CiDeploy;
        var before = Stub.Server.Log.Count;

        var run = Pwsh.Run("Get-AtlasOrgApiKey -Session $s -OrgId $o -ApiKeyId $k | Remove-AtlasOrgApiKey -Session $s -Confirm", ("s", Stub.Digest()), ("o", Stub.Server.State.OrgId), ("k", ci.Id));

        Assert.Empty(run.Errors);
        Assert.Empty(run.Output);
        Assert.Single(Pwsh.Host.Questions);
        Assert.Equal(["GET", "DELETE"], Stub.ApiRequests(before).Where(r => r.Status < 400).Select(r => r.Method));
        Assert.DoesNotContain(Stub.Server.State.KeysOf(Stub.Production), k => k.Id == ci.Id);
        Assert.DoesNotContain(Stub.Server.State.KeysOf(Stub.Staging), k => k.Id == ci.Id);
        Assert.DoesNotContain(Stub.Server.State.AllKeys(), k => k.Id == ci.Id);
        Assert.DoesNotContain(ci.PrivateKey, run.AllText() + string.Join("\n", Pwsh.Host.Lines), StringComparison.Ordinal);
    }
}
