namespace AtlasApiKeys.Tests.Support;

/// <summary>One request as the proxy saw it: its connection, its place on that connection (0: the
/// first), and the fault it got, if any.</summary>
public sealed record ProxyEntry(int Connection, int IndexOnConnection, string Method, string Path, ConnectionFault? Fault);
