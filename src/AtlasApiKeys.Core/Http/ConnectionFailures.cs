using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace AtlasApiKeys.Core.Http;

/// <summary>What a connection failure means, on both runtimes. .NET reports a socket failure as a
/// <see cref="SocketException"/> inside the <see cref="HttpRequestException"/>; .NET Framework reports a
/// <see cref="WebException"/> whose <see cref="WebException.Status"/> says the same, often with no
/// SocketException inside (a DNS failure never has one).</summary>
internal static class ConnectionFailures
{
    /// <summary>True when the connection itself could not be made: the request never left.</summary>
    public static bool FailedBeforeSending(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SocketException socket:
                    return NotSent(socket.SocketErrorCode);
                case WebException web when NotSent(web.Status):
                    return true;
            }
        }

        return false;
    }

    /// <summary>True for what a call reports as a broken connection: the platform handler's failure, a
    /// broken stream, or (.NET Framework) a WebException from the response stream.</summary>
    public static bool IsConnectionFailure(Exception ex) => ex is HttpRequestException or IOException or WebException;

    /// <summary>The socket errors of a connection that was never made.</summary>
    internal static bool NotSent(SocketError error) => error is SocketError.ConnectionRefused or SocketError.HostNotFound
        or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TryAgain
        or SocketError.NoData or SocketError.AddressNotAvailable;

    /// <summary>Their .NET Framework counterparts: the name did not resolve, or the connect failed.</summary>
    internal static bool NotSent(WebExceptionStatus status) => status is WebExceptionStatus.NameResolutionFailure
        or WebExceptionStatus.ProxyNameResolutionFailure or WebExceptionStatus.ConnectFailure;
}
