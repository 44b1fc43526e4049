using System;

namespace AtlasApiKeys.Core.Commands;

/// <summary>The error categories the cmdlets use; each name is a member of PowerShell's ErrorCategory.</summary>
public enum AtlasErrorCategory
{
    /// <summary>400, or a bad parameter.</summary>
    InvalidArgument,
    /// <summary>401.</summary>
    AuthenticationError,
    /// <summary>403.</summary>
    PermissionDenied,
    /// <summary>404.</summary>
    ObjectNotFound,
    /// <summary>409.</summary>
    ResourceExists,
    /// <summary>429 and 5xx.</summary>
    ResourceUnavailable,
    /// <summary>No connection.</summary>
    ConnectionError,
    /// <summary>No answer in time.</summary>
    OperationTimeout,
    /// <summary>A malformed answer.</summary>
    InvalidResult,
    /// <summary>Not connected, nothing to do.</summary>
    InvalidOperation,
    /// <summary>Anything else.</summary>
    NotSpecified,
}

/// <summary>An error as the cmdlets report it: a stable id, a category, the target, and Atlas's detail.</summary>
public sealed class AtlasErrorInfo
{
    /// <summary>Creates an error.</summary>
    public AtlasErrorInfo(Exception exception, string errorId, AtlasErrorCategory category, object? target, string? detail = null, string? recommendedAction = null)
    {
        Exception = exception;
        ErrorId = errorId;
        Category = category;
        Target = target;
        Detail = detail;
        RecommendedAction = recommendedAction;
    }

    /// <summary>The exception (its message never holds a secret).</summary>
    public Exception Exception { get; }

    /// <summary>The stable error id: the Atlas errorCode where there is one.</summary>
    public string ErrorId { get; }

    /// <summary>The category.</summary>
    public AtlasErrorCategory Category { get; }

    /// <summary>The key or project the error is about.</summary>
    public object? Target { get; }

    /// <summary>Atlas's detail (for ErrorDetails).</summary>
    public string? Detail { get; }

    /// <summary>What to do about it.</summary>
    public string? RecommendedAction { get; }

    /// <inheritdoc />
    public override string ToString() => $"{ErrorId} ({Category}) {Target}: {Exception.Message}";
}

/// <summary>Thrown by command logic when nothing more can be done (not connected, 401): the cmdlet
/// turns it into ThrowTerminatingError.</summary>
public sealed class AtlasTerminatingException : Exception
{
    /// <summary>Creates one.</summary>
    public AtlasTerminatingException(AtlasErrorInfo error)
        : base(error.Exception.Message, error.Exception) => Error = error;

    /// <summary>The error to report.</summary>
    public AtlasErrorInfo Error { get; }
}

/// <summary>What command logic writes to. The cmdlet adapts itself to this; tests record it.
/// Every call is made on the pipeline thread (see <see cref="PipelinePump"/>).</summary>
public interface ICommandSink
{
    /// <summary>WriteObject.</summary>
    void WriteObject(object value);

    /// <summary>WriteError: a non-terminating error for one item.</summary>
    void WriteError(AtlasErrorInfo error);

    /// <summary>WriteWarning.</summary>
    void WriteWarning(string text);

    /// <summary>WriteVerbose.</summary>
    void WriteVerbose(string text);

    /// <summary>WriteDebug.</summary>
    void WriteDebug(string text);

    /// <summary>The -IncludeTotalCount object.</summary>
    void WriteTotalCount(long total);

    /// <summary>ShouldProcess, asked right before the request it guards.</summary>
    bool ShouldProcess(string target, string action);
}
