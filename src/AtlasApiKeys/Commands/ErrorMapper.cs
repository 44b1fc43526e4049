using System;
using System.Management.Automation;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Errors;

namespace AtlasApiKeys.Commands;

/// <summary>Turns failures into error records: ErrorId = Atlas's errorCode, category by status, and
/// what to do about it in ErrorDetails.</summary>
internal static class ErrorMapper
{
    /// <summary>The error record for a failed call about <paramref name="target"/>.</summary>
    public static ErrorRecord ToErrorRecord(Exception exception, object? target) => exception switch
    {
        AtlasApiException api => Record(api, api.ErrorCode ?? "AtlasApiError", Category(api), target, api.Detail, RecommendedAction(api)),
        ArgumentException { ParamName: { } variable } arg when variable.StartsWith("MONGODB_ATLAS_", StringComparison.Ordinal) =>
            Record(arg, "AtlasInvalidEnvironmentVariable", ErrorCategory.InvalidArgument, variable),
        ArgumentException arg => Record(arg, "AtlasInvalidArgument", ErrorCategory.InvalidArgument, target),
        _ => Record(exception, "AtlasUnexpectedError", ErrorCategory.NotSpecified, target),
    };

    /// <summary>An error record, with ErrorDetails when there is Atlas's detail or advice to add.</summary>
    public static ErrorRecord Record(Exception exception, string errorId, ErrorCategory category, object? target, string? detail = null, string? recommendedAction = null)
    {
        var record = new ErrorRecord(exception, errorId, category, target);
        var message = MessageOf(exception);
        if (detail is not null || recommendedAction is not null || !ReferenceEquals(message, exception.Message))
        {
            record.ErrorDetails = new ErrorDetails(message + (detail is null || message.Contains(detail) ? string.Empty : " " + detail))
            {
                RecommendedAction = recommendedAction,
            };
        }

        return record;
    }

    /// <summary>The exception's message, without the " (Parameter 'x')" (.NET) or "Parameter name: x"
    /// (.NET Framework) that an ArgumentException adds: the text names what was wrong already.</summary>
    internal static string MessageOf(Exception exception)
    {
        var message = exception.Message;
        if (exception is ArgumentException { ParamName: { Length: > 0 } name })
        {
            foreach (var suffix in new[] { $" (Parameter '{name}')", $"{Environment.NewLine}Parameter name: {name}", $"\nParameter name: {name}" })
            {
                if (message.EndsWith(suffix, StringComparison.Ordinal))
                {
                    return message.Substring(0, message.Length - suffix.Length);
                }
            }
        }

        return message;
    }

    /// <summary>True when no later item can succeed either: the credentials were refused, or the session was closed
    /// (Disconnect-Atlas later in the pipeline). A 401 that refuses one organization to good credentials is not.</summary>
    public static bool IsTerminating(Exception exception) =>
        exception is AtlasApiException { Kind: AtlasFailureKind.Api, StatusCode: 401 } api && !ErrorReader.RefusesRequestNotCredentials(api.ErrorCode)
        || exception is AtlasApiException { ErrorCode: "SESSION_CLOSED" };

    /// <summary>The category for an API failure.</summary>
    public static ErrorCategory Category(AtlasApiException exception) => exception.Kind switch
    {
        AtlasFailureKind.Connection => ErrorCategory.ConnectionError,
        AtlasFailureKind.Timeout => ErrorCategory.OperationTimeout,
        AtlasFailureKind.MalformedResponse => ErrorCategory.InvalidResult,
        _ => exception.StatusCode switch
        {
            400 => ErrorCategory.InvalidArgument,
            401 when ErrorReader.RefusesRequestNotCredentials(exception.ErrorCode) => ErrorCategory.PermissionDenied,
            401 => ErrorCategory.AuthenticationError,
            403 => ErrorCategory.PermissionDenied,
            404 => ErrorCategory.ObjectNotFound,
            409 => ErrorCategory.ResourceExists,
            429 or >= 500 => ErrorCategory.ResourceUnavailable,
            _ => ErrorCategory.NotSpecified,
        },
    };

    private static string? RecommendedAction(AtlasApiException exception) => exception.RecommendedAction ?? exception.ErrorCode switch
    {
        "API_KEY_ALREADY_IN_GROUP" => "The key is already assigned to this project: use Set-AtlasProjectApiKey to change its roles there.",
        "USER_UNAUTHORIZED" => "Check the credentials given to Connect-Atlas (or the MONGODB_ATLAS_* environment variables), and the key's API access list.",
        "GROUP_NOT_FOUND" => "Check the project id: Atlas has no project with it, or these credentials cannot see it.",
        "ORG_REQUIRES_ACCESS_LIST" or "ORG_REQUIRES_WHITELIST" => $"The organization requires an API access list and this key has no entry for this address: from a machine or key that can still call Atlas, add it with Add-AtlasApiKeyAccessListEntry -ApiKeyId <key id> -IpAddress {CallerAddress(exception)} (or -CidrBlock).",
        "IP_ADDRESS_NOT_ON_ACCESS_LIST" or "IP_ADDRESS_NOT_ON_WHITELIST" => $"This address is not on the key's API access list: from a machine or key that can still call Atlas, add it with Add-AtlasApiKeyAccessListEntry -ApiKeyId <key id> -IpAddress {CallerAddress(exception)} (or -CidrBlock), or call from an address on the list (Get-AtlasApiKeyAccessListEntry shows it).",
        "RESOURCE_REQUIRES_ACCESS_LIST" or "RESOURCE_REQUIRES_WHITELIST" => $"Atlas lets this resource be reached only by a key with an API access list that holds the calling address: from a machine or key that can still call Atlas, add it with Add-AtlasApiKeyAccessListEntry -ApiKeyId <key id> -IpAddress {CallerAddress(exception)} (or -CidrBlock).",
        "ADDRESS_ALREADY_IN_ACCESS_LIST" => "Atlas refuses the whole request when one entry is already on the key's API access list, so nothing was added: list it with Get-AtlasApiKeyAccessListEntry -ApiKeyId <key id>, then add only the missing entries.",
        "MAX_API_KEYS_PER_ORG_EXCEEDED" => "An Atlas organization holds at most 500 API keys: delete keys no longer used (Get-AtlasOrgApiKey, then Remove-AtlasOrgApiKey) before creating another.",
        "RATE_LIMITED" or "RATE_LIMITED_TOKEN_BUCKET" => "Atlas is rate limiting these credentials: wait, or lower -ThrottleLimit.",
        _ => null,
    };

    /// <summary>The caller's address as Atlas named it in the error's parameters, else a placeholder.</summary>
    private static string CallerAddress(AtlasApiException exception)
    {
        foreach (var parameter in exception.Parameters)
        {
            if (AtlasValidation.ParseAddress(parameter) is not null)
            {
                return parameter;
            }
        }

        return "<this address>";
    }
}
