using System.Net.Http;

namespace AtlasApiKeys.Core.Http;

/// <summary>Per-request facts the handlers share, kept in the request's property bag.</summary>
internal static class RequestFlags
{
    private const string AttemptKey = "AtlasApiKeys.Attempt";
    private const string NotRepeatableKey = "AtlasApiKeys.NotRepeatable";
    private const string MayHaveReachedKey = "AtlasApiKeys.MayHaveReached";

    public static int GetAttempt(HttpRequestMessage request) =>
        request.Properties.TryGetValue(AttemptKey, out var value) && value is int attempt ? attempt : 1;

    public static void SetAttempt(HttpRequestMessage request, int attempt) => request.Properties[AttemptKey] = attempt;

    /// <summary>Marks a request (a create) that must never be sent again once it may have reached the server.</summary>
    public static void MarkNotRepeatable(HttpRequestMessage request) => request.Properties[NotRepeatableKey] = true;

    public static bool IsNotRepeatable(HttpRequestMessage request) =>
        request.Properties.TryGetValue(NotRepeatableKey, out var value) && value is true;

    /// <summary>Records that an attempt of this request may have reached the server and acted there
    /// (the connection broke after the request was written, or no answer came in time).</summary>
    public static void MarkMayHaveReached(HttpRequestMessage request) => request.Properties[MayHaveReachedKey] = true;

    public static bool MayHaveReached(HttpRequestMessage request) =>
        request.Properties.TryGetValue(MayHaveReachedKey, out var value) && value is true;
}
