using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Errors;

namespace AtlasApiKeys.Commands;

/// <summary>The base of the key cmdlets: -Session, the session and project they work on, every HTTP
/// exchange of their work sent to WriteDebug (and every retry to WriteVerbose), and errors reported per item.</summary>
public abstract class AtlasCmdletBase : AsyncCmdlet
{
    /// <summary>This runspace's: read on the pipeline thread, where the cmdlet is made.</summary>
    private readonly object scope = Scope;

    private readonly object sessionLock = new();
    private AtlasSession? session;
    private bool borrowed;

    /// <summary>The session to use (default: the one Connect-Atlas stored, else the MONGODB_ATLAS_* variables).</summary>
    [Parameter]
    [ValidateNotNull]
    public AtlasSession? Session { get; set; }

    /// <summary>Where this runspace's Connect-Atlas session is kept.</summary>
    internal static object Scope => (object?)Runspace.DefaultRunspace ?? typeof(AtlasCmdletBase);

    /// <summary>The session: -Session, else Connect-Atlas's, else the environment's; terminating
    /// (AtlasNotConnected) when there is none.</summary>
    private protected AtlasSession CurrentSession => Volatile.Read(ref session) ?? FirstSession();

    /// <summary>The token of the work running now (cancelled by Ctrl+C), for helpers not handed one.</summary>
    private protected CancellationToken WorkCancellation { get; private set; }

