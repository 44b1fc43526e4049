using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;

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

    /// <summary>True when the TLS handshake refused the server (its certificate, or no protocol in
    /// common): asking again meets the same server and the same refusal.</summary>
    public static bool IsTlsRefusal(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationException or WebException { Status: WebExceptionStatus.TrustFailure })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The failure in words: every message down the chain that adds something, so a TLS failure
    /// says why (.NET's own "..., see inner exception." is replaced by the inner exception's message).</summary>
    public static string Describe(Exception ex)
    {
        var parts = new List<string>();
        for (var e = ex; e is not null && parts.Count < 4; e = e.InnerException)
        {
            var text = WithoutSeeInner(e.Message).Trim().TrimEnd('.');
            if (text.Length > 0 && !parts.Exists(p => p.IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0))
            {
                parts.Add(text);
            }
        }

        return parts.Count == 0 ? ex.GetType().Name : string.Join(": ", parts);
    }

    /// <summary>What to do about a connection that failed to <paramref name="baseUri"/>, by its cause.</summary>
    public static string Advice(Exception ex, Uri baseUri)
    {
        var where = baseUri.GetLeftPart(UriPartial.Authority);
        const string Setting = "-BaseUri (or MONGODB_ATLAS_OPS_MANAGER_URL)";
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case AuthenticationException:
                case WebException { Status: WebExceptionStatus.TrustFailure or WebExceptionStatus.SecureChannelFailure }:
                    return $"The TLS handshake with {where} failed: check that {Setting} names the host its certificate is for, and, behind a proxy that inspects TLS, that this machine trusts the proxy's root certificate.";
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                case WebException { Status: WebExceptionStatus.ConnectFailure }:
                    return $"Nothing accepted the connection at {where}: check {Setting}, and that no firewall or proxy stands between this machine and it.";
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData }:
                case WebException { Status: WebExceptionStatus.NameResolutionFailure or WebExceptionStatus.ProxyNameResolutionFailure }:
                    return $"The name {baseUri.Host} did not resolve: check {Setting} and this machine's DNS (or its proxy settings).";
            }
        }

        return $"Check the network path to {where} (firewall, proxy, HTTPS_PROXY) and try again; retries were made already.";
    }

    /// <summary>The message without a trailing "see inner exception" (which says nothing of its own).</summary>
    private static string WithoutSeeInner(string message)
    {
        var at = message.IndexOf("see inner exception", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? message : message.Substring(0, at).TrimEnd(' ', ',', ';');
    }

    /// <summary>The socket errors of a connection that was never made.</summary>
    internal static bool NotSent(SocketError error) => error is SocketError.ConnectionRefused or SocketError.HostNotFound
        or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TryAgain
        or SocketError.NoData or SocketError.AddressNotAvailable;

    /// <summary>Their .NET Framework counterparts: the name did not resolve, or the connect failed.</summary>
    internal static bool NotSent(WebExceptionStatus status) => status is WebExceptionStatus.NameResolutionFailure
        or WebExceptionStatus.ProxyNameResolutionFailure or WebExceptionStatus.ConnectFailure;
}
