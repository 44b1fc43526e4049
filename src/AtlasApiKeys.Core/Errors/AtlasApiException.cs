using System;
using System.Collections.Generic;

namespace AtlasApiKeys.Core.Errors;

/// <summary>The one exception type of the module: every failure of a call surfaces as this.</summary>
public sealed class AtlasApiException : Exception
{
    internal AtlasApiException(
        string message,
        AtlasFailureKind kind,
        string method,
        string path,
        int statusCode = 0,
        string? errorCode = null,
        string? reason = null,
        string? detail = null,
        IReadOnlyList<string>? parameters = null,
        IReadOnlyList<AtlasFieldViolation>? fieldViolations = null,
        bool mayHaveSucceeded = false,
        string? recommendedAction = null,
        Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Method = method;
        Path = path;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        Reason = reason;
        Detail = detail;
        Parameters = parameters ?? [];
        FieldViolations = fieldViolations ?? [];
        MayHaveSucceeded = mayHaveSucceeded;
        RecommendedAction = recommendedAction;
    }

    /// <summary>What kind of failure this is.</summary>
    public AtlasFailureKind Kind { get; }

    /// <summary>The HTTP status (0 when there was no answer).</summary>
    public int StatusCode { get; }

    /// <summary>Atlas's errorCode, or a code of ours for failures without an answer
    /// (<c>CONNECTION_FAILED</c>, <c>TIMEOUT</c>, <c>MALFORMED_RESPONSE</c>, <c>HTTP_ERROR</c>).</summary>
    public string? ErrorCode { get; }

    /// <summary>Atlas's reason phrase.</summary>
    public string? Reason { get; }

    /// <summary>Atlas's detail text.</summary>
    public string? Detail { get; }

    /// <summary>The HTTP method of the failed call.</summary>
    public string Method { get; }

    /// <summary>The path of the failed call (no query, no secrets).</summary>
    public string Path { get; }

    /// <summary>Atlas's <c>parameters</c>, as text.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>Atlas's <c>badRequestDetail.fields</c>.</summary>
    public IReadOnlyList<AtlasFieldViolation> FieldViolations { get; }

    /// <summary>True when the request may have taken effect on the server although no answer came
    /// (a create, assign, update or unassign whose answer was lost).</summary>
    public bool MayHaveSucceeded { get; }

    /// <summary>What to do next, for the operation that failed: when <see cref="MayHaveSucceeded"/>,
    /// how to find out whether it took (a create: look for its description; a change: read the key).</summary>
    public string? RecommendedAction { get; }
}
