using System.Net.Http;

namespace AtlasApiKeys.Core;

/// <summary>One API call: method, path (relative to the base URI), query, and what kind of operation
/// it is (which alone decides retries and what a lost answer means).</summary>
internal sealed class AtlasCall(HttpMethod method, string path, AtlasOperation operation, string? query = null)
{
    public HttpMethod Method { get; } = method;

    public string Path { get; } = path;

    public string? Query { get; } = query;

    public AtlasOperation Operation { get; } = operation;

    /// <summary>What Atlas needs of the caller for this call (<see cref="AtlasRoleRequirement"/>), told on a 403.</summary>
    public string? RequiredRole { get; init; }

    public string DisplayPath => "/" + Path;
}
