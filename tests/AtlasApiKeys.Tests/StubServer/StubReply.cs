using System.Net;
using System.Text.Json.Nodes;

namespace AtlasApiKeys.Tests.StubServer;

/// <summary>An answer: status, parsed JSON body (null when empty), and the text.</summary>
internal sealed record StubReply(HttpStatusCode Status, JsonNode? Body, string Text)
{
    public string? ErrorCode => Body?["errorCode"]?.GetValue<string>();

    public int StatusCode => (int)Status;
}
