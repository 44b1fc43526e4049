using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Errors;
using Xunit;

namespace AtlasApiKeys.Tests.Commands;

/// <summary>Connect-Atlas and Disconnect-Atlas run for real in a runspace of this process.</summary>
public sealed class ConnectAtlasTests : CmdletTest
{
    private (string, object?)[] Variables() =>
    [
        ("uri", Stub.Server.BaseUri),
        ("cred", new PSCredential(Stub.Seed.Admin.PublicKey, Stub.Seed.Admin.PrivateKey.Secure())),
        ("p", Stub.Production),
    ];

    [Fact]
    public void Connect_stores_the_session_for_its_runspace_and_Disconnect_forgets_it()
    {
        var connected = Pwsh.Run("Connect-Atlas -BaseUri $uri -Credential $cred -ProjectId $p -PassThru -Verbose", Variables());
        var session = Stub.Track(Assert.IsType<AtlasSession>(Assert.Single(connected.Output)));

        var listed = Pwsh.Run("Get-AtlasProjectApiKey");   // no -Session, no -ProjectId
        Assert.Equal(3, listed.Keys.Count());
        Assert.Contains(connected.Verbose, v => v.StartsWith("Connected to ", StringComparison.Ordinal));
        Assert.DoesNotContain(Stub.Seed.Admin.PrivateKey, connected.AllText(), StringComparison.Ordinal);
        using (var other = new InProcessPwsh())
        {
            Assert.Equal("AtlasNotConnected", other.Run("Get-AtlasProjectApiKey -ProjectId $p", ("p", Stub.Production)).Terminating?.FullyQualifiedErrorId.Split(',')[0]);   // another runspace has its own
        }

        Pwsh.Run("Disconnect-Atlas");
        var after = Pwsh.Run("Get-AtlasProjectApiKey");
        Assert.Equal("AtlasNotConnected", after.Terminating?.FullyQualifiedErrorId.Split(',')[0]);
        Assert.NotNull(session);
    }

    [Fact]
    public async Task A_session_given_out_with_PassThru_survives_the_next_Connect_and_one_nobody_holds_is_closed()
    {
        var held = Stub.Track(Assert.IsType<AtlasSession>(Assert.Single(Pwsh.Run("Connect-Atlas -BaseUri $uri -Credential $cred -PassThru", Variables()).Output)));
        Pwsh.Run("Connect-Atlas -BaseUri $uri -Credential $cred");
        var replaced = AtlasApiKeys.Commands.SessionStore.Default.GetConnected(Pwsh.Runspace)!;
        Pwsh.Run("Connect-Atlas -BaseUri $uri -Credential $cred");

        Assert.Equal(3, (await held.ApiKeys.ListAsync(Stub.Production).ToListAsync()).Count);   // the caller's $s still works
        var closed = await Assert.ThrowsAsync<AtlasApiException>(() => replaced.ApiKeys.ListAsync(Stub.Production).ToListAsync());   // nobody held this one
        Assert.Equal("SESSION_CLOSED", closed.ErrorCode);
    }

    [Fact]
    public async Task A_session_replaced_under_a_running_command_stays_open_for_it_and_closes_when_the_pipeline_ends()
    {
        Pwsh.Run("Connect-Atlas -BaseUri $uri -Credential $cred", Variables());
        var first = AtlasApiKeys.Commands.SessionStore.Default.GetConnected(Pwsh.Runspace)!;

        // Each key's Connect-Atlas replaces the session the listing upstream borrowed; PowerShell disposes the listing
        // at the pipeline's end, which gives it back, and the last command to give it back closes it.
        var run = Pwsh.Run("Get-AtlasProjectApiKey -ProjectId $p | ForEach-Object { Connect-Atlas -BaseUri $uri -Credential $cred; $_ }", Variables());

        Assert.Null(run.Terminating);
        Assert.Empty(run.Errors);
        Assert.Equal(3, run.Output.Count);
        Assert.NotSame(first, AtlasApiKeys.Commands.SessionStore.Default.GetConnected(Pwsh.Runspace));
        var closed = await Assert.ThrowsAsync<AtlasApiException>(() => first.ApiKeys.ListAsync(Stub.Production).ToListAsync());
        Assert.Equal("SESSION_CLOSED", closed.ErrorCode);
    }

