using System.Linq;
using System.Text.Json.Nodes;

namespace AtlasApiKeys.StubServer;

/// <summary>getGroup, listGroups and getGroupByName: projects (Atlas's groups) with their orgId.</summary>
internal sealed class StubGroupsApi(StubState state)
{
    /// <summary>getGroup; the router has checked the id and that the project exists.</summary>
    public StubResponse Get(StubRequest request, string groupId) => StubResponse.Ok(GroupJson(state.Project(groupId)!, request.BaseUrl));

    /// <summary>listGroups: the projects the caller can see, paged.</summary>
    public StubResponse List(StubRequest request)
    {
        if (StubJson.Paging(request.Query, out var pageNum, out var perPage, out var includeCount) is { } bad)
        {
            return bad;
        }

        var (page, total) = state.ProjectsPage(request.Caller, pageNum, perPage);
        var results = page.Select(p => (JsonNode)GroupJson(p, request.BaseUrl));
        return StubResponse.Ok(StubJson.Page(results, total, pageNum, perPage, includeCount, request.BaseUrl + request.Path), isList: true);
    }

    /// <summary>getGroupByName among the projects the caller can see: 404 GROUP_NAME_NOT_FOUND for none,
    /// 409 MULTIPLE_GROUPS when more than one of them has the name.</summary>
    public StubResponse ByName(StubRequest request, string name)
    {
        if (name.Length is < 1 or > 64)
        {
            return StubResponse.Error(400, "INVALID_ATTRIBUTE", "Invalid attribute groupName specified: it must be 1 to 64 characters.", "groupName");
        }

        return state.ProjectsNamed(request.Caller, name) switch
        {
            [var one] => StubResponse.Ok(GroupJson(one, request.BaseUrl)),
            [] => StubResponse.Error(404, "GROUP_NAME_NOT_FOUND", $"No group with name \"{name}\" exists.", name),
            _ => StubResponse.Error(409, "MULTIPLE_GROUPS", "Multiple groups exist with the specified name.", name),
        };
    }

    /// <summary>Group: clusterCount, created, id, links, name, orgId (required) and tags.</summary>
    private static JsonObject GroupJson(StubProject project, string baseUrl) => new()
    {
        ["clusterCount"] = 0,
        ["created"] = StubAccessListApi.Timestamp(project.Created),
        ["id"] = project.Id,
        ["links"] = new JsonArray { StubJson.Link($"{baseUrl}/api/atlas/v2/groups/{project.Id}", "self") },
        ["name"] = project.Name,
        ["orgId"] = project.OrgId,
        ["tags"] = new JsonArray(),
    };
}
