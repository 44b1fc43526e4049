namespace AtlasApiKeys.StubServer;

/// <summary>What a token revoke came to.</summary>
public enum StubRevokeOutcome
{
    Revoked,
    /// <summary>Not a live token (unknown, expired or already revoked): answered 200 all the same.</summary>
    Unknown,
    /// <summary>A live token issued to another client: refused.</summary>
    OtherClient,
}