    [Fact]
    public void Disconnect_under_a_running_command_stops_it_with_one_terminating_SESSION_CLOSED()
    {
        Pwsh.Run("Connect-Atlas -BaseUri $uri -Credential $cred", Variables());
        Stub.Server.Faults.Latency = TimeSpan.FromMilliseconds(150);   // the second project's listing is still on its way when the first's keys arrive

        var run = Pwsh.Run("Get-AtlasProjectApiKey -ProjectId $p, $s, $a -ThrottleLimit 1 | ForEach-Object { Disconnect-Atlas; $_ }", [.. Variables(), ("s", Stub.Staging), ("a", Stub.Seed.Analytics.Id)]);

        Assert.Equal(("SESSION_CLOSED,AtlasApiKeys.Commands.GetAtlasProjectApiKeyCommand", ErrorCategory.ConnectionError), (run.Terminating?.FullyQualifiedErrorId, run.Terminating?.CategoryInfo.Category));
        Assert.Empty(run.Errors);   // not one error for each project left
        Assert.Equal(3, run.Output.Count);   // the first project's keys, written before the disconnect
    }

    [Theory]
    [InlineData("http://cloud.example.com", false)]
    [InlineData("https://cloud.mongodb.com", true)]
    [InlineData("cloud.mongodb.com", false)]
    [InlineData("http://10.1.2.3:8080", false)]
    [InlineData("ftp://127.0.0.1", false)]
    [InlineData("file:///etc/passwd", false)]
    public void Connect_refuses_bad_base_uris_before_anything_is_stored(string uri, bool government)
    {
        var run = Pwsh.Run($"Connect-Atlas -BaseUri $bad -Credential $cred {(government ? "-Government" : string.Empty)}", [.. Variables(), ("bad", uri)]);

        Assert.Equal(("AtlasInvalidArgument,AtlasApiKeys.Commands.ConnectAtlasCommand", ErrorCategory.InvalidArgument), (run.Terminating!.FullyQualifiedErrorId, run.Terminating.CategoryInfo.Category));
        Assert.Contains("BaseUri", run.Terminating.Exception.Message, StringComparison.Ordinal);
        Assert.Equal("AtlasNotConnected", Pwsh.Run("Get-AtlasProjectApiKey -ProjectId $p").Terminating?.FullyQualifiedErrorId.Split(',')[0]);
    }

    [Fact]
    public void Plain_http_to_a_remote_host_is_allowed_only_when_asked_for()
    {
        var run = Pwsh.Run("Connect-Atlas -BaseUri 'http://atlas.test.internal' -Credential $cred -AllowInsecureHttp -PassThru", Variables());
        using var session = Assert.IsType<AtlasSession>(Assert.Single(run.Output));
        Assert.Equal("http://atlas.test.internal/", session.BaseUri.ToString());
    }

    [Theory]
    [InlineData("Connect-Atlas -Credential ([pscredential]::Empty)", "-Credential is empty: give the API key's public key as the user name and its private key as the password, e.g. -Credential (Get-Credential).", "Credential")]
    [InlineData("Connect-Atlas -Credential abcdefgh", "-Credential has an empty password: give the API key's public key", "Credential")]   // Enter at the password prompt
    [InlineData("$blank = [securestring]::new(); $blank.AppendChar(' '); Connect-Atlas -Credential ([pscredential]::new('abcdefgh', $blank))", "-Credential has an empty password:", "Credential")]
    [InlineData("Connect-Atlas -ServiceAccount ([pscredential]::Empty)", "-ServiceAccount is empty: give the service account's client id as the user name and its client secret as the password, e.g. -ServiceAccount (Get-Credential).", "ServiceAccount")]
    public void An_empty_credential_is_named_with_what_is_wrong_and_nothing_is_stored(string command, string expected, string parameter)
    {
        var run = Pwsh.Run(command);

        var error = run.Terminating!;
        Assert.Equal(("AtlasInvalidCredential,AtlasApiKeys.Commands.ConnectAtlasCommand", ErrorCategory.InvalidArgument, (object)parameter), (error.FullyQualifiedErrorId, error.CategoryInfo.Category, error.TargetObject));
        Assert.StartsWith(expected, error.ToString(), StringComparison.Ordinal);   // what a person sees
        Assert.DoesNotContain("(Parameter", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("cannot be null", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("AtlasNotConnected", Pwsh.Run("Get-AtlasProjectApiKey -ProjectId $p", Variables()).Terminating?.FullyQualifiedErrorId.Split(',')[0]);
    }

    [Theory]
    [InlineData("", 11)]
    [InlineData("group_data", 4)]
    [InlineData("'GROUP_O", 2)]
    [InlineData("ORG_", 0)]
    public void Roles_complete_from_the_known_list(string typed, int count)
    {
        var roles = new AtlasApiKeys.Commands.ProjectRoleCompleter().CompleteArgument("New-AtlasProjectApiKey", "Role", typed, null!, null!).Select(r => r.CompletionText).ToList();
        Assert.Equal(count, roles.Count);
        Assert.All(roles, r => Assert.StartsWith("GROUP_", r, StringComparison.Ordinal));
    }
}
