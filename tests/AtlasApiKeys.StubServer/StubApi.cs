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
    private readonly ConcurrentDictionary<string, (long Version, string Json)> pages = new(StringComparer.Ordinal);

    /// <summary>One of the five operations on <c>groups/{groupId}/apiKeys[/{apiUserId}]</c>; the router has checked both ids and that the project exists.</summary>
    public StubResponse Handle(StubRequest request, string groupId, string? keyId) => (request.Method, keyId) switch
    {
        ("GET", null) => List(groupId, request.Query, request.BaseUrl, request.Path),
        ("POST", null) => Create(groupId, request.Body, request.BaseUrl),
        ("POST", { } id) => Assign(groupId, id, request.Body),
        ("PATCH", { } id) => Update(groupId, id, request.Body, request.BaseUrl),
        ("DELETE", { } id) => Unassign(groupId, id),
        _ => StubRouter.MethodNotAllowed(request),
    };

    private StubResponse List(string groupId, IQueryCollection query, string baseUrl, string path)
    {
        if (StubJson.Paging(query, out var pageNum, out var perPage, out var includeCount) is { } bad)
        {
            return bad;
        }

        var cacheKey = $"{baseUrl}|{groupId}|{pageNum}|{perPage}|{includeCount}";
        var version = state.Version;
        if (pages.TryGetValue(cacheKey, out var cached) && cached.Version == version)
        {
            return new StubResponse { Status = 200, RawBody = cached.Json, IsList = true };
        }

        var (page, total) = state.ListPage(groupId, pageNum, perPage)!.Value;
        var body = StubJson.Page(page.Select(k => (JsonNode)StubJson.Key(k, baseUrl, masked: true)), total, pageNum, perPage, includeCount, baseUrl + path);
        if (pages.Count > 1000)
        {
            pages.Clear();
        }

        pages[cacheKey] = (version, body.ToJsonString(StubJson.Compact));   // rendered once until the next change
        return StubResponse.Ok(body, isList: true);
    }

    private StubResponse Create(string groupId, string? body, string baseUrl)
    {
        if ((StubJson.Parse(body) as JsonObject) is not { } json)
        {
            return StubJson.InvalidJson();
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

        var (outcome, key) = state.Create(groupId, desc!, roles);
        var orgId = state.Project(groupId)!.OrgId;
        return outcome == StubOutcome.Done
            ? StubResponse.Ok(StubJson.Key(key!, baseUrl, masked: false))
            : StubResponse.Error(400, "MAX_API_KEYS_PER_ORG_EXCEEDED", $"Maximum number of API keys per org ({StubState.MaxApiKeysPerOrg}) in {orgId} exceeded while trying to add API keys.", StubState.MaxApiKeysPerOrg.ToString(System.Globalization.CultureInfo.InvariantCulture), orgId);
    }

    private StubResponse Assign(string groupId, string keyId, string? body)
    {
        if ((StubJson.Parse(body) as JsonArray) is not { Count: > 0 } array || array[0] is not JsonObject first)
        {
            return StubJson.InvalidJson();
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
        if ((StubJson.Parse(body) as JsonObject) is not { } json)
        {
            return StubJson.InvalidJson();
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
            ? StubResponse.Ok(StubJson.Key(key!, baseUrl, masked: true))
            : StubResponse.Error(404, "RESOURCE_NOT_FOUND", $"No API key with ID {keyId} exists in group {groupId}.", keyId, groupId);
    }

    private StubResponse Unassign(string groupId, string keyId) =>
        state.Unassign(groupId, keyId) == StubOutcome.Done
            ? StubResponse.NoContent()
            : StubResponse.Error(404, "RESOURCE_NOT_FOUND", $"No API key with ID {keyId} exists in group {groupId}.", keyId, groupId);

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
}
