using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AtlasApiKeys.StubServer;

/// <summary>The five operations of "Organization API Keys assigned to Projects", as Atlas answers them.</summary>
internal sealed class StubApi(StubState state)
{
    private const string Prefix = "/api/atlas/v2/groups/";
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly ConcurrentDictionary<string, (long Version, string Json)> pages = new(StringComparer.Ordinal);

    public StubResponse Handle(string method, string path, IQueryCollection query, string? body, string baseUrl)
    {
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return StubResponse.Error(404, "RESOURCE_NOT_FOUND", $"Cannot find resource {path}.", path);
        }

        var parts = path[Prefix.Length..].Split('/');
        if (parts.Length is < 2 or > 3 || parts[1] != "apiKeys")
        {
            return StubResponse.Error(404, "RESOURCE_NOT_FOUND", $"Cannot find resource {path}.", path);
        }

        var groupId = parts[0];
        var keyId = parts.Length == 3 ? parts[2] : null;
        if (!StubIds.IsObjectId(groupId))
        {
            return StubResponse.Error(400, "PATH_PARAM_PARSE_ERROR", $"One or more path parameter could not be parsed. {groupId} is an invalid groupId.", "groupId");
        }

        if (keyId is not null && !StubIds.IsObjectId(keyId))
        {
            return StubResponse.Error(400, "PATH_PARAM_PARSE_ERROR", $"One or more path parameter could not be parsed. {keyId} is an invalid apiUserId.", "apiUserId");
        }

        if (!state.ProjectExists(groupId))
        {
            return StubResponse.Error(404, "GROUP_NOT_FOUND", $"No group with ID {groupId} exists.", groupId);
        }

