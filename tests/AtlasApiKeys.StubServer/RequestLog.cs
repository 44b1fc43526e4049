using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace AtlasApiKeys.StubServer;

/// <summary>One request as the stub saw it. No header values but Accept, User-Agent and the digest
/// nonce and nc (both public: the server sent the nonce in its challenge); the principal is the
/// digest user name (a public key) or a service account's client id; a form body (the token
/// endpoints) shows its field names and only non-secret values; the JSON body of an Atlas API change
/// (roles, description, access-list entries: a client sends no secret there) is kept as sent:
/// no secret is ever logged. Connection is Kestrel's id of the TCP connection it came on.</summary>
public sealed record LoggedRequest(long Seq, string Method, string Path, string Query, int Status, string Auth, string? Nc, string? Nonce, string? Accept, string? UserAgent, string? Fault, string? ErrorCode, string? Principal = null, string? Form = null, string? Body = null, string? Connection = null);

/// <summary>What went over the wire, for tests to assert on.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<LoggedRequest> entries = new();
    private long seq;

    public IReadOnlyList<LoggedRequest> Entries => entries.ToArray();

    public int Count => entries.Count;

    public void Clear() => entries.Clear();

    /// <summary>Entries after the first <paramref name="skip"/>.</summary>
    public IReadOnlyList<LoggedRequest> Since(int skip) => entries.Skip(skip).ToArray();

    internal void Add(string method, string path, string query, int status, string auth, string? nc, string? nonce, string? accept, string? userAgent, string? fault, string? errorCode, string? principal = null, string? form = null, string? body = null, string? connection = null) =>
        entries.Enqueue(new LoggedRequest(Interlocked.Increment(ref seq), method, path, query, status, auth, nc, nonce, accept, userAgent, fault, errorCode, principal, form, body, connection));
}
