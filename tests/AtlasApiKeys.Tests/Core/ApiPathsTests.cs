using AtlasApiKeys.Core;
using Xunit;

namespace AtlasApiKeys.Tests.Core;

public sealed class ApiPathsTests
{
    private const string Org = "5F00000000000000000000AA";
    private const string Key = "5f00000000000000000000bb";
    private const string Project = "5f00000000000000000000cc";

    [Fact]
    public void Every_operation_has_its_path_with_ids_in_lower_case()
    {
        Assert.Equal("api/atlas/v2/groups/5f00000000000000000000cc/apiKeys", ApiPaths.ProjectKeys(Project.ToUpperInvariant()));
        Assert.Equal("api/atlas/v2/groups/5f00000000000000000000cc/apiKeys/5f00000000000000000000bb", ApiPaths.ProjectKey(Project, Key));
        Assert.Equal("api/atlas/v2/groups/5f00000000000000000000cc", ApiPaths.Project(Project));
        Assert.Equal("api/atlas/v2/groups", ApiPaths.Projects);
        Assert.Equal("api/atlas/v2/orgs/5f00000000000000000000aa/apiKeys", ApiPaths.OrgKeys(Org));
        Assert.Equal("api/atlas/v2/orgs/5f00000000000000000000aa/apiKeys/5f00000000000000000000bb", ApiPaths.OrgKey(Org, Key));
        Assert.Equal("api/atlas/v2/orgs/5f00000000000000000000aa/apiKeys/5f00000000000000000000bb/accessList", ApiPaths.AccessList(Org, Key));
        Assert.Equal("api/oauth/revoke", ApiPaths.OAuthRevoke);
    }

    [Theory]
    [InlineData("192.0.2.0/24", "192.0.2.0%2F24")]
    [InlineData("198.51.100.7", "198.51.100.7")]
    [InlineData("2001:db8::/32", "2001:db8::%2F32")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    public void An_access_list_entry_is_one_segment_with_its_slash_as_percent_2F(string entry, string segment) =>
        Assert.Equal($"api/atlas/v2/orgs/5f00000000000000000000aa/apiKeys/5f00000000000000000000bb/accessList/{segment}", ApiPaths.AccessListEntry(Org, Key, entry));

    [Fact]
    public void A_project_name_is_escaped_as_one_segment() =>
        Assert.Equal("api/atlas/v2/groups/byName/team%20a%2Fb%3Fc%23d", ApiPaths.ProjectByName("team a/b?c#d"));
}
