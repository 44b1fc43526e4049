using System;
using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasApiKeys.Core.Http;

/// <summary>Reports one trace line per exchange: method, path and query, status, time, attempt.
/// Nothing from headers or bodies is reported, so no secret can reach the trace.</summary>
internal sealed class DiagnosticsHandler(Action<AtlasTraceRecord>? sessionListener) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            Emit(request, (int)response.StatusCode, started, null);
            return response;
        }
        catch (Exception ex)
        {
            Emit(request, null, started, $"failed: {ex.GetType().Name}");
            throw;
        }
    }

    private void Emit(HttpRequestMessage request, int? status, long started, string? note)
    {
        if (!AtlasTrace.IsListening(sessionListener))
        {
            return;
        }

        var elapsed = (Stopwatch.GetTimestamp() - started) * 1000 / Stopwatch.Frequency;
        var record = new AtlasTraceRecord(request.Method.Method, Redact(request.RequestUri), status, elapsed, RequestFlags.GetAttempt(request), note);
        AtlasTrace.Emit(sessionListener, record);
    }

    /// <summary>Path and query only: never user info, never the host's credentials.</summary>
    internal static string Redact(Uri? uri) => uri is null ? string.Empty : uri.PathAndQuery;
}
