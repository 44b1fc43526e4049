using System.Collections.Generic;
using Microsoft.AspNetCore.Http;

namespace AtlasApiKeys.StubServer;

/// <summary>An authenticated API request as the operations see it. <see cref="Segments"/> are the path's
/// segments after <c>/api/atlas/v2/</c>, each %-decoded once from the raw target (so a CIDR's %2F is
/// a '/' inside one segment, and a literal '/' makes two).</summary>
internal sealed record StubRequest(string Method, string Path, IReadOnlyList<string> Segments, IQueryCollection Query, string? Body, string BaseUrl, StubCaller Caller);
