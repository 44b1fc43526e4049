using System;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AtlasApiKeys.StubServer;

/// <summary>The test-control endpoints under <c>/_stub/</c>, for out-of-process tests (Pester); no
/// authentication, loopback only, never a secret in an answer:
/// <list type="bullet">
/// <item><c>GET /_stub/log</c>: the request log.</item>
/// <item><c>GET /_stub/orgs/{orgId}/settings</c> and <c>PATCH</c> with <c>{"apiAccessListRequired": true|false}</c>:
/// the organization's access-list requirement (Atlas's field name).</item>
/// <item><c>PUT /_stub/latency</c> with <c>{"milliseconds": 20}</c>: a delay before every request is handled
/// (a network round trip's stand-in, for the pwsh benchmark); 0 turns it off.</item>
/// <item><c>POST /_stub/faults</c> with <c>{"kind": "ServiceUnavailable", "count": 1}</c>: the next
/// <c>count</c> API requests get that <see cref="FaultKind"/> (for the retry lines a runbook sees);
/// optional <c>"method"</c> and <c>"pathContains"</c> pick which requests.</item>
/// </list></summary>
internal sealed class StubControl(StubState state, RequestLog log, StubFaults faults)
{
    public StubResponse Handle(string method, string path, string body)
    {
        var parts = path.TrimEnd('/').Split('/');   // "", "_stub", ...
        return (method, parts) switch
        {
            ("GET", [_, _, "log"]) => StubResponse.Ok(JsonSerializer.SerializeToNode(log.Entries)!),
            ("GET", [_, _, "orgs", var orgId, "settings"]) => Settings(orgId),
            ("PATCH", [_, _, "orgs", var orgId, "settings"]) => UpdateSettings(orgId, body),
            ("PUT", [_, _, "latency"]) => SetLatency(body),
            ("POST", [_, _, "faults"]) => AddFault(body),
            _ => StubRouter.NotFound(path),
        };
    }

    private StubResponse Settings(string orgId) => state.Org(orgId) is { } org
        ? StubResponse.Ok(new JsonObject { ["apiAccessListRequired"] = org.ApiAccessListRequired })
        : StubResponse.Error(404, "ORG_NOT_FOUND", $"No organization with ID {orgId} exists.", orgId);

    private StubResponse UpdateSettings(string orgId, string body)
    {
        var value = (StubJson.Parse(body) as JsonObject)?["apiAccessListRequired"];
        if (value?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            return StubResponse.Error(400, "INVALID_JSON", "Send {\"apiAccessListRequired\": true} or false.", "apiAccessListRequired");
        }

        return state.SetApiAccessListRequired(orgId, value.GetValue<bool>())
            ? Settings(orgId)
            : StubResponse.Error(404, "ORG_NOT_FOUND", $"No organization with ID {orgId} exists.", orgId);
    }

    private StubResponse AddFault(string body)
    {
        var request = StubJson.Parse(body) as JsonObject;
        var kind = request?["kind"]?.GetValueKind() == JsonValueKind.String ? request["kind"]!.GetValue<string>() : null;
        var count = request?["count"] is { } c && c.GetValueKind() == JsonValueKind.Number && c.AsValue().TryGetValue<int>(out var n) ? n : 1;
        if (!Enum.TryParse<FaultKind>(kind, ignoreCase: false, out var fault) || !Enum.IsDefined(fault) || count is < 1 or > 100)
        {
            return StubResponse.Error(400, "INVALID_JSON", "Send {\"kind\": \"ServiceUnavailable\", \"count\": 1} (a FaultKind; count 1 to 100).", "kind");
        }

        faults.Add(new Fault { Kind = fault, Count = count, Method = Text(request!["method"]), PathContains = Text(request["pathContains"]) });
        return StubResponse.Ok(new JsonObject { ["kind"] = fault.ToString(), ["count"] = count });
    }

    private static string? Text(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;

    private StubResponse SetLatency(string body)
    {
        var value = (StubJson.Parse(body) as JsonObject)?["milliseconds"];
        if (value?.GetValueKind() is not JsonValueKind.Number || !value.AsValue().TryGetValue<int>(out var milliseconds) || milliseconds is < 0 or > 10_000)
        {
            return StubResponse.Error(400, "INVALID_JSON", "Send {\"milliseconds\": 20} (0 to 10000).", "milliseconds");
        }

        faults.Latency = TimeSpan.FromMilliseconds(milliseconds);
        return StubResponse.Ok(new JsonObject { ["milliseconds"] = milliseconds });
    }
}
