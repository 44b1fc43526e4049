using System.IO;

namespace AtlasApiKeys.Core.Http;

/// <summary>One attempt of one request as it goes on the wire: the connection it was written to.
/// Written again on another connection after that one ended (the platform's own resend of a request
/// whose connection closed before the answer) is refused, so no copy goes out that the module cannot see.</summary>
internal sealed class WireAttempt
{
    private WireStream? connection;

    /// <summary>True once a resend was refused: the request may have reached the server.</summary>
    public bool ResendRefused { get; private set; }

    /// <summary>Called before every write of this attempt's bytes to <paramref name="target"/>.</summary>
    public void BeforeWrite(WireStream target)
    {
        var previous = connection;
        if (ReferenceEquals(previous, target))
        {
            return;
        }

        if (previous is not null && previous.Ended)
        {
            ResendRefused = true;
            throw new IOException("The request was written to a connection that then closed without an answer; it is not sent again unseen.");
        }

        // A first write, or bytes written while another connection was being set up (a TLS handshake
        // running in this flow): the request itself goes out on this one.
        connection = target;
    }
}
