using System.Linq;
using System.Text.Json.Nodes;

namespace AtlasApiKeys.StubServer;

/// <summary>listOrgApiKeys, getOrgApiKey and deleteOrgApiKey: the organization's keys, each with its
/// roles in the organization and in every project.</summary>
internal sealed class StubOrgApi(StubState state)
{
    /// <summary><c>orgs/{orgId}/apiKeys[/{apiUserId}]</c>; the router has checked the ids and the organization.</summary>
    public StubResponse Handle(StubRequest request, string orgId, string? keyId) => (request.Method, keyId) switch
    {
        ("GET", null) => List(request, orgId),
        ("GET", { } id) => state.OrgKey(orgId, id) is { } key ? StubResponse.Ok(StubJson.Key(key, request.BaseUrl, masked: true)) : KeyNotFound(id),
        ("DELETE", { } id) => state.DeleteOrgKey(orgId, id) == StubOutcome.Done ? StubResponse.NoContent() : KeyNotFound(id),
        _ => StubRouter.MethodNotAllowed(request),
    };

    public static StubResponse KeyNotFound(string keyId) => StubResponse.Error(404, "RESOURCE_NOT_FOUND", $"No API key with ID {keyId} exists.", keyId);

    private StubResponse List(StubRequest request, string orgId)
    {
        if (StubJson.Paging(request.Query, out var pageNum, out var perPage, out var includeCount) is { } bad)
        {
            return bad;
        }

        var (page, total) = state.OrgKeysPage(orgId, pageNum, perPage)!.Value;
        var results = page.Select(k => (JsonNode)StubJson.Key(k, request.BaseUrl, masked: true));
        return StubResponse.Ok(StubJson.Page(results, total, pageNum, perPage, includeCount, request.BaseUrl + request.Path), isList: true);
    }
}
