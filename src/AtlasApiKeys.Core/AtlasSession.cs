using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Http;
using AtlasApiKeys.Core.Platform;

namespace AtlasApiKeys.Core;

/// <summary>A connection to Atlas: base URI, one credential, and one HTTP pipeline
/// (retry, then auth, then trace) over one socket handler. Thread-safe: one session serves many
/// concurrent calls.</summary>
public sealed class AtlasSession : IDisposable
{
    /// <summary>The media type every call asks for.</summary>
    public const string MediaType = "application/vnd.atlas.2023-01-01+json";

    private readonly SessionWire wire;
    private readonly TimeProvider time;
    private int disposed;

    /// <summary>Opens a session. Throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public AtlasSession(AtlasSessionOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        AtlasValidation.ThrowIfInvalid(AtlasValidation.CheckBaseUri(options.BaseUri, options.AllowInsecureHttp, "BaseUri"), "BaseUri");
        Credential = options.Credential ?? throw new ArgumentException("Credential must be given: an API key pair or a service account.", "Credential");
        CheckDefaults(options.DefaultProjectId, options.DefaultOrgId);

        BaseUri = new Uri(options.BaseUri.GetLeftPart(UriPartial.Authority) + "/");
        DefaultProjectId = options.DefaultProjectId;
        DefaultOrgId = options.DefaultOrgId?.ToLowerInvariant();
        UseEnvelope = options.UseEnvelope;
        Pretty = options.Pretty;
        // One socket handler for the whole session: a service account's token request and its API calls share
        // connections (one TCP and TLS handshake for a runbook's first call, not two).
        var socket = (options.PrimaryHandler ?? CreatePrimaryHandler)();
        var retry = options.Retry.Clone();
        var trace = options.Trace;
        time = options.TimeProvider ?? throw new ArgumentException("TimeProvider must not be null.", "TimeProvider");
        var gate = new RateGate(time);
        Lazy<HttpClient>? tokenClient = null;
        ServiceAccountTokens? tokens = null;

        // The handlers are chained here rather than by IHttpClientFactory: a session's pipelines live as long
        // as it does, and a dependency-injection container per session cost a runbook's first call more
        // than its exchanges (ten more assemblies to load and JIT).
        DelegatingHandler auth;
        switch (Credential)
        {
            case AtlasDigestCredential digest:
                auth = new DigestAuthHandler(new DigestState(digest));
                break;
            case AtlasServiceAccountCredential account:
                // The token endpoint's own client (retry, then trace), made when the first token is fetched.
                var lazyToken = new Lazy<HttpClient>(() => CreateClient(socket, new RetryHandler(retry, gate, trace, time), new DiagnosticsHandler(trace)), LazyThreadSafetyMode.ExecutionAndPublication);
                tokenClient = lazyToken;
                tokens = new ServiceAccountTokens(account, () => lazyToken.Value, new Uri(BaseUri, ApiPaths.OAuthToken), time);
                auth = new BearerAuthHandler(tokens);
                break;
            default:
                throw new ArgumentException("Credential must be an API key pair or a service account.", "Credential");
        }

