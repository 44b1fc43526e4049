namespace AtlasApiKeys.Core.Errors;

/// <summary>What kind of failure an <see cref="AtlasApiException"/> is.</summary>
public enum AtlasFailureKind
{
    /// <summary>Atlas answered with an error status.</summary>
    Api,
    /// <summary>The server could not be reached, or the connection broke.</summary>
    Connection,
    /// <summary>No answer within the configured time.</summary>
    Timeout,
    /// <summary>The server answered with a body that is not what the API promises.</summary>
    MalformedResponse,
}
