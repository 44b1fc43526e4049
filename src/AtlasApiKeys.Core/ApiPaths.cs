using System;

namespace AtlasApiKeys.Core;

/// <summary>Every path the module sends, relative to the session's base URI, built in one place. Ids
/// are lower-cased; every segment is URL-escaped, so a CIDR block's '/' goes as <c>%2F</c> and a
/// project name's space as <c>%20</c>. A ':' stays as it is (it is allowed in a path segment, and
/// the spec's pattern for an IPv6 entry expects it literally).</summary>
internal static class ApiPaths
{
    private const string Root = "api/atlas/v2/";

    /// <summary>The token endpoint of service accounts (outside the API).</summary>
    public const string OAuthToken = "api/oauth/token";

    /// <summary>The token revocation endpoint of service accounts (outside the API).</summary>
    public const string OAuthRevoke = "api/oauth/revoke";

    /// <summary>listGroups.</summary>
    public const string Projects = Root + "groups";

    /// <summary>getGroup.</summary>
    public static string Project(string projectId) => Projects + "/" + Id(projectId);

    /// <summary>getGroupByName.</summary>
    public static string ProjectByName(string name) => Projects + "/byName/" + Segment(name);

    /// <summary>listGroupApiKeys, createGroupApiKey.</summary>
    public static string ProjectKeys(string projectId) => Project(projectId) + "/apiKeys";

    /// <summary>addGroupApiKey, updateGroupApiKeyRoles, removeGroupApiKey.</summary>
    public static string ProjectKey(string projectId, string apiKeyId) => ProjectKeys(projectId) + "/" + Id(apiKeyId);

    /// <summary>listOrgApiKeys.</summary>
    public static string OrgKeys(string orgId) => Root + "orgs/" + Id(orgId) + "/apiKeys";

    /// <summary>getOrgApiKey, deleteOrgApiKey.</summary>
    public static string OrgKey(string orgId, string apiKeyId) => OrgKeys(orgId) + "/" + Id(apiKeyId);

    /// <summary>listOrgApiKeyAccessListEntries, createOrgApiKeyAccessListEntry.</summary>
    public static string AccessList(string orgId, string apiKeyId) => OrgKey(orgId, apiKeyId) + "/accessList";

    /// <summary>getOrgApiKeyAccessListEntry, deleteOrgApiKeyAccessListEntry: one address or CIDR block.</summary>
    public static string AccessListEntry(string orgId, string apiKeyId, string addressOrBlock) => AccessList(orgId, apiKeyId) + "/" + Segment(addressOrBlock);

    /// <summary>One path segment, escaped (RFC 3986: everything but unreserved characters and ':').</summary>
    public static string Segment(string value) =>
        Uri.EscapeDataString(value ?? throw new ArgumentNullException(nameof(value))).Replace("%3A", ":");

    private static string Id(string id) => Segment(id.ToLowerInvariant());
}