        wire = new SessionWire(CreateClient(socket, new RetryHandler(retry, gate, trace, time), auth, new DiagnosticsHandler(trace)), tokenClient, tokens, gate);
        CryptoWarmup.Start(Credential is AtlasDigestCredential, BaseUri);
        ApiKeys = new AtlasProjectApiKeyClient(this);
        Organization = new AtlasOrganizationClient(this);
    }

    /// <summary>A session like <paramref name="source"/>, over its wire (<see cref="WithDefaults"/>).</summary>
    private AtlasSession(AtlasSession source, SessionWire wire, string? defaultProjectId, string? defaultOrgId)
    {
        this.wire = wire;
        time = source.time;
        Credential = source.Credential;
        BaseUri = source.BaseUri;
        UseEnvelope = source.UseEnvelope;
        Pretty = source.Pretty;
        DefaultProjectId = defaultProjectId;
        DefaultOrgId = defaultOrgId?.ToLowerInvariant();
        ApiKeys = new AtlasProjectApiKeyClient(this);
        Organization = new AtlasOrganizationClient(this);
    }

    /// <summary>The module's name and version as sent in User-Agent.</summary>
    public static string UserAgent { get; } = BuildUserAgent();

    /// <summary>The base URI, normalised to scheme and authority.</summary>
    public Uri BaseUri { get; }

    /// <summary>Now by the session's clock (<see cref="AtlasSessionOptions.TimeProvider"/>): what the module's
    /// caches measure age by, so a test's clock moves them too.</summary>
    public DateTimeOffset UtcNow => time.GetUtcNow();

    /// <summary>The credential (its secret never shows in ToString).</summary>
    public AtlasCredential Credential { get; }

    /// <summary>The project used when a call names none (set by the module only while it opens the
    /// session: Connect-Atlas -ProjectName, before anyone else holds it).</summary>
    public string? DefaultProjectId { get; internal set; }

    /// <summary>The organization used when a call names none (see <see cref="IAtlasOrganizationClient.ResolveOrgIdAsync"/>).</summary>
    public string? DefaultOrgId { get; }

    /// <summary>Whether answers are asked for in an envelope.</summary>
    public bool UseEnvelope { get; }

    /// <summary>Whether answers are asked for pretty-printed.</summary>
    public bool Pretty { get; }

    /// <summary>The five operations on project API keys.</summary>
    public IAtlasProjectApiKeyClient ApiKeys { get; }

    /// <summary>The organization's keys, their access lists, and projects.</summary>
    public IAtlasOrganizationClient Organization { get; }

    /// <summary>How many access tokens this session has fetched (0 for digest), with the sessions that share its wire.</summary>
    public int TokenFetches => wire.Tokens?.Fetches ?? 0;

    internal HttpClient Http => wire.Api;

    /// <summary>True once the session was given to the caller (Connect-Atlas -PassThru): then only the
    /// caller disposes it, never the store that replaces it.</summary>
    internal bool HandedOut { get; set; }

    /// <summary>True once <see cref="Dispose"/> ran: a request it cut short reports the session closed, not a timeout.</summary>
    internal bool IsDisposed => Volatile.Read(ref disposed) != 0;

    /// <summary>Paces the session by Atlas's rate-limit answers.</summary>
    internal RateGate RateGate => wire.Gate;

    /// <summary>Revokes the service account's access token, if the session holds a live one (for
    /// Disconnect-Atlas). Never throws for a failed revoke: the result says what happened, without the token.</summary>
    public Task<AtlasTokenRevocation> RevokeTokenAsync(CancellationToken cancellationToken = default) =>
        wire.Tokens is not { } tokens
            ? Task.FromResult(AtlasTokenRevocation.NothingToRevoke("The session uses an API key: there is no access token to revoke."))
            : tokens.RevokeAsync(cancellationToken);

    /// <inheritdoc />
    public override string ToString() => $"Atlas session to {BaseUri.Host} as {Credential}";

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            wire.Release();   // closed with the last session that shares it
        }
    }

    /// <summary>A session with other defaults over this one's wire (connection, digest nonce, access token, rate
    /// gate), for a caller whose defaults changed but not its credential or address; null when this one is closed.
    /// Throws <see cref="ArgumentException"/> naming a default that is not an id.</summary>
    internal AtlasSession? WithDefaults(string? defaultProjectId, string? defaultOrgId)
    {
        CheckDefaults(defaultProjectId, defaultOrgId);
        return !IsDisposed && wire.TryShare() ? new AtlasSession(this, wire, defaultProjectId, defaultOrgId) : null;
    }

    /// <summary>A client over <paramref name="handlers"/>, outermost first, ending at <paramref name="primary"/>;
    /// disposing it disposes them all (the shared <paramref name="primary"/> ignores a second Dispose).</summary>
    private HttpClient CreateClient(HttpMessageHandler primary, params DelegatingHandler[] handlers)
    {
        var inner = primary;
        for (var i = handlers.Length - 1; i >= 0; i--)
        {
            handlers[i].InnerHandler = inner;
            inner = handlers[i];
        }

        var client = new HttpClient(inner, disposeHandler: true);
        ConfigureClient(client);
        return client;
    }

    private void ConfigureClient(HttpClient client)
    {
        client.BaseAddress = BaseUri;
        client.Timeout = Timeout.InfiniteTimeSpan;
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaType));

        // .NET Framework sends "Expect: 100-continue" on every body unless told not to: an extra round
        // trip (or a 350 ms wait) per change, and a closed connection when the server answers 401 first.
        client.DefaultRequestHeaders.ExpectContinue = false;
    }

    /// <summary>The socket handler with the wire guard where the platform has SocketsHttpHandler
    /// (see <see cref="WireGuardHandler"/>), else the platform's client handler.</summary>
    private static HttpMessageHandler CreatePrimaryHandler() => WireGuardHandler.TryCreate() ?? PrimaryHandler.Create();

    /// <summary>Throws <see cref="ArgumentException"/> naming a default that is not an id.</summary>
    private static void CheckDefaults(string? projectId, string? orgId)
    {
        if (projectId is not null)
        {
            AtlasValidation.ThrowIfInvalid(AtlasValidation.CheckId(projectId, "ProjectId"), "ProjectId");
        }

        if (orgId is not null)
        {
            AtlasValidation.ThrowIfInvalid(AtlasValidation.CheckId(orgId, "OrgId"), "OrgId");
        }
    }

    private static string BuildUserAgent()
    {
        var assembly = typeof(AtlasSession).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
        var plus = version.IndexOf('+');
        return $"AtlasApiKeys/{(plus > 0 ? version.Substring(0, plus) : version)}";
    }
}
