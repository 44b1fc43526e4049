using System;
using System.Threading.Tasks;
using System.Management.Automation;
using AtlasApiKeys.Commands;
using AtlasApiKeys.Core.Errors;
using Xunit;

namespace AtlasApiKeys.Tests.Commands;

/// <summary>The advice Atlas's access-list and key-limit errors get, from the stub's real answers.</summary>
public sealed class ErrorMapperTests : StubTest
{
    [Fact]
    public async Task A_key_with_entries_but_not_this_address_is_told_to_add_it_with_the_access_list_cmdlet()
    {
        using var restricted = Stub.Digest(o => o.Credential = new AtlasApiKeys.Core.AtlasDigestCredential(Stub.Seed.Restricted.PublicKey, Stub.Seed.Restricted.PrivateKey));

        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => restricted.ApiKeys.ListAsync(Stub.Production).ToListAsync());
        var error = ErrorMapper.ToErrorRecord(ex, null);

        Assert.Equal(("IP_ADDRESS_NOT_ON_ACCESS_LIST", ErrorCategory.PermissionDenied), (error.FullyQualifiedErrorId, error.CategoryInfo.Category));
        Assert.Contains("Add-AtlasApiKeyAccessListEntry", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Contains("-IpAddress 127.0.0.1", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_without_entries_in_an_organization_that_requires_them_is_told_the_same()
    {
        Stub.Server.State.SetApiAccessListRequired(Stub.Server.State.OrgId, true);
        using var ci = Stub.Digest(o => o.Credential = new AtlasApiKeys.Core.AtlasDigestCredential(Stub.Seed.CiDeploy.PublicKey, Stub.Seed.CiDeploy.PrivateKey));

        var ex = await Assert.ThrowsAsync<AtlasApiException>(() => ci.ApiKeys.ListAsync(Stub.Production).ToListAsync());
        var error = ErrorMapper.ToErrorRecord(ex, null);

        Assert.Equal("ORG_REQUIRES_ACCESS_LIST", error.FullyQualifiedErrorId);
        Assert.Contains("Add-AtlasApiKeyAccessListEntry", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ORG_REQUIRES_WHITELIST", "Add-AtlasApiKeyAccessListEntry -ApiKeyId <key id> -IpAddress <this address>")]
    [InlineData("IP_ADDRESS_NOT_ON_WHITELIST", "Add-AtlasApiKeyAccessListEntry")]
    [InlineData("RESOURCE_REQUIRES_ACCESS_LIST", "Add-AtlasApiKeyAccessListEntry -ApiKeyId <key id> -IpAddress <this address>")]
    [InlineData("RESOURCE_REQUIRES_WHITELIST", "Add-AtlasApiKeyAccessListEntry")]
    [InlineData("MAX_API_KEYS_PER_ORG_EXCEEDED", "at most 500 API keys")]
    public void The_older_spellings_and_the_key_limit_get_advice(string code, string advice)
    {
        var ex = new AtlasApiException("refused", AtlasFailureKind.Api, "POST", "/x", code.StartsWith("MAX", StringComparison.Ordinal) ? 400 : 403, code);

        Assert.Contains(advice, ErrorMapper.ToErrorRecord(ex, null).ErrorDetails.RecommendedAction, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("USER_UNAUTHORIZED", true, ErrorCategory.AuthenticationError)]
    [InlineData(null, true, ErrorCategory.AuthenticationError)]
    [InlineData("USER_CANNOT_ACCESS_ORG", false, ErrorCategory.PermissionDenied)]   // good credentials, out of that organization
    [InlineData("NOT_ORG_GROUP_CREATOR", false, ErrorCategory.PermissionDenied)]
    public void A_401_stops_the_command_only_when_it_refuses_the_credentials(string? code, bool terminating, ErrorCategory category)
    {
        var ex = new AtlasApiException("refused", AtlasFailureKind.Api, "GET", "/x", 401, code);

        Assert.Equal((terminating, category), (ErrorMapper.IsTerminating(ex), ErrorMapper.ToErrorRecord(ex, null).CategoryInfo.Category));
    }

    [Theory]
    [InlineData("MONGODB_ATLAS_ORG_ID", "AtlasInvalidEnvironmentVariable", "MONGODB_ATLAS_ORG_ID")]
    [InlineData("ProjectId", "AtlasInvalidArgument", "key")]
    public void A_bad_argument_names_what_the_user_set_without_the_runtime_suffix(string name, string errorId, string target)
    {
        var error = ErrorMapper.ToErrorRecord(new ArgumentException($"{name} 'x' is not a valid id: it must be 24 hexadecimal digits.", name), "key");

        Assert.Equal((errorId, ErrorCategory.InvalidArgument, (object)target), (error.FullyQualifiedErrorId, error.CategoryInfo.Category, error.TargetObject));
        Assert.Equal($"{name} 'x' is not a valid id: it must be 24 hexadecimal digits.", error.ToString());   // what a person sees
    }
}