    /// <summary>The client of <see cref="CurrentSession"/>.</summary>
    private protected IAtlasProjectApiKeyClient Client => CurrentSession.ApiKeys;

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (sessionLock)
            {
                if (borrowed && session is { } used)
                {
                    borrowed = false;
                    SessionStore.Default.Return(used);   // closed now if the store let go of it meanwhile
                }
            }
        }

        base.Dispose(disposing);
    }

    /// <inheritdoc />
    protected override async Task RunWorkAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        WorkCancellation = cancellationToken;
        using (AtlasTrace.Listen(record =>
        {
            WriteDebug(record.ToString());
            if (record.RetryNotice is { } notice)
            {
                WriteVerbose(notice);   // routed as MessageRouting says: never a prompt under -Debug
            }
        }))
        {
            await work(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The session on first use, borrowed from the store for the command's life (see
    /// <see cref="SessionStore.Borrow"/>); once, though work items may ask at the same time.</summary>
    private AtlasSession FirstSession()
    {
        lock (sessionLock)
        {
            if (session is not { } found)
            {
                found = SessionStore.Default.Borrow(Session, scope, Environment.GetEnvironmentVariable, out borrowed);
                Volatile.Write(ref session, found);
            }

            return found;
        }
    }

    /// <summary>-ProjectId and -ProjectName together on the command line: a terminating InvalidArgument
    /// error naming both, before any request (an override calls this base first). A ProjectId bound from
    /// the pipeline may meet -ProjectName: then -ProjectName names the target.</summary>
    protected override Task BeginProcessingAsync(CancellationToken cancellationToken)
    {
        var bound = MyInvocation.BoundParameters;
        if (bound.ContainsKey("ProjectName") && bound.ContainsKey("ProjectId"))
        {
            var ex = new ArgumentException("Give -ProjectId or -ProjectName, not both.", "ProjectName");
            throw new TerminatingErrorException(ErrorMapper.Record(ex, "AtlasProjectIdAndName", ErrorCategory.InvalidArgument, null));
        }

        return Task.CompletedTask;
    }

    /// <summary>The id of the project named <paramref name="name"/> (-ProjectName; getGroupByName, looked up
    /// once per session), or null when no name was given. A name Atlas does not know fails with Atlas's 404
    /// (GROUP_NAME_NOT_FOUND, ObjectNotFound, naming the name): report it per item.</summary>
    private protected async Task<string?> ProjectIdByNameAsync(string? name, CancellationToken cancellationToken) =>
        name is null ? null : (await CurrentSession.Organization.GetProjectByNameAsync(name, cancellationToken).ConfigureAwait(false)).Id;

    /// <summary>The ids of the projects named <paramref name="names"/>; an error per name not found.</summary>
    private protected async Task<IReadOnlyList<string>> ProjectIdsByNameAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var ids = new List<string>(names.Count);
        foreach (var name in names)
        {
            try
            {
                ids.Add((await ProjectIdByNameAsync(name, cancellationToken).ConfigureAwait(false))!);
            }
            catch (Exception ex) when (IsItemFailure(ex))
            {
                WriteItemError(ex, name);
            }
        }

        return ids;
    }

    /// <summary>The given project id, else the session's default; terminating when there is neither.</summary>
    private protected string ProjectIdOrDefault(string? given)
    {
        if (given is not null)
        {
            return given;
        }

        if (CurrentSession.DefaultProjectId is { } fallback)
        {
            AtlasValidation.ThrowIfInvalid(AtlasValidation.CheckId(fallback, "ProjectId"), "ProjectId");
            return fallback;
        }

        if (SessionStore.Default.IsFromEnvironment(CurrentSession)
            && EnvironmentSession.CheckDefault(Environment.GetEnvironmentVariable, EnvironmentSession.ProjectId) is { } problem)
        {
            // The variable was left out of the session (a command with -ProjectId does not need it): this one does.
            throw new TerminatingErrorException(ErrorMapper.ToErrorRecord(new ArgumentException(problem + " Fix the variable, or pass -ProjectId.", EnvironmentSession.ProjectId), null));
        }

        var ex = new ArgumentException("ProjectId is required: pass -ProjectId, or give Connect-Atlas a -ProjectId (or set MONGODB_ATLAS_PROJECT_ID).", "ProjectId");
        throw new TerminatingErrorException(ErrorMapper.Record(ex, "AtlasProjectIdMissing", ErrorCategory.InvalidArgument, null));
    }

    /// <summary>The organization to act in: <paramref name="given"/> (-OrgId), else Connect-Atlas -OrgId,
    /// else MONGODB_ATLAS_ORG_ID, else the organization of <paramref name="projectId"/> or of the session's
    /// default project (looked up once per session). An ArgumentException (OrgId) naming the four ways
    /// when none gives one: report it per item.</summary>
    private protected Task<string> OrgIdOrDefaultAsync(string? given, string? projectId, CancellationToken cancellationToken) =>
        CurrentSession.Organization.ResolveOrgIdAsync(given, EnvironmentSession.OrgIdFrom(Environment.GetEnvironmentVariable), projectId, cancellationToken);

    /// <summary>-First 0 without -IncludeTotalCount: nothing to write, so nothing to ask Atlas.</summary>
    private protected bool WritesNothing => PagingParameters is { First: 0 } paging && !paging.IncludeTotalCount;

    /// <summary>True for failures to report per item; false for ones to let through (cancellation, bugs).</summary>
    private protected static bool IsItemFailure(Exception exception) => exception is AtlasApiException or ArgumentException;

    /// <summary>Reports the failure of one item: non-terminating, unless nothing else can succeed
    /// (the credentials were refused).</summary>
    private protected void WriteItemError(Exception exception, object? target)
    {
        var record = ErrorMapper.ToErrorRecord(exception, target);
        if (ErrorMapper.IsTerminating(exception))
        {
            ThrowTerminatingError(record);
        }

        WriteError(record);
    }

    /// <summary>Writes the key, or an ObjectNotFound error when it is not assigned to the project.</summary>
    private protected async Task WriteFoundAsync(string projectId, string keyId, CancellationToken cancellationToken)
    {
        var key = await Client.FindAsync(projectId, keyId, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            WriteKeyNotFound(projectId, keyId);
            return;
        }

        WriteObject(key);
    }

    /// <summary>The ObjectNotFound error for a key that is not assigned to the project.</summary>
    private protected void WriteKeyNotFound(string projectId, string keyId)
    {
        WriteError(ErrorMapper.Record(
            new KeyNotFoundException($"API key {keyId} is not assigned to project {projectId}."), "ApiKeyNotFound", ErrorCategory.ObjectNotFound, keyId,
            recommendedAction: "List the project's keys with Get-AtlasProjectApiKey -ProjectId; Add-AtlasProjectApiKey assigns an organization key to a project."));
    }
}
