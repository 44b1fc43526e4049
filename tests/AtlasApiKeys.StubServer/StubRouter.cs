using System;
using System.Linq;

namespace AtlasApiKeys.StubServer;

/// <summary>Sends an authenticated request under <c>/api/atlas/v2/</c> to its operation, after the checks
/// every path parameter gets: the id's format, and that the project or organization exists.</summary>
internal sealed class StubRouter(StubState state)
{
    private readonly StubApi projectKeys = new(state);
    private readonly StubOrgApi orgKeys = new(state);
    private readonly StubAccessListApi accessLists = new(state);
    private readonly StubGroupsApi groups = new(state);

    public StubResponse Handle(StubRequest request)
    {
        var s = request.Segments;
        return s switch
        {
            ["groups"] => request.Method == "GET" ? groups.List(request) : MethodNotAllowed(request),
            ["groups", "byName", var name] => request.Method == "GET" ? groups.ByName(request, name) : MethodNotAllowed(request),
            ["groups", var groupId] => Group(groupId, null, () => request.Method == "GET" ? groups.Get(request, groupId) : MethodNotAllowed(request)),
            ["groups", var groupId, "apiKeys"] => Group(groupId, null, () => projectKeys.Handle(request, groupId, null)),
            ["groups", var groupId, "apiKeys", var keyId] => Group(groupId, keyId, () => projectKeys.Handle(request, groupId, keyId)),
            ["orgs", var orgId, "apiKeys"] => Org(request, orgId, null, () => orgKeys.Handle(request, orgId, null)),
            ["orgs", var orgId, "apiKeys", var keyId] => Org(request, orgId, keyId, () => orgKeys.Handle(request, orgId, keyId)),
            ["orgs", var orgId, "apiKeys", var keyId, "accessList"] => Org(request, orgId, keyId, () => accessLists.Handle(request, orgId, keyId, null)),
            ["orgs", var orgId, "apiKeys", var keyId, "accessList", var entry] => Org(request, orgId, keyId, () => accessLists.Handle(request, orgId, keyId, entry)),
            _ => NotFound(request.Path),
        };
    }

    public static StubResponse NotFound(string path) => StubResponse.Error(404, "RESOURCE_NOT_FOUND", $"Cannot find resource {path}.", path);

    public static StubResponse MethodNotAllowed(StubRequest request) =>
        StubResponse.Error(405, "METHOD_NOT_ALLOWED", $"Method {request.Method} is not allowed on {request.Path}.");

    /// <summary>Segments of a path after <c>/api/atlas/v2/</c>, each %-decoded once; null for another prefix.</summary>
    public static string[]? Segments(string rawPath)
    {
        const string prefix = "/api/atlas/v2/";
        return rawPath.StartsWith(prefix, StringComparison.Ordinal)
            ? rawPath[prefix.Length..].Split('/').Select(Uri.UnescapeDataString).ToArray()
            : null;
    }

    private static StubResponse? Id(string value, string name) => StubIds.IsObjectId(value)
        ? null
        : StubResponse.Error(400, "PATH_PARAM_PARSE_ERROR", $"One or more path parameter could not be parsed. {value} is an invalid {name}.", name);

    private StubResponse Group(string groupId, string? keyId, Func<StubResponse> next)
    {
        if ((Id(groupId, "groupId") ?? (keyId is null ? null : Id(keyId, "apiUserId"))) is { } bad)
        {
            return bad;
        }

        return state.ProjectExists(groupId) ? next() : StubResponse.Error(404, "GROUP_NOT_FOUND", $"No group with ID {groupId} exists.", groupId);
    }

    /// <summary>An organization's paths: it must exist, and the caller must act in it (Atlas: 401 USER_CANNOT_ACCESS_ORG).</summary>
    private StubResponse Org(StubRequest request, string orgId, string? keyId, Func<StubResponse> next)
    {
        if ((Id(orgId, "orgId") ?? (keyId is null ? null : Id(keyId, "apiUserId"))) is { } bad)
        {
            return bad;
        }

        if (state.Org(orgId) is null)
        {
            return StubResponse.Error(404, "ORG_NOT_FOUND", $"No organization with ID {orgId} exists.", orgId);
        }

        return state.CallerOrgId(request.Caller) == orgId
            ? next()
            : StubResponse.Error(401, "USER_CANNOT_ACCESS_ORG", "User cannot access this organization.", orgId);
    }
}
