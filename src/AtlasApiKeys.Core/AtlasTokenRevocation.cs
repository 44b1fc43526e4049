namespace AtlasApiKeys.Core;

/// <summary>What revoking a session's access token did (Disconnect-Atlas shows a failure as a warning).
/// The message never holds the token.</summary>
public sealed class AtlasTokenRevocation
{
    private AtlasTokenRevocation(bool revoked, bool failed, string message)
    {
        Revoked = revoked;
        Failed = failed;
        Message = message;
    }

    /// <summary>True when the server confirmed the token is revoked.</summary>
    public bool Revoked { get; }

    /// <summary>True when a revoke was sent and did not succeed: the token stays live until it expires.</summary>
    public bool Failed { get; }

    /// <summary>What happened, for a verbose line or a warning.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => Message;

    internal static AtlasTokenRevocation Done(string message) => new(true, false, message);

    internal static AtlasTokenRevocation NothingToRevoke(string message) => new(false, false, message);

    internal static AtlasTokenRevocation Failure(string message) => new(false, true, message);
}
