namespace AtlasApiKeys.Tests.Support;

/// <summary>One HTTP/1.1 message as raw bytes: the head (start line and headers, blank line included)
/// and the body as framed on the wire (chunked stays chunked).</summary>
public sealed record HttpFrame(string StartLine, byte[] Head, byte[] Body)
{
    /// <summary>A request's method.</summary>
    public string Method => StartLine.Split(' ')[0];

    /// <summary>A request's path without its query; a response's status code.</summary>
    public string Path => StartLine.Split(' ') is { Length: > 1 } parts ? parts[1].Split('?')[0] : string.Empty;

    /// <summary>The sender asked to close the connection after this message (or framed it by closing).</summary>
    public bool ConnectionClose { get; init; }
}
