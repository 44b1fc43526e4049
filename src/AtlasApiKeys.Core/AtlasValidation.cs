using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace AtlasApiKeys.Core;

/// <summary>Checks made before any request is sent. Each returns null when the value is good,
/// else a message that names the parameter and what was wrong.</summary>
public static class AtlasValidation
{
    private static readonly Regex ProjectRolePattern = new("^GROUP_[A-Z][A-Z_]*$", RegexOptions.CultureInvariant);

    /// <summary>The longest description Atlas accepts.</summary>
    public const int MaxDescriptionLength = 250;

    /// <summary>The project role names the spec listed (tab completion; the server is the authority).</summary>
    public static IReadOnlyList<string> KnownProjectRoles { get; } =
    [
        "GROUP_BACKUP_MANAGER", "GROUP_CLUSTER_MANAGER", "GROUP_DATA_ACCESS_ADMIN",
        "GROUP_DATA_ACCESS_READ_ONLY", "GROUP_DATA_ACCESS_READ_WRITE", "GROUP_DATABASE_ACCESS_ADMIN",
        "GROUP_OBSERVABILITY_VIEWER", "GROUP_OWNER", "GROUP_READ_ONLY", "GROUP_SEARCH_INDEX_EDITOR",
        "GROUP_STREAM_PROCESSING_OWNER",
    ];

    /// <summary>True for a 24-hex-digit id.</summary>
    public static bool IsObjectId(string? value)
    {
        if (value is not { Length: 24 })
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Checks a project or key id.</summary>
    public static string? CheckId(string? value, string parameterName)
    {
        if (value is null || value.Length == 0 || value.Trim().Length == 0)
        {
            return $"{parameterName} must not be empty: pass a 24-hex-digit id.";
        }

        if (IsObjectId(value))
        {
            return null;
        }

        if (value.Length == 8 && value.All(char.IsLetterOrDigit))
        {
            return $"{parameterName} '{value}' looks like a public key; pass the key's Id (24 hex digits), as Get-AtlasProjectApiKey shows it.";
        }

        return $"{parameterName} '{Shorten(value)}' is not a valid id: it must be 24 hexadecimal digits.";
    }

    /// <summary>Checks a description: 1..250 characters.</summary>
    public static string? CheckDescription(string? value, string parameterName)
    {
        if (value is null || value.Trim().Length == 0)
        {
            return $"{parameterName} must not be empty: Atlas needs 1 to {MaxDescriptionLength} characters.";
        }

        return value.Length > MaxDescriptionLength
            ? $"{parameterName} is {value.Length} characters long; Atlas accepts at most {MaxDescriptionLength}."
            : null;
    }

    /// <summary>Checks project role names: at least one, each GROUP_ and capitals.</summary>
    public static string? CheckProjectRoles(IReadOnlyList<string?>? roles, string parameterName)
    {
        if (roles is null || roles.Count == 0)
        {
            return $"{parameterName} needs at least one role, such as GROUP_READ_ONLY.";
        }

        foreach (var role in roles)
        {
            if (role is null || role.Trim().Length == 0)
            {
                return $"{parameterName} contains an empty role name.";
            }

            if (!ProjectRolePattern.IsMatch(role))
            {
                var hint = ProjectRolePattern.IsMatch(role.ToUpperInvariant()) ? $" Did you mean '{role.ToUpperInvariant()}'?" : string.Empty;
                return $"{parameterName} '{Shorten(role)}' is not a project role name: it must be GROUP_ followed by capitals, such as GROUP_READ_ONLY.{hint}";
            }
        }

        return null;
    }

    /// <summary>Checks a base URI: absolute http(s); plain http only to loopback unless allowed.</summary>
    public static string? CheckBaseUri(Uri? value, bool allowInsecureHttp, string parameterName)
    {
        if (value is null)
        {
            return $"{parameterName} must not be empty.";
        }

        if (!value.IsAbsoluteUri || (value.Scheme != Uri.UriSchemeHttps && value.Scheme != Uri.UriSchemeHttp))
        {
            return $"{parameterName} '{Shorten(value.OriginalString)}' must be an absolute http:// or https:// address, such as https://cloud.mongodb.com.";
        }

        if (value.Scheme == Uri.UriSchemeHttp && !value.IsLoopback && !allowInsecureHttp)
        {
            return $"{parameterName} '{value.GetLeftPart(UriPartial.Authority)}' uses plain http to a host that is not loopback: credentials would cross the network unencrypted. Use https, or allow insecure http explicitly.";
        }

        return null;
    }

    internal static void ThrowIfInvalid(string? message, string parameterName)
    {
        if (message is not null)
        {
            throw new ArgumentException(message, parameterName);
        }
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value.Substring(0, 40) + "...";
}
