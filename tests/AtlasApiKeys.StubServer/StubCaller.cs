using System.Net;

namespace AtlasApiKeys.StubServer;

/// <summary>Who made an authenticated API request: a key (digest, by public key) or a service account
/// (bearer, by client id), and the address the request came from.</summary>
public sealed record StubCaller(string? PublicKey, string? ClientId, IPAddress Address);
