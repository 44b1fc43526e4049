using System;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Errors;

namespace AtlasApiKeys.Core.Commands;

/// <summary>What one cmdlet invocation gives its logic: the sink, how to find the session, and the
/// token StopProcessing cancels.</summary>
public sealed class CommandContext
{
    private readonly AtlasSession? explicitSession;
    private readonly object scope;
    private readonly Func<string, string?> environment;
    private readonly SessionStore store;
    private AtlasSession? session;

    /// <summary>Creates a context.</summary>
    public CommandContext(ICommandSink sink, AtlasSession? explicitSession, object scope, Func<string, string?> environment, CancellationToken cancellation, SessionStore? store = null)
    {
        Sink = sink ?? throw new ArgumentNullException(nameof(sink));
        this.explicitSession = explicitSession;
        this.scope = scope ?? throw new ArgumentNullException(nameof(scope));
        this.environment = environment ?? throw new ArgumentNullException(nameof(environment));
        Cancellation = cancellation;
        this.store = store ?? SessionStore.Default;
    }

    /// <summary>Where output goes.</summary>
    public ICommandSink Sink { get; }

    /// <summary>Cancelled by StopProcessing (Ctrl+C).</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>The session: -Session, else Connect-Atlas's, else the environment's.</summary>
    public AtlasSession Session => session ??= store.Resolve(explicitSession, scope, environment);

    /// <summary>The client of <see cref="Session"/>.</summary>
    public IAtlasProjectApiKeyClient Client => Session.ApiKeys;

    /// <summary>The given project id, else the session's default; terminating when there is neither.</summary>
    public string ProjectId(string? given)
    {
        if (given is not null)
        {
            return given;
        }

        if (Session.DefaultProjectId is { } fallback)
        {
            return fallback;
        }

        var ex = new ArgumentException("ProjectId is required: pass -ProjectId, or give Connect-Atlas a -ProjectId (or set MONGODB_ATLAS_PROJECT_ID).", "ProjectId");
        throw new AtlasTerminatingException(new AtlasErrorInfo(ex, "AtlasProjectIdMissing", AtlasErrorCategory.InvalidArgument, null));
    }

    /// <summary>Runs the logic with every HTTP exchange of its flow sent to WriteDebug.</summary>
    public async Task RunAsync(Func<Task> body)
    {
        if (body is null)
        {
            throw new ArgumentNullException(nameof(body));
        }

        var debug = PipelinePump.Marshal<AtlasTraceRecord>(record => Sink.WriteDebug(record.ToString()));
        using (AtlasTrace.Listen(debug))
        {
            await body().ConfigureAwait(true);
        }
    }

    /// <summary>Reports the failure of one item: non-terminating, unless nothing else can succeed
    /// (the credentials were refused). Cancellation by StopProcessing is passed on.</summary>
    public void Fail(Exception exception, object? target)
    {
        if (exception is OperationCanceledException && Cancellation.IsCancellationRequested)
        {
            throw exception;
        }

        var error = ErrorMapper.FromException(exception, target);
        if (ErrorMapper.IsTerminating(exception))
        {
            throw new AtlasTerminatingException(error);
        }

        Sink.WriteError(error);
    }

    /// <summary>True for failures to report per item; false for ones to let through (cancellation, bugs).</summary>
    public static bool IsItemFailure(Exception exception) => exception is AtlasApiException or ArgumentException;
}
