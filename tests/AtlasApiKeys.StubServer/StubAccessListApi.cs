using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace AtlasApiKeys.StubServer;

/// <summary>The four access-list operations of one organization key: list, create (one or more entries
/// in one POST), get one and delete one. An entry in the path is an address or a CIDR block whose '/'
/// came as %2F.</summary>
internal sealed class StubAccessListApi(StubState state)
{
    /// <summary><c>orgs/{orgId}/apiKeys/{apiUserId}/accessList[/{ipAddress}]</c>; the router has checked the ids and the organization.</summary>
    public StubResponse Handle(StubRequest request, string orgId, string keyId, string? entry)
    {
        if (entry is not null && (!StubAddress.MatchesSpecPathEntry(entry) || !StubAddress.TryParseEntry(entry, out _)))
        {
            return InvalidAddress(entry);
        }

        return (request.Method, entry) switch
        {
            ("GET", null) => List(request, orgId, keyId),
            ("POST", null) => Create(request, orgId, keyId),
            ("GET", { } one) => Get(request, orgId, keyId, one),
            ("DELETE", { } one) => Delete(request, orgId, keyId, one),
            _ => StubRouter.MethodNotAllowed(request),
        };
    }

    private StubResponse List(StubRequest request, string orgId, string keyId)
    {
        if (StubJson.Paging(request.Query, out var pageNum, out var perPage, out var includeCount) is { } bad)
        {
            return bad;
        }

        if (state.AccessList(orgId, keyId) is not { } entries)
        {
            return StubOrgApi.KeyNotFound(keyId);
        }

        var skip = (long)(pageNum - 1) * perPage;
        var page = skip >= entries.Count ? [] : entries.Skip((int)skip).Take(perPage);
        var self = $"{request.BaseUrl}/api/atlas/v2/orgs/{orgId}/apiKeys/{keyId}/accessList";
        return StubResponse.Ok(StubJson.Page(page.Select(e => (JsonNode)EntryJson(e, self)), entries.Count, pageNum, perPage, includeCount, self), isList: true);
    }

    /// <summary>A JSON array of UserAccessListRequest, each with ipAddress or cidrBlock (not both); the
    /// answer is the key's whole list, paged as a listing.</summary>
    private StubResponse Create(StubRequest request, string orgId, string keyId)
    {
        if (StubJson.Parse(request.Body) is not JsonArray { Count: > 0 } array)
        {
            return StubJson.InvalidJson();
        }

        var entries = new List<StubAccessEntry>();
        foreach (var item in array)
        {
            if (item is not JsonObject json)
            {
                return StubJson.InvalidJson();
            }

            var ip = StubJson.String(json["ipAddress"]);
            var cidr = StubJson.String(json["cidrBlock"]);
            if (ip is not null && cidr is not null)
            {
                return StubResponse.Error(400, "BAD_ACCESS_LIST_ADD_REQUEST", "Should not specify both the IP address and the CIDR block.");
            }

            if (ip is not null && StubAddress.MatchesSpecAddress(ip) && StubAddress.TryParseAddress(ip, out var address))
            {
                entries.Add(new StubAccessEntry { CidrBlock = StubAddress.Text(StubAddress.Single(address)), IpAddress = StubAddress.Text(address) });
            }
            else if (ip is null && cidr is not null && StubAddress.MatchesSpecBlock(cidr) && StubAddress.TryParseBlock(cidr, out var block, encodedSlash: true))
            {
                entries.Add(new StubAccessEntry { CidrBlock = StubAddress.Text(block) });
            }
            else
            {
                return InvalidAddress(ip ?? cidr);
            }
        }

        var (outcome, duplicate) = state.AddAccessEntries(orgId, keyId, entries);
        return outcome switch
        {
            StubOutcome.Done => List(request, orgId, keyId),
            StubOutcome.DuplicateEntry => StubResponse.Error(409, "ADDRESS_ALREADY_IN_ACCESS_LIST", $"The address {duplicate} is already on the access list.", duplicate!),
            _ => StubOrgApi.KeyNotFound(keyId),
        };
    }

    private StubResponse Get(StubRequest request, string orgId, string keyId, string entry)
    {
        StubAddress.TryParseEntry(entry, out var block);
        var (outcome, found) = state.AccessEntry(orgId, keyId, StubAddress.Text(block));
        return outcome switch
        {
            StubOutcome.Done => StubResponse.Ok(EntryJson(found!, $"{request.BaseUrl}/api/atlas/v2/orgs/{orgId}/apiKeys/{keyId}/accessList")),
            StubOutcome.EntryNotFound => EntryNotFound(entry, keyId),
            _ => StubOrgApi.KeyNotFound(keyId),
        };
    }

    private StubResponse Delete(StubRequest request, string orgId, string keyId, string entry)
    {
        StubAddress.TryParseEntry(entry, out var block);
        return state.RemoveAccessEntry(orgId, keyId, StubAddress.Text(block), request.Caller.Address) switch
        {
            StubOutcome.Done => StubResponse.NoContent(),
            StubOutcome.EntryNotFound => EntryNotFound(entry, keyId),
            StubOutcome.CallerAddress => StubResponse.Error(400, "CANNOT_REMOVE_CALLER_FROM_ACCESS_LIST", $"Cannot remove caller's IP address {request.Caller.Address} from access list.", request.Caller.Address.ToString()),
            _ => StubOrgApi.KeyNotFound(keyId),
        };
    }

    /// <summary>UserAccessListResponse: cidrBlock always, ipAddress for an address entry; count,
    /// lastUsed and lastUsedAddress only once a request came through it.</summary>
    private static JsonObject EntryJson(StubAccessEntry entry, string listUrl)
    {
        var json = new JsonObject { ["cidrBlock"] = entry.CidrBlock };
        if (entry.LastUsed is not null)
        {
            json["count"] = entry.Count;
        }

        json["created"] = Timestamp(entry.Created);
        if (entry.IpAddress is not null)
        {
            json["ipAddress"] = entry.IpAddress;
        }

        if (entry.LastUsed is { } used)
        {
            json["lastUsed"] = Timestamp(used);
            json["lastUsedAddress"] = entry.LastUsedAddress;
        }

        var segment = (entry.IpAddress ?? entry.CidrBlock).Replace("/", "%2F", StringComparison.Ordinal);
        json["links"] = new JsonArray { StubJson.Link($"{listUrl}/{segment}", "self") };
        return json;
    }

    public static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static StubResponse InvalidAddress(string? text) =>
        StubResponse.Error(400, "INVALID_IP_ADDRESS_OR_CIDR_NOTATION", $"The address {text ?? "null"} must be in valid IP address or CIDR notation.", text ?? "null");

    private static StubResponse EntryNotFound(string entry, string keyId) =>
        StubResponse.Error(404, "API_KEY_ACCESS_LIST_ENTRY_NOT_FOUND", $"IP address {entry} not on access list for API key {keyId}.", entry, keyId);
}
