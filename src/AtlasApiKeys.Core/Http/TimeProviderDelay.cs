#if NET8_0_OR_GREATER
using System;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasApiKeys.Core.Http;

/// <summary>On .NET 8 the runtime's Task.Delay takes the TimeProvider; on netstandard2.0
/// Microsoft.Bcl.TimeProvider gives the same call as an extension method: one spelling for both.</summary>
internal static class TimeProviderDelay
{
    public static Task Delay(this TimeProvider time, TimeSpan delay, CancellationToken cancellationToken) =>
        Task.Delay(delay, time, cancellationToken);
}
#endif
