using System;

namespace AtlasApiKeys.Core;

/// <summary>What a session connects to and how.</summary>
public sealed class AtlasSessionOptions
{
    /// <summary>The commercial cloud.</summary>
    public static readonly Uri CommercialCloud = new("https://cloud.mongodb.com");

    /// <summary>MongoDB Atlas for Government.</summary>
    public static readonly Uri GovernmentCloud = new("https://cloud.mongodbgov.com");

    /// <summary>The base URI (default: the commercial cloud).</summary>
    public Uri BaseUri { get; set; } = CommercialCloud;

    /// <summary>The credential: an <see cref="AtlasDigestCredential"/> or an <see cref="AtlasServiceAccountCredential"/>.</summary>
    public AtlasCredential? Credential { get; set; }

    /// <summary>Retry and timeout settings.</summary>
    public AtlasRetryOptions Retry { get; set; } = new();

    /// <summary>Allow plain http to a host that is not loopback.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Ask Atlas to wrap answers in an envelope (unwrapped transparently).</summary>
    public bool UseEnvelope { get; set; }

    /// <summary>Ask Atlas for pretty-printed JSON.</summary>
    public bool Pretty { get; set; }

    /// <summary>The project used when a call names none.</summary>
    public string? DefaultProjectId { get; set; }

    /// <summary>The organization used when a call names none.</summary>
    public string? DefaultOrgId { get; set; }

    /// <summary>Receives one record per HTTP exchange of this session.</summary>
    public Action<AtlasTraceRecord>? Trace { get; set; }

    /// <summary>The time the session reads and waits by: token expiry, Retry-After dates, the rate
    /// gate's pauses, retry delays (tests move it).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Replaces the socket handler at the bottom of the pipeline (tests of parsing only).</summary>
    internal Func<System.Net.Http.HttpMessageHandler>? PrimaryHandler { get; set; }
}
