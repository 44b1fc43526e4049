using System;
using System.Linq;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Commands;
using AtlasApiKeys.Core.Model;
using Xunit;

namespace AtlasApiKeys.Tests.Cmdlets;

public sealed class ChangeLogicTests : StubTest
{
    private CommandRunner Runner => runner ??= new CommandRunner(Stub);

    private CommandRunner? runner;

    private ProjectApiKey Key(string description, string? project = null)
    {
        var sink = Runner.Run(c => GetKeysCommand.RunAsync(c, new GetKeysRequest { ProjectIds = [project ?? Stub.Production] }), Stub.Digest());
        return sink.Keys.Single(k => k.Description == description);
    }

    [Fact]
    public void New_creates_warns_once_and_returns_the_private_key_as_a_SecureString()
    {
        var sink = Runner.Run(c => ApiKeyCommands.NewAsync(c, new NewKeyRequest { ProjectId = Stub.Production, Description = "ci", Roles = ["GROUP_READ_ONLY"] }), Stub.Digest());

        var key = Assert.Single(sink.Keys);
        var stored = Stub.Server.State.AllKeys().Single(k => k.Id == key.Id);
        Assert.Equal(stored.PrivateKey, key.PrivateKey!.Reveal());
        Assert.Contains("never show it again", Assert.Single(sink.Warnings), StringComparison.Ordinal);
        var (target, action) = Assert.Single(sink.ShouldProcessCalls);
        Assert.Contains(Stub.Production, target, StringComparison.Ordinal);
        Assert.Contains("'ci'", target, StringComparison.Ordinal);
        Assert.Contains("GROUP_READ_ONLY", action, StringComparison.Ordinal);
        Assert.DoesNotContain(stored.PrivateKey, sink.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_sends_nothing_for_any_change()
    {
        var ci = Key("ci deploy");
        var before = Stub.Server.Log.Count;
        var session = Stub.Digest();

        var sinks = new[]
        {
            Runner.Run(c => ApiKeyCommands.NewAsync(c, new NewKeyRequest { ProjectId = Stub.Production, Description = "x", Roles = ["GROUP_READ_ONLY"] }), session, confirm: false),
            Runner.Run(c => ApiKeyCommands.AddAsync(c, new KeyRequest { ProjectId = Stub.Production, ApiKeyId = Stub.Seed.Unassigned.Id, Roles = ["GROUP_READ_ONLY"] }), session, confirm: false),
            Runner.Run(c => ApiKeyCommands.SetAsync(c, new KeyRequest { InputObject = ci, Roles = ["GROUP_OWNER"] }), session, confirm: false),
            Runner.Run(c => ApiKeyCommands.RemoveAsync(c, new KeyRequest { InputObject = ci, PassThru = true }), session, confirm: false),
        };

        Assert.Empty(Stub.Server.Log.Since(before));
        Assert.All(sinks, s => Assert.Single(s.ShouldProcessCalls));
        Assert.All(sinks, s => Assert.Empty(s.Objects));
        Assert.Contains(ci.Id, sinks[3].ShouldProcessCalls[0].Target, StringComparison.Ordinal);
        Assert.Contains(Stub.Production, sinks[3].ShouldProcessCalls[0].Target, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_assigns_and_PassThru_writes_the_key()
    {
        var sink = Runner.Run(c => ApiKeyCommands.AddAsync(c, new KeyRequest { ProjectId = Stub.Production, ApiKeyId = Stub.Seed.Unassigned.Id, Roles = ["GROUP_READ_ONLY"], PassThru = true }), Stub.Digest());

        var key = Assert.Single(sink.Keys);
        Assert.Equal((Stub.Seed.Unassigned.Id, Stub.Production), (key.Id, key.ProjectId));
        Assert.Equal(["GROUP_READ_ONLY"], key.Roles);
        Assert.Contains(Stub.ApiRequests(), r => (r.Method, r.Status) == ("POST", 204));
    }

    [Fact]
    public void Add_of_an_assigned_key_is_ResourceExists_pointing_to_Set()
    {
        var ci = Key("ci deploy");
        var sink = Runner.Run(c => ApiKeyCommands.AddAsync(c, new KeyRequest { InputObject = ci }), Stub.Digest());

        var error = Assert.Single(sink.Errors);
        Assert.Equal(("API_KEY_ALREADY_IN_GROUP", AtlasErrorCategory.ResourceExists, (object?)ci.Id), (error.ErrorId, error.Category, error.Target));
        Assert.Contains("Set-AtlasProjectApiKey", error.RecommendedAction, StringComparison.Ordinal);
        Assert.Null(Runner.Terminating);
    }

    [Fact]
    public void Add_from_the_pipeline_copies_a_key_with_its_roles_to_another_project()
    {
        var monitoring = Key("monitoring");
        Runner.Run(c => ApiKeyCommands.AddAsync(c, new KeyRequest { InputObject = monitoring, ProjectId = Stub.Staging }), Stub.Digest());

        var stored = Stub.Server.State.AllKeys().Single(k => k.Id == monitoring.Id);
        Assert.Equal(["GROUP_OBSERVABILITY_VIEWER"], stored.ProjectRoles[Stub.Staging]);
    }

    [Fact]
    public void Set_replaces_roles_and_PassThru_writes_the_result()
    {
        var ci = Key("ci deploy");
        var sink = Runner.Run(c => ApiKeyCommands.SetAsync(c, new KeyRequest { InputObject = ci, Roles = ["GROUP_OWNER"], Description = "renamed", PassThru = true }), Stub.Digest());

        var key = Assert.Single(sink.Keys);
        Assert.Equal(["GROUP_OWNER"], key.Roles);
        Assert.Equal("renamed", key.Description);
        Assert.Contains("set role(s) to GROUP_OWNER and set description to 'renamed'", sink.ShouldProcessCalls[0].Action, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_with_nothing_to_change_is_refused_before_any_request()
    {
        var session = Stub.Digest();
        var sink = Runner.Run(c => ApiKeyCommands.SetAsync(c, new KeyRequest { ProjectId = Stub.Production, ApiKeyId = Stub.Seed.Admin.Id }), session);

        var error = Assert.Single(sink.Errors);
        Assert.Equal(("AtlasInvalidArgument", AtlasErrorCategory.InvalidArgument), (error.ErrorId, error.Category));
        Assert.Contains("-Role", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(Stub.Server.Log.Entries);
    }

    [Fact]
    public void Remove_errors_per_item_and_the_pipeline_goes_on()
    {
        var monitoring = Key("monitoring");
        var session = Stub.Digest();
        var notHere = Runner.Run(c => ApiKeyCommands.RemoveAsync(c, new KeyRequest { ProjectId = Stub.Production, ApiKeyId = Stub.Seed.Unassigned.Id }), session);
        var removed = Runner.Run(c => ApiKeyCommands.RemoveAsync(c, new KeyRequest { InputObject = monitoring, PassThru = true }), session);

        var error = Assert.Single(notHere.Errors);
        Assert.Equal(("RESOURCE_NOT_FOUND", AtlasErrorCategory.ObjectNotFound), (error.ErrorId, error.Category));
        Assert.False(string.IsNullOrEmpty(error.Detail));
        Assert.Null(Runner.Terminating);
        Assert.Equal(monitoring.Id, Assert.Single(removed.Keys).Id);
        Assert.DoesNotContain(Stub.Server.State.KeysOf(Stub.Production), k => k.Id == monitoring.Id);
    }

    [Fact]
    public void Connect_stores_the_session_for_its_scope_and_Disconnect_forgets_it()
    {
        var sink = new RecordingSink();
        var session = ConnectCommand.Connect(sink, Runner.Store, Runner.Scope, new ConnectRequest
        {
            Credential = new AtlasDigestCredential(Stub.Seed.Admin.PublicKey, Stub.Seed.Admin.PrivateKey),
            BaseUri = Stub.Server.BaseUri,
            ProjectId = Stub.Production,
            PassThru = true,
        });
        Stub.Track(session);

        Assert.Same(session, Assert.Single(sink.Objects));
        var listed = Runner.Run(c => GetKeysCommand.RunAsync(c, new GetKeysRequest()));   // no -Session, no -ProjectId
        Assert.Equal(3, listed.Keys.Count());
        Assert.DoesNotContain(Stub.Seed.Admin.PrivateKey, string.Join("\n", sink.Verbose), StringComparison.Ordinal);

        ConnectCommand.Disconnect(sink, Runner.Store, Runner.Scope);
        Runner.Run(c => GetKeysCommand.RunAsync(c, new GetKeysRequest()));
        Assert.Equal("AtlasNotConnected", Runner.Terminating?.ErrorId);
    }

    [Fact]
    public async System.Threading.Tasks.Task A_session_given_out_with_PassThru_survives_the_next_Connect()
    {
        ConnectRequest Request(bool passThru) => new()
        {
            Credential = new AtlasDigestCredential(Stub.Seed.Admin.PublicKey, Stub.Seed.Admin.PrivateKey),
            BaseUri = Stub.Server.BaseUri,
            PassThru = passThru,
        };
        var held = Stub.Track(ConnectCommand.Connect(new RecordingSink(), Runner.Store, Runner.Scope, Request(passThru: true)));
        var replaced = ConnectCommand.Connect(new RecordingSink(), Runner.Store, Runner.Scope, Request(passThru: false));
        ConnectCommand.Connect(new RecordingSink(), Runner.Store, Runner.Scope, Request(passThru: false));

        Assert.Equal(3, (await held.ApiKeys.ListAsync(Stub.Production).ToListAsync()).Count);   // the caller's $s still works
        var closed = await Assert.ThrowsAsync<AtlasApiKeys.Core.Errors.AtlasApiException>(() => replaced.ApiKeys.ListAsync(Stub.Production).ToListAsync());   // nobody held this one
        Assert.Equal("SESSION_CLOSED", closed.ErrorCode);
    }

    [Theory]
    [InlineData("http://cloud.example.com", false)]
    [InlineData("https://cloud.mongodb.com", true)]
    public void Connect_refuses_bad_base_uris_before_anything_is_stored(string uri, bool government)
    {
        var ex = Assert.Throws<AtlasTerminatingException>(() => ConnectCommand.Connect(new RecordingSink(), Runner.Store, Runner.Scope, new ConnectRequest
        {
            Credential = new AtlasDigestCredential("abcdefgh", "secret"),
            BaseUri = new Uri(uri),
            Government = government,
        }));

        Assert.Equal(("AtlasInvalidArgument", AtlasErrorCategory.InvalidArgument), (ex.Error.ErrorId, ex.Error.Category));
        Assert.Contains("BaseUri", ex.Error.Exception.Message, StringComparison.Ordinal);
        Assert.Null(Runner.Store.GetConnected(Runner.Scope));
    }

    [Theory]
    [InlineData("", 11)]
    [InlineData("group_data", 4)]
    [InlineData("'GROUP_O", 2)]
    [InlineData("ORG_", 0)]
    public void Roles_complete_from_the_known_list(string typed, int count)
    {
        var roles = RoleCompletion.Complete(typed);
        Assert.Equal(count, roles.Count);
        Assert.All(roles, r => Assert.StartsWith("GROUP_", r, StringComparison.Ordinal));
    }
}
