using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using AtlasApiKeys.StubServer;
using Xunit;

namespace AtlasApiKeys.Tests.StubServer;

/// <summary>The token revoke endpoint: form token and hint, HTTP Basic client id and secret.</summary>
public sealed class StubOAuthTests : StubTest
{
    private const string Form = "application/x-www-form-urlencoded";

    private (string, string) Basic => (Stub.Seed.ServiceAccount.ClientId, Stub.Seed.ServiceAccount.ClientSecret);

    [Fact]
    public async Task A_revoked_token_gets_401_afterwards_and_the_log_shows_the_form_without_the_token()
    {
        var token = await StubClient.TokenAsync(Stub.Server, Stub.Seed.ServiceAccount);
        using var bearer = StubClient.Bearer(Stub.Server, token);
        using var anonymous = StubClient.Anonymous(Stub.Server);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync($"/api/atlas/v2/groups/{Stub.Production}")).Status);

        var revoke = await anonymous.SendAsync("POST", "/api/oauth/revoke", $"token={Uri.EscapeDataString(token)}&token_type_hint=access_token", Form, Basic);
        var after = await bearer.GetAsync($"/api/atlas/v2/groups/{Stub.Production}");

        Assert.Equal((HttpStatusCode.OK, ""), (revoke.Status, revoke.Text));
        Assert.Equal(HttpStatusCode.Unauthorized, after.Status);
        Assert.Equal(1, Stub.Server.Auth.TokensRevoked);
        var logged = Stub.Server.Log.Entries.Single(r => r.Path == "/api/oauth/revoke");
        Assert.Equal(("basic", 200, "token=***&token_type_hint=access_token", Stub.Seed.ServiceAccount.ClientId), (logged.Auth, logged.Status, logged.Form, logged.Principal));
        var log = JsonSerializer.Serialize(Stub.Server.Log.Entries);
        Assert.DoesNotContain(token, log, StringComparison.Ordinal);
        Assert.DoesNotContain(Stub.Seed.ServiceAccount.ClientSecret, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoke_without_the_clients_secret_is_401_and_the_token_lives_on()
    {
        var token = await StubClient.TokenAsync(Stub.Server, Stub.Seed.ServiceAccount);
        using var anonymous = StubClient.Anonymous(Stub.Server);
        using var bearer = StubClient.Bearer(Stub.Server, token);

        var wrong = await anonymous.SendAsync("POST", "/api/oauth/revoke", $"token={token}&token_type_hint=access_token", Form, (Stub.Seed.ServiceAccount.ClientId, "mdb_sa_sk_wrong"));
        var none = await anonymous.SendAsync("POST", "/api/oauth/revoke", $"token={token}&token_type_hint=access_token", Form);

        Assert.Equal((401, "invalid_client"), (wrong.StatusCode, wrong.Body!["error"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Unauthorized, none.Status);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync($"/api/atlas/v2/groups/{Stub.Production}")).Status);
    }

    [Fact]
    public async Task A_revoke_must_be_a_form_with_a_token_of_the_same_client()
    {
        var token = await StubClient.TokenAsync(Stub.Server, Stub.Seed.ServiceAccount);
        var other = Stub.Server.State.AddServiceAccount();
        using var anonymous = StubClient.Anonymous(Stub.Server);
        using var bearer = StubClient.Bearer(Stub.Server, token);

        var json = await anonymous.SendAsync("POST", "/api/oauth/revoke", $"{{\"token\":\"{token}\"}}", "application/json", Basic);
        var noToken = await anonymous.SendAsync("POST", "/api/oauth/revoke", "token_type_hint=access_token", Form, Basic);
        var othersToken = await anonymous.SendAsync("POST", "/api/oauth/revoke", $"token={token}&token_type_hint=access_token", Form, (other.ClientId, other.ClientSecret));
        var unknown = await anonymous.SendAsync("POST", "/api/oauth/revoke", "token=eyJnot-a-live-token&token_type_hint=access_token", Form, Basic);

        Assert.Equal((400, "invalid_request"), (json.StatusCode, json.Body!["error"]!.GetValue<string>()));
        Assert.Equal((400, "invalid_request"), (noToken.StatusCode, noToken.Body!["error"]!.GetValue<string>()));
        Assert.Equal((400, "unauthorized_client"), (othersToken.StatusCode, othersToken.Body!["error"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, unknown.Status);   // RFC 7009: a token that is not live is no error
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync($"/api/atlas/v2/groups/{Stub.Production}")).Status);
        Assert.Equal(0, Stub.Server.Auth.TokensRevoked);
    }

    [Fact]
    public async Task Faults_can_be_injected_on_the_revoke_endpoint()
    {
        var token = await StubClient.TokenAsync(Stub.Server, Stub.Seed.ServiceAccount);
        Stub.Server.Faults.Add(new Fault { Kind = FaultKind.ServiceUnavailable, PathContains = "/api/oauth/revoke" });
        using var anonymous = StubClient.Anonymous(Stub.Server);

        var failed = await anonymous.SendAsync("POST", "/api/oauth/revoke", $"token={token}", Form, Basic);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.Status);
        Assert.Equal(0, Stub.Server.Auth.TokensRevoked);
    }
}
