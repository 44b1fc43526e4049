#if NET8_0_OR_GREATER
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
#endif
using System.Net;
using System.Net.Http;
using AtlasApiKeys.Core.Platform;

namespace AtlasApiKeys.Core.Http;

/// <summary>The socket handler at the bottom of a session's pipeline, with the settings that make
/// .NET Framework (Windows PowerShell 5.1) behave as .NET does.</summary>
internal static class PrimaryHandler
{
    /// <summary>Connections to one server: the ceiling of -ThrottleLimit, so a fan-out is never queued
    /// inside the handler. .NET Framework's default is 2 (and HttpClientHandler pushes its own value onto
    /// the ServicePoint), which would hold the other requests back while their timeouts run.</summary>
    public const int MaxConnectionsPerServer = 32;

    /// <summary>A new handler; on .NET Framework it first makes sure TLS 1.2 is offered.</summary>
    public static HttpClientHandler Create()
    {
        TlsFloor.Apply();
        var handler = new HttpClientHandler();
        Configure(handler);
        return handler;
    }

    /// <summary>The settings, on any handler (tests read them back).</summary>
    internal static void Configure(HttpClientHandler handler)
    {
        handler.AllowAutoRedirect = false;
        handler.UseCookies = false;
        handler.AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate;
        handler.PreAuthenticate = false;
        handler.MaxConnectionsPerServer = MaxConnectionsPerServer;

        // An authenticating corporate proxy (407) gets the signed-in user's credentials, on both editions;
        // without a proxy, or with one that asks for nothing, they are never sent.
        handler.DefaultProxyCredentials = CredentialCache.DefaultCredentials;
    }

#if NET8_0_OR_GREATER
    /// <summary>PowerShell 7's socket handler with <see cref="Configure"/>'s settings, connecting through
    /// <paramref name="connect"/> (the netstandard2.0 build sets the same by reflection in WireGuardHandler).</summary>
    internal static SocketsHttpHandler CreateSocketHandler(Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> connect) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        PreAuthenticate = false,
        MaxConnectionsPerServer = MaxConnectionsPerServer,
        DefaultProxyCredentials = CredentialCache.DefaultCredentials,
        ConnectCallback = connect,
    };
#endif
}
