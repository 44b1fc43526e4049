using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace AtlasApiKeys.StubServer;

/// <summary>An answer before it is written: status, JSON body, extra headers.</summary>
public sealed class StubResponse
{
    public int Status { get; init; }

    public JsonNode? Body { get; init; }

    /// <summary>The body already rendered (compact), when the stub has it cached.</summary>
    public string? RawBody { get; init; }

    public string? ErrorCode { get; init; }

    /// <summary>A list answer: with envelope=true its results object is the envelope.</summary>
    public bool IsList { get; init; }

    public Dictionary<string, string[]> Headers { get; } = [];

    public static StubResponse Ok(JsonNode body, bool isList = false) => new() { Status = 200, Body = body, IsList = isList };

    /// <summary>The JSON body, from <see cref="Body"/> or parsed from <see cref="RawBody"/>.</summary>
    public JsonNode? Json => Body ?? (RawBody is null ? null : JsonNode.Parse(RawBody));

    public static StubResponse NoContent() => new() { Status = 204 };

    /// <summary>Atlas's error body: detail, error, errorCode, parameters, reason.</summary>
    public static StubResponse Error(int status, string errorCode, string detail, params string[] parameters) => new()
    {
        Status = status,
        ErrorCode = errorCode,
        Body = new JsonObject
        {
            ["detail"] = detail,
            ["error"] = status,
            ["errorCode"] = errorCode,
            ["parameters"] = new JsonArray(parameters.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
            ["reason"] = ReasonPhrases.GetReasonPhrase(status),
        },
    };
}
