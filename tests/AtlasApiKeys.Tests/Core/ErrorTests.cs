using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Errors;
using AtlasApiKeys.Core.Wire;
using AtlasApiKeys.StubServer;
using Xunit;

namespace AtlasApiKeys.Tests.Core;

public sealed class ErrorTests : StubTest
{
    private const string UnknownProject = "0123456789abcdef01234567";

    [Fact]
    public async Task Unknown_project_is_GROUP_NOT_FOUND()
    {
        using var session = Stub.Digest();
        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.ListAsync(UnknownProject).ToListAsync());
        AssertApiError(ex, 404, "GROUP_NOT_FOUND", "GET", $"/api/atlas/v2/groups/{UnknownProject}/apiKeys");
        Assert.Contains(UnknownProject, ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assigning_a_key_twice_is_API_KEY_ALREADY_IN_GROUP()
    {
        using var session = Stub.Digest();
        var ci = Stub.Server.State.AllKeys().Single(k => k.Description == "ci deploy");
        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.AssignAsync(Stub.Production, ci.Id, ["GROUP_READ_ONLY"]));
        AssertApiError(ex, 409, "API_KEY_ALREADY_IN_GROUP", "POST", $"/api/atlas/v2/groups/{Stub.Production}/apiKeys/{ci.Id}");
    }

