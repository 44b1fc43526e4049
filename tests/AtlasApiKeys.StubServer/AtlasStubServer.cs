using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace AtlasApiKeys.StubServer;

/// <summary>An Atlas look-alike on Kestrel: real HTTP on loopback, digest and bearer auth, the token
/// and revoke endpoints, the project-key, organization-key, access-list and project operations, the
/// organization's access-list requirement, fault injection, a request log and test controls.</summary>
public sealed partial class AtlasStubServer : IAsyncDisposable
{
    private const string FaultItem = "stub.fault";
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Pretty = new(Compact) { WriteIndented = true };
    private readonly WebApplication app;
    private readonly StubRouter router;
    private readonly StubOAuth oauth;
    private readonly StubControl control;

    private AtlasStubServer(WebApplication app, StubState state)
    {
        this.app = app;
        State = state;
        Auth = new StubAuth(state);
        router = new StubRouter(state);
        oauth = new StubOAuth(Auth);
        control = new StubControl(state, Log, Faults);
        app.Run(HandleAsync);
    }

    public StubState State { get; }

    public StubAuth Auth { get; }

    public StubFaults Faults { get; } = new();

    public RequestLog Log { get; } = new();

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Starts on <paramref name="url"/> (default: loopback, a free port).</summary>
    public static async Task<AtlasStubServer> StartAsync(string url = "http://127.0.0.1:0", StubState? state = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);
        var server = new AtlasStubServer(builder.Build(), state ?? new StubState());
        await server.app.StartAsync().ConfigureAwait(false);
        server.BaseUri = new Uri(server.app.Urls.First());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var method = request.Method;
        var path = request.Path.Value ?? "/";
        var query = request.QueryString.Value?.TrimStart('?') ?? string.Empty;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? path;
        var accept = request.Headers.Accept.ToString();
        var auth = "none";
        string? nc = null;
        string? nonce = null;
        string? principal = null;
        string? form = null;
        string? sentBody = null;
        var logged = false;
        StubResponse? response = null;
        var status = 0;
        try
        {
            if (Faults.Latency > TimeSpan.Zero)
            {
                await Task.Delay(Faults.Latency, context.RequestAborted).ConfigureAwait(false);
            }

            var body = await new StreamReader(request.Body).ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            if (path is "/api/oauth/token" or "/api/oauth/revoke" && method == "POST")
            {
                auth = "basic";
                form = StubOAuth.FormForLog(body);
                principal = BasicClientId(request);
                var fault = Faults.Take(method, path);
                context.Items[FaultItem] = fault is null ? null : StubFaults.Label(fault);
                response = fault is not null ? await BeforeActionAsync(context, fault).ConfigureAwait(false)
                    : path == "/api/oauth/token" ? oauth.Token(request, body) : oauth.Revoke(request, body);
            }
            else if (path.StartsWith("/api/atlas/", StringComparison.Ordinal))
            {
                sentBody = method is "POST" or "PATCH" && body.Length is > 0 and <= 4096 ? body : null;
                var result = Auth.Check(request.Headers.Authorization.FirstOrDefault(), method, rawTarget);
                auth = result.Scheme;
                nc = result.Nc;
                nonce = result.Nonce;
                principal = result.Principal;
                if (result.Ok)
                {
                    var caller = new StubCaller(auth == "digest" ? principal : null, auth == "bearer" ? principal : null, StubAddress.Caller(context.Connection.RemoteIpAddress));
                    response = MediaTypeRefusal(request, body) ?? Forbidden(State.CheckAccess(caller), caller) ?? await ApiAsync(context, caller, rawTarget, body).ConfigureAwait(false);
                }
                else
                {
                    response = Unauthorized(result.Stale);
                }
            }
            else if (path.StartsWith("/_stub/", StringComparison.Ordinal))
            {
                // For out-of-process tests (Pester): what went over the wire (no secret in it), and switches.
                response = control.Handle(method, path, body);
            }
            else
            {
                response = StubRouter.NotFound(path);
            }

            if (response is null)
            {
                // Logged before the connection drops, so a test that sees the drop sees the entry too.
                Log.Add(method, path, query, 0, auth, nc, nonce, accept, request.Headers.UserAgent.ToString(), context.Items[FaultItem] as string, null, principal, form, sentBody, context.Connection.Id);
                logged = true;
                context.Abort();
                return;
            }

            status = await WriteAsync(context, response).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            status = 0;
        }
        finally
        {
            if (!logged)
            {
                Log.Add(method, path, query, status, auth, nc, nonce, accept, request.Headers.UserAgent.ToString(), context.Items[FaultItem] as string, response?.ErrorCode, principal, form, sentBody, context.Connection.Id);
            }
        }
    }

    /// <summary>The one media type the spec lists for every operation used here, in Accept and, for a body, in
    /// Content-Type. Stricter than Atlas may be (its answer to another version is not in the spec): a client that
    /// sends another is caught here, not by Atlas.</summary>
    private static StubResponse? MediaTypeRefusal(HttpRequest request, string body)
    {
        const string Versioned = "application/vnd.atlas.2023-01-01+json";
        if (!request.Headers.Accept.ToString().Split(',').Any(a => a.Split(';')[0].Trim().Equals(Versioned, StringComparison.OrdinalIgnoreCase)))
        {
            return StubResponse.Error(406, "NOT_ACCEPTABLE", $"Send Accept: {Versioned}.");
        }

        return body.Length > 0 && !string.Equals(request.ContentType?.Split(';')[0].Trim(), Versioned, StringComparison.OrdinalIgnoreCase)
            ? StubResponse.Error(415, "UNSUPPORTED_MEDIA_TYPE", $"Send Content-Type: {Versioned}.")
            : null;
    }

    /// <summary>An authenticated API request: rate limit, faults, then the operation.</summary>
    private async Task<StubResponse?> ApiAsync(HttpContext context, StubCaller caller, string rawTarget, string body)
    {
        var method = context.Request.Method;
        var path = context.Request.Path.Value ?? "/";
        var bucket = Faults.TakeToken();
        StubResponse? response;
        if (!bucket.Allowed)
        {
            response = StubResponse.Error(429, "RATE_LIMITED_TOKEN_BUCKET", "You have exceeded the rate limit: the token bucket is empty.");
            response.Headers["Retry-After"] = [bucket.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }
        else
        {
            var fault = Faults.Take(method, path);
            context.Items[FaultItem] = fault is null ? null : StubFaults.Label(fault);
            if (fault is not null && fault.Kind is not (FaultKind.DropAfterAction or FaultKind.MalformedBody or FaultKind.Latency))
            {
                return await BeforeActionAsync(context, fault).ConfigureAwait(false);
            }

            if (fault?.Kind == FaultKind.Latency)
            {
                await Task.Delay(fault.Delay, context.RequestAborted).ConfigureAwait(false);
            }

            var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
            var rawPath = rawTarget.Split('?')[0];
            response = StubRouter.Segments(rawPath) is { } segments
                ? router.Handle(new StubRequest(method, path, segments, context.Request.Query, body, baseUrl, caller))
                : StubRouter.NotFound(path);
            if (fault?.Kind == FaultKind.DropAfterAction)
            {
                return null;
            }

            if (fault?.Kind == FaultKind.MalformedBody)
            {
                var text = response.Json?.ToJsonString() ?? "{}";
                response = new StubResponse { Status = 200, Body = JsonValue.Create("TRUNCATED:" + text[..(text.Length / 2)]) };
            }
        }

        if (Faults.BucketCapacity > 0)
        {
            response.Headers["RateLimit-Limit"] = [Faults.BucketCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture)];
            response.Headers["RateLimit-Remaining"] = [Math.Max(bucket.Remaining, 0).ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }

        return response;
    }

    /// <summary>The client id of a Basic header (public: the secret is never kept).</summary>
    private string? BasicClientId(HttpRequest request) => Auth.CheckBasic(request.Headers.Authorization.FirstOrDefault())?.ClientId;

    private static async Task<int> WriteAsync(HttpContext context, StubResponse response)
    {
        var http = context.Response;
        foreach (var (name, values) in response.Headers)
        {
            if (!name.StartsWith("X-Stub-", StringComparison.Ordinal))
            {
                http.Headers[name] = values;
            }
        }

        if (response.Headers.TryGetValue("X-Stub-Html", out var html))
        {
            http.StatusCode = response.Status;
            http.ContentType = "text/html";
            await http.WriteAsync(html[0]).ConfigureAwait(false);
            return response.Status;
        }

        var query = context.Request.Query;
        var envelope = string.Equals(query["envelope"], "true", StringComparison.OrdinalIgnoreCase);
        var pretty = string.Equals(query["pretty"], "true", StringComparison.OrdinalIgnoreCase);
        if (response.RawBody is { } rendered && !envelope && !pretty)
        {
            http.StatusCode = response.Status;
            http.ContentType = "application/vnd.atlas.2023-01-01+json";
            await http.WriteAsync(rendered).ConfigureAwait(false);
            return response.Status;
        }

        var body = response.Json;
        var status = response.Status;
        if (envelope && status != 401)
        {
            body = response.IsList && body is JsonObject list
                ? WithStatus(list, status)
                : new JsonObject { ["content"] = body?.DeepClone() ?? new JsonObject(), ["status"] = status };
            status = 200;
        }

        http.StatusCode = status;
        if (body is null || status == 204)
        {
            return response.Status;
        }

        http.ContentType = context.Request.Path.StartsWithSegments("/api/oauth") ? "application/json" : response.Status >= 400 ? "application/json" : "application/vnd.atlas.2023-01-01+json";
        var text = body is JsonValue raw && raw.GetValueKind() == JsonValueKind.String && raw.GetValue<string>().StartsWith("TRUNCATED:", StringComparison.Ordinal)
            ? raw.GetValue<string>()["TRUNCATED:".Length..]
            : body.ToJsonString(pretty ? Pretty : Compact);
        await http.WriteAsync(text).ConfigureAwait(false);
        return response.Status;
    }

    private static JsonObject WithStatus(JsonObject list, int status)
    {
        var copy = (JsonObject)list.DeepClone();
        copy["status"] = status;
        return copy;
    }
}
