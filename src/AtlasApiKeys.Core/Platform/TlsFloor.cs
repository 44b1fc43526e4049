using System.Net;

namespace AtlasApiKeys.Core.Platform;

/// <summary>Makes sure TLS 1.2 is offered on .NET Framework, where the process setting
/// (<see cref="ServicePointManager.SecurityProtocol"/>) may still be <c>Ssl3, Tls</c> on an old host.
/// It only ever adds TLS 1.2: what the host enabled stays enabled, and <c>SystemDefault</c> (the
/// operating system chooses, which already includes TLS 1.2 where it exists) is left alone.
/// On .NET the setting does not reach HttpClient, and nothing is changed.</summary>
internal static class TlsFloor
{
    /// <summary>SecurityProtocolType.SystemDefault (0, .NET Framework 4.7+), which netstandard2.0 does not name.</summary>
    internal const SecurityProtocolType SystemDefault = 0;

    /// <summary>The setting to store, or null to leave the current one as it is.</summary>
    internal static SecurityProtocolType? Decide(bool desktop, SecurityProtocolType current)
    {
        if (!desktop || current == SystemDefault || (current & SecurityProtocolType.Tls12) != 0)
        {
            return null;
        }

        return current | SecurityProtocolType.Tls12;
    }

    /// <summary>Applies the decision to this process (called each time a session builds its socket handler).</summary>
    public static void Apply()
    {
        if (Decide(RuntimeEdition.IsDesktop, ServicePointManager.SecurityProtocol) is { } wanted)
        {
            ServicePointManager.SecurityProtocol = wanted;
        }
    }
}