        return (method, keyId) switch
        {
            ("GET", null) => List(groupId, query, baseUrl, path),
            ("POST", null) => Create(groupId, body, baseUrl),
            ("POST", { } id) => Assign(groupId, id, body),
            ("PATCH", { } id) => Update(groupId, id, body, baseUrl),
            ("DELETE", { } id) => Unassign(groupId, id),
            _ => StubResponse.Error(405, "METHOD_NOT_ALLOWED", $"Method {method} is not allowed on {path}."),
        };
    }

    private StubResponse List(string groupId, IQueryCollection query, string baseUrl, string path)
    {
        if (!IntParam(query, "itemsPerPage", 100, out var perPage) || perPage is < 1 or > 500)
        {
            return StubResponse.Error(400, "VALIDATION_ERROR", $"itemsPerPage must be between 1 and 500; got '{query["itemsPerPage"]}'.", "itemsPerPage");
        }

        if (!IntParam(query, "pageNum", 1, out var pageNum) || pageNum < 1)
        {
            return StubResponse.Error(400, "VALIDATION_ERROR", $"pageNum must be 1 or more; got '{query["pageNum"]}'.", "pageNum");
        }

        var includeCount = !string.Equals(query["includeCount"], "false", StringComparison.OrdinalIgnoreCase);
        var cacheKey = $"{baseUrl}|{groupId}|{pageNum}|{perPage}|{includeCount}";
        var version = state.Version;
        if (pages.TryGetValue(cacheKey, out var cached) && cached.Version == version)
        {
            return new StubResponse { Status = 200, RawBody = cached.Json, IsList = true };
        }

        var (page, total) = state.ListPage(groupId, pageNum, perPage)!.Value;
        var results = new JsonArray(page.Select(k => (JsonNode?)KeyJson(k, baseUrl, masked: true)).ToArray());
        var links = new JsonArray { Link($"{baseUrl}{path}?pageNum={pageNum}&itemsPerPage={perPage}", "self") };
        if ((long)pageNum * perPage < total)
        {
            links.Add(Link($"{baseUrl}{path}?pageNum={pageNum + 1}&itemsPerPage={perPage}", "next"));
        }

        if (pageNum > 1)
        {
            links.Add(Link($"{baseUrl}{path}?pageNum={pageNum - 1}&itemsPerPage={perPage}", "previous"));
        }

        var body = new JsonObject { ["links"] = links, ["results"] = results };
        if (includeCount)
        {
            body["totalCount"] = total;
        }

        if (pages.Count > 1000)
        {
            pages.Clear();
        }

        pages[cacheKey] = (version, body.ToJsonString(Compact));   // rendered once until the next change
        return StubResponse.Ok(body, isList: true);
    }

    private StubResponse Create(string groupId, string? body, string baseUrl)
    {
        if (ParseObject(body) is not { } json)
        {
            return InvalidJson();
        }

        var desc = json["desc"]?.GetValueKind() == JsonValueKind.String ? json["desc"]!.GetValue<string>() : null;
        if (CheckDescription(desc, required: true) is { } bad)
        {
            return bad;
        }

        if (CheckRoles(json["roles"], out var roles) is { } badRoles)
        {
            return badRoles;
        }

        var key = state.Create(groupId, desc!, roles);
        return StubResponse.Ok(KeyJson(key, baseUrl, masked: false));
    }

    private StubResponse Assign(string groupId, string keyId, string? body)
    {
        if (ParseArray(body) is not { Count: > 0 } array || array[0] is not JsonObject first)
        {
            return InvalidJson();
        }

        if (CheckRoles(first["roles"], out var roles) is { } badRoles)
        {
            return badRoles;
        }

        return state.Assign(groupId, keyId, roles) switch
        {
            StubOutcome.KeyNotFound => StubResponse.Error(404, "RESOURCE_NOT_FOUND", $"No API key with ID {keyId} exists.", keyId),
            StubOutcome.AlreadyInGroup => StubResponse.Error(409, "API_KEY_ALREADY_IN_GROUP", $"The API key {keyId} is already assigned to group {groupId}.", keyId, groupId),
            _ => StubResponse.NoContent(),
        };
    }

    private StubResponse Update(string groupId, string keyId, string? body, string baseUrl)
    {
        if (ParseObject(body) is not { } json)
        {
            return InvalidJson();
        }

        var desc = json["desc"]?.GetValueKind() == JsonValueKind.String ? json["desc"]!.GetValue<string>() : null;
        if (json["desc"] is not null && CheckDescription(desc, required: true) is { } bad)
        {
            return bad;
        }

        List<string>? roles = null;
        if (json["roles"] is not null && CheckRoles(json["roles"], out roles) is { } badRoles)
        {
            return badRoles;
        }

        var (outcome, key) = state.Update(groupId, keyId, desc, roles);
        return outcome == StubOutcome.Done
            ? StubResponse.Ok(KeyJson(key!, baseUrl, masked: true))
            : StubResponse.Error(404, "RESOURCE_NOT_FOUND", $"No API key with ID {keyId} exists in group {groupId}.", keyId, groupId);
    }

    private StubResponse Unassign(string groupId, string keyId) =>
        state.Unassign(groupId, keyId) == StubOutcome.Done
            ? StubResponse.NoContent()
            : StubResponse.Error(404, "RESOURCE_NOT_FOUND", $"No API key with ID {keyId} exists in group {groupId}.", keyId, groupId);

    private JsonObject KeyJson(StubKey key, string baseUrl, bool masked)
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
            roles.Add(new JsonObject { ["orgId"] = state.OrgId, ["roleName"] = role });
        }

        return new JsonObject
        {
            ["desc"] = key.Description,
            ["id"] = key.Id,
            ["links"] = new JsonArray { Link($"{baseUrl}/api/atlas/v2/orgs/{state.OrgId}/apiKeys/{key.Id}", "self") },
            ["privateKey"] = masked ? key.MaskedPrivateKey : key.PrivateKey,
            ["publicKey"] = key.PublicKey,
            ["roles"] = roles,
        };
    }

    private static StubResponse? CheckDescription(string? desc, bool required)
    {
        if (desc is null || desc.Length == 0)
        {
            return required ? StubResponse.Error(400, "MISSING_ATTRIBUTE", "The required attribute desc was not specified.", "desc") : null;
        }

        return desc.Length > 250 ? StubResponse.Error(400, "INVALID_ATTRIBUTE", "Invalid attribute desc specified: it must be 1 to 250 characters.", "desc") : null;
    }

    private static StubResponse? CheckRoles(JsonNode? node, out List<string> roles)
    {
        roles = [];
        if (node is not JsonArray array || array.Count == 0)
        {
            return StubResponse.Error(400, "MISSING_ATTRIBUTE", "The required attribute roles was not specified: give at least one role.", "roles");
        }

        foreach (var item in array)
        {
            var name = item?.GetValueKind() == JsonValueKind.String ? item.GetValue<string>() : null;
            if (name is null || !StubState.ProjectRoles.Contains(name))
            {
                return StubResponse.Error(400, "INVALID_ENUM_VALUE", $"An invalid enumeration value {name ?? item?.ToJsonString()} was specified.", name ?? string.Empty, "roles");
            }

            roles.Add(name);
        }

        return null;
    }

    private static StubResponse InvalidJson() => StubResponse.Error(400, "INVALID_JSON", "Received JSON does not match expected format.");

    private static JsonObject? ParseObject(string? body) => Parse(body) as JsonObject;

    private static JsonArray? ParseArray(string? body) => Parse(body) as JsonArray;

    private static JsonNode? Parse(string? body)
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

    private static bool IntParam(IQueryCollection query, string name, int fallback, out int value)
    {
        value = fallback;
        return !query.TryGetValue(name, out var text) || int.TryParse(text, out value);
    }

    private static JsonObject Link(string href, string rel) => new() { ["href"] = href, ["rel"] = rel };
}
