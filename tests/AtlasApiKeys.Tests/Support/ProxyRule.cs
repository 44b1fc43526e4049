using System;

namespace AtlasApiKeys.Tests.Support;

/// <summary>A fault for the next <see cref="Count"/> requests that match.</summary>
public sealed class ProxyRule
{
    public ConnectionFault Fault { get; init; }

    public int Count { get; set; } = 1;

    /// <summary>Only requests with this method (null: any).</summary>
    public string? Method { get; init; }

    /// <summary>Only requests whose path contains this (null: any).</summary>
    public string? PathContains { get; init; }

    /// <summary>Only a request that is not the first on its connection (keep-alive reuse).</summary>
    public bool OnReusedConnection { get; init; }

    internal bool Matches(string method, string path, bool reused) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (PathContains is null || path.Contains(PathContains, StringComparison.Ordinal))
        && (reused || !OnReusedConnection);
}