    [Fact]
    public async Task A_path_id_that_is_not_24_hex_is_PATH_PARAM_PARSE_ERROR()
    {
        // The client refuses such ids before sending; drive the exchange directly to prove the mapping.
        using var session = Stub.Digest();
        var call = new AtlasCall(HttpMethod.Get, "api/atlas/v2/groups/not-an-id/apiKeys", AtlasOperation.Read);
        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => new AtlasExchange(session).SendAsync(call, null, body => KeyPageReader.Read(body, "not-an-id"), CancellationToken.None));
        AssertApiError(ex, 400, "PATH_PARAM_PARSE_ERROR", "GET", "/api/atlas/v2/groups/not-an-id/apiKeys");
    }

    [Fact]
    public async Task A_well_formed_role_the_server_does_not_know_is_a_validation_error()
    {
        using var session = Stub.Digest();
        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.CreateAsync(Stub.Production, "x", ["GROUP_NOT_A_ROLE"]));
        AssertApiError(ex, 400, "INVALID_ENUM_VALUE", "POST", $"/api/atlas/v2/groups/{Stub.Production}/apiKeys");
        Assert.Contains("GROUP_NOT_A_ROLE", ex.Parameters);
        Assert.False(ex.MayHaveSucceeded);
    }

    [Fact]
    public async Task A_key_not_in_the_project_is_RESOURCE_NOT_FOUND()
    {
        using var session = Stub.Digest();
        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.UnassignAsync(Stub.Production, Stub.Seed.Unassigned.Id));
        AssertApiError(ex, 404, "RESOURCE_NOT_FOUND", "DELETE", $"/api/atlas/v2/groups/{Stub.Production}/apiKeys/{Stub.Seed.Unassigned.Id}");
    }

    [Fact]
    public async Task A_wrong_private_key_is_USER_UNAUTHORIZED()
    {
        using var session = Stub.Digest(privateKey: "00000000-0000-0000-0000-000000000000");
        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.ListAsync(Stub.Production).ToListAsync());
        AssertApiError(ex, 401, "USER_UNAUTHORIZED", "GET", $"/api/atlas/v2/groups/{Stub.Production}/apiKeys");
    }

    [Fact]
    public async Task An_empty_token_bucket_is_RATE_LIMITED_TOKEN_BUCKET_with_Retry_After()
    {
        Stub.Server.Faults.EnableTokenBucket(capacity: 1, refillPerSecond: 0.001);
        using var session = Stub.Digest(o => o.Retry.MaxRetryAfter = TimeSpan.FromSeconds(5));
        await session.ApiKeys.ListAsync(Stub.Production).ToListAsync();   // takes the only token

        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.ListAsync(Stub.Production).ToListAsync());

        AssertApiError(ex, 429, "RATE_LIMITED_TOKEN_BUCKET", "GET", $"/api/atlas/v2/groups/{Stub.Production}/apiKeys");
        Assert.Single(Stub.ApiRequests(), r => r.Status == 429);   // Retry-After (1000 s) is beyond MaxRetryAfter: not waited for
    }

    [Fact]
    public async Task A_500_that_persists_is_UNEXPECTED_ERROR_after_bounded_retries()
    {
        Stub.Server.Faults.Add(FaultKind.InternalServerError, count: 10);
        using var session = Stub.Digest(o => o.Retry.MaxRetries = 2);
        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.ListAsync(Stub.Production).ToListAsync());

        AssertApiError(ex, 500, "UNEXPECTED_ERROR", "GET", $"/api/atlas/v2/groups/{Stub.Production}/apiKeys");
        Assert.Equal(3, Stub.ApiRequests().Count(r => r.Status == 500));
    }

    [Fact]
    public async Task A_non_JSON_error_body_gives_the_status_and_a_clean_excerpt()
    {
        Stub.Server.Faults.Add(new Fault { Kind = FaultKind.HtmlBody, Status = 403 });
        using var session = Stub.Digest();
        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.ListAsync(Stub.Production).ToListAsync());

        Assert.Equal(403, ex.StatusCode);
        Assert.Equal("FORBIDDEN", ex.ErrorCode);
        Assert.Contains("HTTP 403", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Bad Gateway", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("<", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_success_body_is_a_clear_error()
    {
        var attempts = new AtlasRetryOptions().MaxRetries + 1;
        Stub.Server.Faults.Add(FaultKind.MalformedBody, count: attempts);   // a read is asked again, within the retry budget, before it fails
        using var session = Stub.Digest();
        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.ListAsync(Stub.Production).ToListAsync());

        Assert.Equal(attempts, Stub.ApiRequests().Count(r => r.Fault == "MalformedBody"));

        Assert.Equal(AtlasFailureKind.MalformedResponse, ex.Kind);
        Assert.Equal("MALFORMED_RESPONSE", ex.ErrorCode);
        Assert.Contains($"GET /api/atlas/v2/groups/{Stub.Production}/apiKeys", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_never_answers_ends_in_the_attempt_timeout()
    {
        Stub.Server.Faults.Add(FaultKind.Hang);
        using var session = Stub.Digest(o =>
        {
            o.Retry.MaxRetries = 0;
            o.Retry.AttemptTimeout = TimeSpan.FromMilliseconds(300);
        });
        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => session.ApiKeys.ListAsync(Stub.Production).ToListAsync());

        Assert.Equal(AtlasFailureKind.Timeout, ex.Kind);
        Assert.Equal("TIMEOUT", ex.ErrorCode);
        Assert.Contains("no answer within 0.3 s", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc", "ProjectId")]
    [InlineData("zmmrboas", "ProjectId")]
    [InlineData("0123456789abcdef0123456 ", "ProjectId")]
    public async Task Bad_ids_are_refused_before_any_request(string projectId, string parameter)
    {
        using var session = Stub.Digest();
        var ex = Assert.Throws<ArgumentException>(() => session.ApiKeys.ListPagesAsync(projectId));
        Assert.Equal(parameter, ex.ParamName);
        Assert.Contains(parameter, ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => session.ApiKeys.CreateAsync(Stub.Production, new string('x', 251), ["GROUP_READ_ONLY"]));
        await Assert.ThrowsAsync<ArgumentException>(() => session.ApiKeys.CreateAsync(Stub.Production, "ok", ["group_read_only"]));
        await Assert.ThrowsAsync<ArgumentException>(() => session.ApiKeys.UpdateAsync(Stub.Production, Stub.Seed.Admin.Id, null, null));
        Assert.Empty(Stub.Server.Log.Entries);
    }

    [Theory]
    [InlineData("zmmrboas", "ApiKeyId", "ApiKeyId 'zmmrboas' looks like a public key; pass the key's Id")]
    [InlineData("payments", "ProjectId", "ProjectId 'payments' looks like a project name, not an id: pass the project's id (24 hex digits, shown in Atlas under Project Settings), or give the name to -ProjectName.")]
    [InlineData("prod", "MONGODB_ATLAS_PROJECT_ID", "MONGODB_ATLAS_PROJECT_ID 'prod' looks like a project name, not an id: set it to the project's id (24 hex digits, shown in Atlas under Project Settings).")]
    [InlineData("0123456789abcdef0123456", "ProjectId", "ProjectId '0123456789abcdef0123456' is not a valid id: it must be 24 hexadecimal digits, and this has 23.")]
    [InlineData("deadbeef", "ApiKeyId", "ApiKeyId 'deadbeef' is not a valid id: it must be 24 hexadecimal digits, and this has 8.")]
    [InlineData("my org", "OrgId", "OrgId 'my org' is not a valid id: it must be 24 hexadecimal digits.")]
    public void The_hint_follows_what_the_parameter_holds(string value, string parameter, string expected)
    {
        Assert.StartsWith(expected, AtlasValidation.CheckId(value, parameter), StringComparison.Ordinal);
        Assert.DoesNotContain(parameter.Contains("Key", StringComparison.Ordinal) ? "project name" : "public key", AtlasValidation.CheckId(value, parameter), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cloud.mongodb.com")]
    [InlineData("http://cloud.mongodb.com")]
    [InlineData("ftp://127.0.0.1")]
    public void Base_uris_without_https_to_remote_hosts_are_refused(string uri)
    {
        var options = Stub.Options(new AtlasDigestCredential("abcdefgh", "secret"), o => o.BaseUri = new Uri(uri, UriKind.RelativeOrAbsolute));
        var ex = Assert.Throws<ArgumentException>(() => new AtlasSession(options));
        Assert.Equal("BaseUri", ex.ParamName);
    }

    [Fact]
    public void Plain_http_to_a_remote_host_names_the_switch_that_allows_it()
    {
        var options = Stub.Options(new AtlasDigestCredential("abcdefgh", "secret"), o => o.BaseUri = new Uri("http://10.0.0.5"));
        var ex = Assert.Throws<ArgumentException>(() => new AtlasSession(options));
        Assert.Contains("BaseUri 'http://10.0.0.5' uses plain http to a host that is not loopback", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Use https, or pass -AllowInsecureHttp to Connect-Atlas", ex.Message, StringComparison.Ordinal);
        options.AllowInsecureHttp = true;
        using var allowed = new AtlasSession(options);
    }

    private static void AssertApiError(AtlasApiException ex, int status, string code, string method, string path)
    {
        Assert.Equal(AtlasFailureKind.Api, ex.Kind);
        Assert.Equal((status, code, method, path), (ex.StatusCode, ex.ErrorCode, ex.Method, ex.Path));
        Assert.False(string.IsNullOrEmpty(ex.Detail));
        Assert.Contains(code, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_whose_answer_came_back_malformed_is_asked_once_more()
    {
        Stub.Server.Faults.Add(FaultKind.MalformedBody);
        using var session = Stub.Digest();

        Assert.Equal(3, (await session.ApiKeys.ListAsync(Stub.Production).ToListAsync()).Count);
        Assert.Equal(2, Stub.ApiRequests().Count(r => r.Status == 200));
    }
}
