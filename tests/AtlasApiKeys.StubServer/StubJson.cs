using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AtlasApiKeys.StubServer;

/// <summary>What every operation shares: request bodies, paging parameters, paginated answers, links,
/// and the key object (ApiKeyUserDetails).</summary>
internal static class StubJson
{
    public static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonNode? Parse(string? body)
    {
        try
        {
            return body is null ? null : JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? String(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;

    public static StubResponse InvalidJson() => StubResponse.Error(400, "INVALID_JSON", "Received JSON does not match expected format.");

    /// <summary>itemsPerPage (1-500, default 100), pageNum (1 or more, default 1), includeCount (default true); an error answer when one is out of range.</summary>
    public static StubResponse? Paging(IQueryCollection query, out int pageNum, out int perPage, out bool includeCount)
    {
        includeCount = !string.Equals(query["includeCount"], "false", StringComparison.OrdinalIgnoreCase);
        pageNum = 1;
        if (!IntParam(query, "itemsPerPage", 100, out perPage) || perPage is < 1 or > 500)
        {
            return StubResponse.Error(400, "VALIDATION_ERROR", $"itemsPerPage must be between 1 and 500; got '{query["itemsPerPage"]}'.", "itemsPerPage");
        }

        if (!IntParam(query, "pageNum", 1, out pageNum) || pageNum < 1)
        {
            return StubResponse.Error(400, "VALIDATION_ERROR", $"pageNum must be 1 or more; got '{query["pageNum"]}'.", "pageNum");
        }

        return null;
    }

    /// <summary>A paginated answer: links (self, next, previous), results, totalCount unless includeCount=false.</summary>
    public static JsonObject Page(IEnumerable<JsonNode> results, int total, int pageNum, int perPage, bool includeCount, string selfUrl)
    {
        var links = new JsonArray { Link($"{selfUrl}?pageNum={pageNum}&itemsPerPage={perPage}", "self") };
        if ((long)pageNum * perPage < total)
        {
            links.Add(Link($"{selfUrl}?pageNum={pageNum + 1}&itemsPerPage={perPage}", "next"));
        }

        if (pageNum > 1)
        {
            links.Add(Link($"{selfUrl}?pageNum={pageNum - 1}&itemsPerPage={perPage}", "previous"));
        }

        var body = new JsonObject { ["links"] = links, ["results"] = new JsonArray(results.Select(r => (JsonNode?)r).ToArray()) };
        if (includeCount)
        {
            body["totalCount"] = total;
        }

        return body;
    }

    /// <summary>ApiKeyUserDetails: roles in every project (groupId) and in the organization (orgId).</summary>
    public static JsonObject Key(StubKey key, string baseUrl, bool masked)
    {
        var roles = new JsonArray();
        foreach (var (projectId, projectRoles) in key.ProjectRoles)
        {
            foreach (var role in projectRoles)
            {
                roles.Add(new JsonObject { ["groupId"] = projectId, ["roleName"] = role });
            }
        }

        foreach (var role in key.OrgRoles)
        {
            roles.Add(new JsonObject { ["orgId"] = key.OrgId, ["roleName"] = role });
        }

        return new JsonObject
        {
            ["desc"] = key.Description,
            ["id"] = key.Id,
            ["links"] = new JsonArray { Link($"{baseUrl}/api/atlas/v2/orgs/{key.OrgId}/apiKeys/{key.Id}", "self") },
            ["privateKey"] = masked ? key.MaskedPrivateKey : key.PrivateKey,
            ["publicKey"] = key.PublicKey,
            ["roles"] = roles,
        };
    }

    public static JsonObject Link(string href, string rel) => new() { ["href"] = href, ["rel"] = rel };

    private static bool IntParam(IQueryCollection query, string name, int fallback, out int value)
    {
        value = fallback;
        return !query.TryGetValue(name, out var text) || int.TryParse(text, out value);
    }
}
