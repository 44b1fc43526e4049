using System;
using System.Collections.Generic;
using AtlasApiKeys.Core;
using Xunit;

namespace AtlasApiKeys.Tests.Core;

/// <summary>The Atlas CLI's variables: a bad one is named, and a bad default blocks only what needs it.</summary>
public sealed class EnvironmentSessionTests
{
    private const string Project = "0123456789abcdef01234567";

    private static Func<string, string?> Variables(params (string Name, string? Value)[] values)
    {
        var map = new Dictionary<string, string?>
        {
            [EnvironmentSession.PublicKey] = "abcdefgh",
            [EnvironmentSession.PrivateKey] = "private-7f3c",
        };
        foreach (var (name, value) in values)
        {
            map[name] = value;
        }

        return name => map.GetValueOrDefault(name);
    }

    [Theory]
    [InlineData(EnvironmentSession.ProjectId, "prod", "MONGODB_ATLAS_PROJECT_ID 'prod' looks like a project name, not an id: set it to the project's id")]
    [InlineData(EnvironmentSession.OrgId, "my-org", "MONGODB_ATLAS_ORG_ID 'my-org' is not a valid id: it must be 24 hexadecimal digits.")]
    public void A_bad_default_is_left_out_of_the_session_and_named_for_the_command_that_needs_it(string name, string value, string expected)
    {
        var environment = Variables((name, value));

        var options = EnvironmentSession.Options(environment)!;

        Assert.Null(options.DefaultProjectId);
        Assert.Null(options.DefaultOrgId);
        using var session = new AtlasSession(options);   // no longer refused: a command given -ProjectId/-OrgId works
        Assert.StartsWith(expected, EnvironmentSession.CheckDefault(environment, name), StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", EnvironmentSession.CheckDefault(environment, name), StringComparison.Ordinal);
    }

    [Fact]
    public void Good_defaults_are_kept_and_blank_ones_are_no_defaults()
    {
        var options = EnvironmentSession.Options(Variables((EnvironmentSession.ProjectId, $" {Project} "), (EnvironmentSession.OrgId, "  ")))!;

        Assert.Equal(Project, options.DefaultProjectId);
        Assert.Null(options.DefaultOrgId);
        Assert.Null(EnvironmentSession.CheckDefault(Variables((EnvironmentSession.ProjectId, Project)), EnvironmentSession.ProjectId));
        Assert.Null(EnvironmentSession.CheckDefault(Variables((EnvironmentSession.OrgId, " ")), EnvironmentSession.OrgId));
    }

    [Theory]
    [InlineData(EnvironmentSession.PrivateKey, null, EnvironmentSession.PrivateKey, "MONGODB_ATLAS_PUBLIC_API_KEY is set but MONGODB_ATLAS_PRIVATE_API_KEY is empty or not set")]
    [InlineData(EnvironmentSession.PrivateKey, "  ", EnvironmentSession.PrivateKey, "MONGODB_ATLAS_PUBLIC_API_KEY is set but MONGODB_ATLAS_PRIVATE_API_KEY is empty or not set")]
    [InlineData(EnvironmentSession.PublicKey, "", EnvironmentSession.PublicKey, "MONGODB_ATLAS_PRIVATE_API_KEY is set but MONGODB_ATLAS_PUBLIC_API_KEY is empty or not set")]
    public void Half_a_key_pair_names_the_missing_variable_and_shows_no_value(string name, string? value, string missing, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => EnvironmentSession.Options(Variables((name, value))));

        Assert.Equal(missing, ex.ParamName);
        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("private-7f3c", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Half_a_service_account_is_named_too_and_a_complete_pair_beside_half_of_another_still_works()
    {
        var onlySecret = Variables((EnvironmentSession.PublicKey, null), (EnvironmentSession.PrivateKey, null), (EnvironmentSession.ClientSecret, "s3cret-9a"));
        var ex = Assert.Throws<ArgumentException>(() => EnvironmentSession.Options(onlySecret));
        Assert.Equal(EnvironmentSession.ClientId, ex.ParamName);
        Assert.DoesNotContain("s3cret-9a", ex.Message, StringComparison.Ordinal);

        Assert.IsType<AtlasDigestCredential>(EnvironmentSession.Options(Variables((EnvironmentSession.ClientId, "mdb_sa_id_1")))!.Credential);
        Assert.Null(EnvironmentSession.Options(_ => null));
    }

    [Theory]
    [InlineData("http://10.0.0.5", "MONGODB_ATLAS_OPS_MANAGER_URL 'http://10.0.0.5' uses plain http to a host that is not loopback", "Connect-Atlas -BaseUri http://10.0.0.5 -AllowInsecureHttp")]
    [InlineData("cloud.mongodb.com", "MONGODB_ATLAS_OPS_MANAGER_URL 'cloud.mongodb.com' is not an http:// or https:// address", "https://cloud.mongodb.com")]
    [InlineData("ftp://127.0.0.1", "MONGODB_ATLAS_OPS_MANAGER_URL 'ftp://127.0.0.1' is not an http:// or https:// address", "https://cloud.mongodb.com")]
    public void A_bad_base_url_names_the_variable(string url, string expected, string advice)
    {
        var ex = Assert.Throws<ArgumentException>(() => EnvironmentSession.Options(Variables((EnvironmentSession.BaseUrl, url))));

        Assert.Equal(EnvironmentSession.BaseUrl, ex.ParamName);
        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains(advice, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("https://cloud.mongodb.com/")]
    public void Https_and_loopback_http_are_taken(string url) =>
        Assert.Equal(new Uri(url), EnvironmentSession.Options(Variables((EnvironmentSession.BaseUrl, url)))!.BaseUri);
}
