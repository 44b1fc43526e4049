using System;
using System.Threading;

namespace AtlasApiKeys.Core;

/// <summary>An ambient listener for trace records, scoped to the async flow that set it
/// (so concurrent callers sharing one session each see their own exchanges).</summary>
public static class AtlasTrace
{
    private static readonly AsyncLocal<Action<AtlasTraceRecord>?> Current = new();

    /// <summary>Sends every trace record of this async flow to <paramref name="listener"/> until disposed.</summary>
    public static IDisposable Listen(Action<AtlasTraceRecord> listener)
    {
        var previous = Current.Value;
        Current.Value = previous is null ? listener : previous + listener;
        return new Scope(previous);
    }

    /// <summary>True when a record would reach anyone (so none is built for nobody).</summary>
    internal static bool IsListening(Action<AtlasTraceRecord>? sessionListener) => sessionListener is not null || Current.Value is not null;

    internal static void Emit(Action<AtlasTraceRecord>? sessionListener, AtlasTraceRecord record)
    {
        sessionListener?.Invoke(record);
        Current.Value?.Invoke(record);
    }

    private sealed class Scope(Action<AtlasTraceRecord>? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
