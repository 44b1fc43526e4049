using System;
using System.Linq;
using System.Management.Automation;
using AtlasApiKeys.Core.Model;
using Xunit;

namespace AtlasApiKeys.Tests.Commands;

/// <summary>New-, Add-, Set- and Remove-AtlasProjectApiKey run for real in a runspace of this process.</summary>
public sealed class ChangeCmdletTests : CmdletTest
{
    private ProjectApiKey Key(string description, string? project = null) =>
        Pwsh.Run("Get-AtlasProjectApiKey -Session $s -ProjectId $p", ("s", Stub.Digest()), ("p", project ?? Stub.Production)).Keys.Single(k => k.Description == description);

    [Fact]
    public void New_creates_warns_once_and_returns_the_private_key_as_a_SecureString_after_one_question()
    {
        var run = Pwsh.Run("New-AtlasProjectApiKey -Session $s -ProjectId $p -Description ci -Role GROUP_READ_ONLY -Confirm", ("s", Stub.Digest()), ("p", Stub.Production));

        var key = Assert.Single(run.Keys);
        var stored = Stub.Server.State.AllKeys().Single(k => k.Id == key.Id);
        Assert.Equal(stored.PrivateKey, key.PrivateKey!.Reveal());
        var warning = Assert.Single(run.Warnings);
        Assert.Contains($"Atlas shows the private key of API key {key.PublicKey} only now", warning, StringComparison.Ordinal);
        Assert.Contains("$key = New-AtlasProjectApiKey ...", warning, StringComparison.Ordinal);
        Assert.Contains("[pscredential]::new($key.PublicKey, $key.PrivateKey)", warning, StringComparison.Ordinal);
        Assert.Contains($"Set-Secret -Name atlas-{key.PublicKey} -Secret $cred", warning, StringComparison.Ordinal);
        var lines = ("WARNING: " + warning).Split(Environment.NewLine);
        Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        var question = Assert.Single(Pwsh.Host.Questions);
        Assert.Contains($"new API key 'ci' in project {Stub.Production}", question, StringComparison.Ordinal);
        Assert.Contains("Create with role(s) GROUP_READ_ONLY", question, StringComparison.Ordinal);
        Assert.DoesNotContain(stored.PrivateKey, run.AllText() + string.Join("\n", Pwsh.Host.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_sends_nothing_for_any_change_and_says_what_each_would_do()
    {
        var ci = Key("ci deploy");
        var before = Stub.Server.Log.Count;

        var run = Pwsh.Run(
            """
            New-AtlasProjectApiKey -Session $s -ProjectId $p -Description x -Role GROUP_READ_ONLY -WhatIf
            Add-AtlasProjectApiKey -Session $s -ProjectId $p -ApiKeyId $u -Role GROUP_READ_ONLY -WhatIf
            $ci | Set-AtlasProjectApiKey -Session $s -Role GROUP_OWNER -WhatIf
            $ci | Remove-AtlasProjectApiKey -Session $s -PassThru -WhatIf
            """,
            ("s", Stub.Digest()), ("p", Stub.Production), ("u", Stub.Seed.Unassigned.Id), ("ci", ci));

        Assert.Empty(Stub.Server.Log.Since(before));
        Assert.Empty(run.Output);
        Assert.Empty(run.Errors);
        var said = Pwsh.Host.Lines.Where(l => l.StartsWith("What if:", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, said.Count);
        Assert.Contains("Unassign from the project", said[3], StringComparison.Ordinal);
        Assert.True(said[3].Contains($"API key 'ci deploy' ({ci.PublicKey}, id {ci.Id}) in project {Stub.Production}", StringComparison.Ordinal), said[3]);   // piped: named in full
        Assert.Contains($"API key 'ci deploy' ({ci.PublicKey}, id {ci.Id}) in project {Stub.Production}", said[2], StringComparison.Ordinal);
        Assert.Contains($"API key {Stub.Seed.Unassigned.Id} in project {Stub.Production}", said[1], StringComparison.Ordinal);   // by id: the ids, and no read to name it
    }

    [Fact]
    public void Answering_no_sends_nothing_and_each_item_is_asked_right_before_its_request()
    {
        var no = new InProcessPwsh(confirm: false);
        using (no)
        {
            var before = Stub.Server.Log.Count;
            var run = no.Run("Get-AtlasProjectApiKey -Session $s -ProjectId $p | Remove-AtlasProjectApiKey -Session $s", ("s", Stub.Digest()), ("p", Stub.Production));

            Assert.Empty(run.Errors);
            Assert.Equal(3, no.Host.Questions.Count);   // ConfirmImpact High: one question per key
            Assert.DoesNotContain(Stub.ApiRequests(before), r => r.Method == "DELETE");
            Assert.Equal(3, Stub.Server.State.KeysOf(Stub.Production).Count);
        }
    }

    [Fact]
    public void Add_assigns_and_PassThru_writes_the_key()
    {
        var run = Pwsh.Run("Add-AtlasProjectApiKey -Session $s -ProjectId $p -ApiKeyId $u -Role GROUP_READ_ONLY -PassThru", ("s", Stub.Digest()), ("p", Stub.Production), ("u", Stub.Seed.Unassigned.Id));

        var key = Assert.Single(run.Keys);
        Assert.Equal((Stub.Seed.Unassigned.Id, Stub.Production), (key.Id, key.ProjectId));
        Assert.Equal(["GROUP_READ_ONLY"], key.Roles);
        Assert.Contains(Stub.ApiRequests(), r => (r.Method, r.Status) == ("POST", 204));
    }

    [Fact]
    public void Add_of_an_assigned_key_is_ResourceExists_pointing_to_Set()
    {
        var ci = Key("ci deploy");
        var run = Pwsh.Run("$ci | Add-AtlasProjectApiKey -Session $s", ("s", Stub.Digest()), ("ci", ci));

        var error = Assert.Single(run.Errors);
        Assert.Equal(("API_KEY_ALREADY_IN_GROUP,AtlasApiKeys.Commands.AddAtlasProjectApiKeyCommand", ErrorCategory.ResourceExists, (object?)ci.Id), (error.FullyQualifiedErrorId, error.CategoryInfo.Category, error.TargetObject));
        Assert.Contains("Set-AtlasProjectApiKey", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Null(run.Terminating);
    }

    [Fact]
    public void Add_from_the_pipeline_copies_a_key_with_its_roles_to_another_project()
    {
        Pwsh.Run("Get-AtlasProjectApiKey -Session $s -ProjectId $p | Where-Object Description -eq monitoring | Add-AtlasProjectApiKey -Session $s -ProjectId $to", ("s", Stub.Digest()), ("p", Stub.Production), ("to", Stub.Staging));

        var stored = Stub.Server.State.AllKeys().Single(k => k.Description == "monitoring");
        Assert.Equal(["GROUP_OBSERVABILITY_VIEWER"], stored.ProjectRoles[Stub.Staging]);
    }

    [Fact]
    public void Set_replaces_roles_and_PassThru_writes_the_result()
    {
        var ci = Key("ci deploy");
        var run = Pwsh.Run("$ci | Set-AtlasProjectApiKey -Session $s -Role GROUP_OWNER -Description renamed -PassThru -Confirm", ("s", Stub.Digest()), ("ci", ci));

        var key = Assert.Single(run.Keys);
        Assert.Equal(["GROUP_OWNER"], key.Roles);
        Assert.Equal("renamed", key.Description);
        Assert.Contains("set role(s) to GROUP_OWNER and set description to 'renamed'", Assert.Single(Pwsh.Host.Questions), StringComparison.Ordinal);
    }

    [Fact]
    public void Set_with_nothing_to_change_is_refused_before_any_request()
    {
        var run = Pwsh.Run("Set-AtlasProjectApiKey -Session $s -ProjectId $p -ApiKeyId $k", ("s", Stub.Digest()), ("p", Stub.Production), ("k", Stub.Seed.Admin.Id));

        var error = Assert.Single(run.Errors);
        Assert.Equal(("AtlasInvalidArgument,AtlasApiKeys.Commands.SetAtlasProjectApiKeyCommand", ErrorCategory.InvalidArgument), (error.FullyQualifiedErrorId, error.CategoryInfo.Category));
        Assert.Contains("-Role", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(Stub.Server.Log.Entries);
    }

    [Fact]
    public void Remove_errors_per_item_and_the_pipeline_goes_on()
    {
        var monitoring = Key("monitoring");
        var run = Pwsh.Run(
            "$u, $m | ForEach-Object { [pscustomobject]@{ Id = $_ } } | Remove-AtlasProjectApiKey -Session $s -ProjectId $p -PassThru -Confirm:$false",
            ("s", Stub.Digest()), ("p", Stub.Production), ("u", Stub.Seed.Unassigned.Id), ("m", monitoring.Id));

        var error = Assert.Single(run.Errors);
        Assert.Equal(("RESOURCE_NOT_FOUND,AtlasApiKeys.Commands.RemoveAtlasProjectApiKeyCommand", ErrorCategory.ObjectNotFound), (error.FullyQualifiedErrorId, error.CategoryInfo.Category));
        Assert.False(string.IsNullOrEmpty(error.ErrorDetails?.Message));
        Assert.Null(run.Terminating);
        Assert.Equal(monitoring.Id, Assert.Single(run.Keys).Id);
        Assert.DoesNotContain(Stub.Server.State.KeysOf(Stub.Production), k => k.Id == monitoring.Id);
    }
}
