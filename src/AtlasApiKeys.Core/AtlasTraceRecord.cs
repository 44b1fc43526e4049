using System.Globalization;

namespace AtlasApiKeys.Core;

/// <summary>One HTTP exchange, as the trace hook reports it. Holds no secret: no header, no body.</summary>
public sealed class AtlasTraceRecord
{
    internal AtlasTraceRecord(string method, string pathAndQuery, int? status, long elapsedMs, int attempt, string? note, string? retryNotice = null)
    {
        RetryNotice = retryNotice;
        Method = method;
        PathAndQuery = pathAndQuery;
        Status = status;
        ElapsedMs = elapsedMs;
        Attempt = attempt;
        Note = note;
    }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The path and query (credentials are never in either).</summary>
    public string PathAndQuery { get; }

    /// <summary>The status, or null when no answer came.</summary>
    public int? Status { get; }

    /// <summary>Milliseconds the exchange took.</summary>
    public long ElapsedMs { get; }

    /// <summary>The attempt number (1 for the first send, 2 for the first retry...).</summary>
    public int Attempt { get; }

    /// <summary>What else there is to say: the failure, or why a retry follows.</summary>
    public string? Note { get; }

    /// <summary>For a retry, what a person is told (<c>Atlas answered 503; trying again in 2 s (attempt 2 of 5)</c>);
    /// null for an exchange.</summary>
    public string? RetryNotice { get; }

    /// <inheritdoc />
    public override string ToString()
    {
        var status = Status?.ToString(CultureInfo.InvariantCulture) ?? "no response";
        var note = Note is null ? string.Empty : " " + Note;
        return string.Format(CultureInfo.InvariantCulture, "HTTP {0} {1} -> {2} ({3} ms, attempt {4}){5}", Method, PathAndQuery, status, ElapsedMs, Attempt, note);
    }
}
