using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasApiKeys.Core.Http;

/// <summary>Per-request facts the handlers share, kept in the request's property bag (Properties is what
/// netstandard2.0 has; on .NET 8 it is the same bag as Options).</summary>
#pragma warning disable CS0618
internal static class RequestFlags
{
    private const string AttemptKey = "AtlasApiKeys.Attempt";
    private const string OperationKey = "AtlasApiKeys.Operation";
    private const string MayHaveReachedKey = "AtlasApiKeys.MayHaveReached";
    private const string WireGuardedKey = "AtlasApiKeys.WireGuarded";
    private const string AnswerReaderKey = "AtlasApiKeys.AnswerReader";
    private const string AnswerKey = "AtlasApiKeys.Answer";

    public static int GetAttempt(HttpRequestMessage request) =>
        request.Properties.TryGetValue(AttemptKey, out var value) && value is int attempt ? attempt : 1;

    public static void SetAttempt(HttpRequestMessage request, int attempt) => request.Properties[AttemptKey] = attempt;

    /// <summary>Declares what kind of operation the request is.</summary>
    public static void SetOperation(HttpRequestMessage request, AtlasOperation operation) => request.Properties[OperationKey] = operation;

    /// <summary>The declared operation; a request that declared none is treated as a create.</summary>
    public static AtlasOperation GetOperation(HttpRequestMessage request) =>
        request.Properties.TryGetValue(OperationKey, out var value) && value is AtlasOperation operation ? operation : AtlasOperation.Undeclared;

    /// <summary>Records that an attempt of this request may have reached the server and acted there
    /// (the connection broke after the request was written, or no answer came in time).</summary>
    public static void MarkMayHaveReached(HttpRequestMessage request) => request.Properties[MayHaveReachedKey] = true;

    public static bool MayHaveReached(HttpRequestMessage request) =>
        request.Properties.TryGetValue(MayHaveReachedKey, out var value) && value is true;

    /// <summary>Records that the request went through the <see cref="WireGuardHandler"/>, so the
    /// platform could not send it twice unseen.</summary>
    public static void MarkWireGuarded(HttpRequestMessage request) => request.Properties[WireGuardedKey] = true;

    public static bool IsWireGuarded(HttpRequestMessage request) =>
        request.Properties.TryGetValue(WireGuardedKey, out var value) && value is true;

    /// <summary>For an operation that <see cref="AtlasOperation.RetriesBrokenAnswer"/>: reads and
    /// parses a successful answer inside each attempt, so a broken body is retried like a broken
    /// connection, within the same budget.</summary>
    public static void SetAnswerReader(HttpRequestMessage request, Func<HttpResponseMessage, CancellationToken, Task<object?>> reader) =>
        request.Properties[AnswerReaderKey] = reader;

    public static Func<HttpResponseMessage, CancellationToken, Task<object?>>? GetAnswerReader(HttpRequestMessage request) =>
        request.Properties.TryGetValue(AnswerReaderKey, out var value) ? value as Func<HttpResponseMessage, CancellationToken, Task<object?>> : null;

    /// <summary>What the answer reader made of the last attempt's answer.</summary>
    public static void SetAnswer(HttpRequestMessage request, object? answer) => request.Properties[AnswerKey] = answer;

    public static bool TryGetAnswer(HttpRequestMessage request, out object? answer) => request.Properties.TryGetValue(AnswerKey, out answer);
}
#pragma warning restore CS0618
