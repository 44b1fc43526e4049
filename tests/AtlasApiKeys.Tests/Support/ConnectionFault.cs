namespace AtlasApiKeys.Tests.Support;

/// <summary>What the <see cref="FaultProxy"/> does to one request's connection.</summary>
public enum ConnectionFault
{
    /// <summary>Forwards the request, lets the server answer, then closes the client's connection
    /// cleanly (FIN) without a byte of the answer: the server acted, the client saw nothing.</summary>
    CloseAfterForwarding,
    /// <summary>As <see cref="CloseAfterForwarding"/>, but resets the connection (RST).</summary>
    ResetAfterForwarding,
    /// <summary>Closes the client's connection cleanly without forwarding: the server never saw it.</summary>
    CloseBeforeForwarding,
    /// <summary>Forwards, then sends the answer's head and half its body, then closes cleanly.</summary>
    CutBody,
    /// <summary>Forwards, then holds the answer back until the client gives up.</summary>
    Stall,
}
