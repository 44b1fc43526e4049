using System;
using System.Collections.Generic;
using System.Linq;

namespace AtlasApiKeys.Core;

/// <summary>Checks made before any request is sent. Each returns null when the value is good,
/// else a message that names the parameter and what was wrong.</summary>
public static class AtlasValidation
{
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
            if (!IsHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Checks a project, organization or key id. The hint follows what the parameter holds, as its
    /// name says: under a key's id (a name with "Key") a public key gets "pass the key's Id"; under a
    /// project's id (a name with "Project"), a value that is not hexadecimal reads as a project name.</summary>
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

        var shown = Shorten(value);
        if (value.All(IsHexDigit))
        {
            return $"{parameterName} '{shown}' is not a valid id: it must be 24 hexadecimal digits, and this has {value.Length}.";
        }

        if (parameterName.IndexOf("Key", StringComparison.OrdinalIgnoreCase) >= 0 && value.Length == 8 && value.All(char.IsLetterOrDigit))
        {
            return $"{parameterName} '{value}' looks like a public key; pass the key's Id (24 hex digits), as Get-AtlasProjectApiKey shows it.";
        }

        if (parameterName.IndexOf("Project", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            var (verb, byName) = parameterName.StartsWith("MONGODB_ATLAS_", StringComparison.Ordinal) ? ("set it to", string.Empty)
                : ("pass", parameterName == "ProjectId" ? ", or give the name to -ProjectName" : string.Empty);
            return $"{parameterName} '{shown}' looks like a project name, not an id: {verb} the project's id (24 hex digits, shown in Atlas under Project Settings){byName}.";
        }

        return $"{parameterName} '{shown}' is not a valid id: it must be 24 hexadecimal digits.";
    }

    /// <summary>The one "nothing to change" rule of a key's update: a role change, a description, or
    /// both, each named as the caller's parameters are.</summary>
    public static string? CheckSomethingToChange(bool roles, bool description, string roleParameters, string descriptionParameter) =>
        roles || description ? null : $"Give {roleParameters}, {descriptionParameter}, or both: there is nothing to change.";

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

            if (!IsProjectRoleName(role))
            {
                var hint = IsProjectRoleName(role.ToUpperInvariant()) ? $" Did you mean '{role.ToUpperInvariant()}'?" : string.Empty;
                return $"{parameterName} '{Shorten(role)}' is not a project role name: it must be GROUP_ followed by capitals, such as GROUP_READ_ONLY.{hint}";
            }
        }

        return null;
    }

    /// <summary>GROUP_, a capital, then capitals and underscores (^GROUP_[A-Z][A-Z_]*\z, without a regular
    /// expression: building one cost a runbook's first call a few milliseconds, needed or not).</summary>
    internal static bool IsProjectRoleName(string role)
    {
        const string Prefix = "GROUP_";
        if (role.Length <= Prefix.Length || !role.StartsWith(Prefix, StringComparison.Ordinal) || role[Prefix.Length] is < 'A' or > 'Z')
        {
            return false;
        }

        for (var i = Prefix.Length + 1; i < role.Length; i++)
        {
            if (role[i] is not ('_' or (>= 'A' and <= 'Z')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Checks one IP address: a dotted IPv4 address or an IPv6 address (no zone, no prefix).</summary>
    public static string? CheckIpAddress(string? value, string parameterName)
    {
        if (value is null || value.Trim().Length == 0)
        {
            return $"{parameterName} must not be empty: pass an IP address such as 203.0.113.10.";
        }

        if (value.IndexOf('/') >= 0)
        {
            return $"{parameterName} '{Shorten(value)}' is a block of addresses: pass it as -CidrBlock, or give one address.";
        }

        if (HasLeadingZero(value))
        {
            return $"{parameterName} '{Shorten(value)}' is not an IP address: Atlas refuses numbers with a leading zero (write 10.0.0.1, not 010.0.0.1).";
        }

        return ParseAddress(value) is null
            ? $"{parameterName} '{Shorten(value)}' is not an IP address: give four numbers 0-255 with dots (203.0.113.10) or an IPv6 address (2001:db8::10)."
            : null;
    }

    /// <summary>Checks a CIDR block: an address, '/', and a prefix length (0-32 for IPv4, 0-128 for IPv6).</summary>
    public static string? CheckCidrBlock(string? value, string parameterName)
    {
        if (value is null || value.Trim().Length == 0)
        {
            return $"{parameterName} must not be empty: pass a block such as 203.0.113.0/24.";
        }

        var slash = value.IndexOf('/');
        if (slash > 0 && (HasLeadingZero(value.Substring(0, slash)) || value.Substring(slash + 1).Trim() is { Length: > 1 } zero && zero[0] == '0'))
        {
            return $"{parameterName} '{Shorten(value)}' is not a CIDR block: Atlas refuses numbers with a leading zero (write 10.0.0.0/8, not 010.0.0.0/08).";
        }

        var address = slash > 0 ? ParseAddress(value.Substring(0, slash)) : null;
        var prefix = slash > 0 ? value.Substring(slash + 1).Trim() : string.Empty;
        var max = address?.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32;
        if (address is null || prefix.Length is < 1 or > 3 || !prefix.All(c => c is >= '0' and <= '9') || int.Parse(prefix, System.Globalization.CultureInfo.InvariantCulture) > max)
        {
            return $"{parameterName} '{Shorten(value)}' is not a CIDR block: give an address, '/' and a prefix length, such as 203.0.113.0/24 or 2001:db8::/32.";
        }

        var network = Network(address, int.Parse(prefix, System.Globalization.CultureInfo.InvariantCulture));
        return network.Equals(address)
            ? null
            : $"{parameterName}: {Shorten(value.Trim())} is not a network address; did you mean {network}/{prefix}? (A block names its first address: no bits set past its prefix.)";
    }

    /// <summary>Checks an address or, written with a '/', a CIDR block; a value that is neither is named so.</summary>
    public static string? CheckAddressOrBlock(string? value, string parameterName)
    {
        if (value?.IndexOf('/') >= 0)
        {
            return CheckCidrBlock(value, parameterName);
        }

        var problem = CheckIpAddress(value, parameterName);
        return problem is not null && value!.Trim().Length > 0 && ParseAddress(value) is null
            ? $"{parameterName} '{Shorten(value)}' is neither an IP address nor a CIDR block: give an address such as 203.0.113.10 or 2001:db8::10, or a block such as 203.0.113.0/24."
            : problem;
    }

    /// <summary>One form for an address or block however it is written (an address as its /32 or /128 block, IPv6
    /// compressed), to find duplicates; null when the value is not one.</summary>
    internal static string? Canonical(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var slash = value.IndexOf('/');
        var address = ParseAddress(slash < 0 ? value : value.Substring(0, slash));
        var full = address?.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32;
        return address is null ? null : slash < 0 ? $"{address}/{full}" : $"{address}/{int.Parse(value.Substring(slash + 1).Trim(), System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <summary>A checked address or block as it goes to Atlas: IPv4 as given (trimmed), IPv6 written out
    /// in full, eight groups in lower case without leading zeros ("2001:db8:0:0:0:0:0:10"), since the
    /// spec's patterns for ipAddress (in a body and in a path) allow no "::" and its cidrBlock pattern
    /// allows one only at the start or end.</summary>
    internal static string WireForm(string value)
    {
        value = value.Trim();
        var slash = value.IndexOf('/');
        var text = slash < 0 ? value : value.Substring(0, slash).Trim();
        var prefix = slash < 0 ? string.Empty : "/" + value.Substring(slash + 1).Trim();
        if (text.IndexOf(':') < 0 || ParseAddress(text) is not { } address)
        {
            return text + prefix;   // IPv4 as given, without spaces around '/'
        }

        var bytes = address.GetAddressBytes();
        var groups = new string[8];
        for (var i = 0; i < 8; i++)
        {
            groups[i] = ((bytes[2 * i] << 8) | bytes[(2 * i) + 1]).ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        }

        return string.Join(":", groups) + prefix;
    }

    /// <summary>An address or block for people to read: IPv6 in its short form ("2001:db8::10"), anything
    /// else as it is.</summary>
    internal static string ShortForm(string value)
    {
        var slash = value.IndexOf('/');
        var text = slash < 0 ? value : value.Substring(0, slash);
        return text.IndexOf(':') < 0 || ParseAddress(text) is not { } address ? value : address + (slash < 0 ? string.Empty : value.Substring(slash));
    }

    /// <summary>True for a dotted IPv4 address with a number written with a leading zero (010.0.0.1).</summary>
    private static bool HasLeadingZero(string value) =>
        value.IndexOf(':') < 0 && value.Trim().Split('.').Any(p => p.Length > 1 && p[0] == '0');

    /// <summary>The address with every bit past the prefix cleared.</summary>
    private static System.Net.IPAddress Network(System.Net.IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new System.Net.IPAddress(bytes);
    }

    /// <summary>The address (strict dotted IPv4, or IPv6 without a zone), or null when it is not one.</summary>
    internal static System.Net.IPAddress? ParseAddress(string value)
    {
        value = value.Trim();
        if (value.IndexOf(':') >= 0)
        {
            return value.IndexOf('%') < 0 && System.Net.IPAddress.TryParse(value, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? v6 : null;
        }

        var parts = value.Split('.');
        if (parts.Length != 4 || parts.Any(p => p.Length is < 1 or > 3 || !p.All(c => c is >= '0' and <= '9') || int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) > 255))
        {
            return null;
        }

        return System.Net.IPAddress.Parse(value);
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
            return $"{parameterName} '{value.GetLeftPart(UriPartial.Authority)}' uses plain http to a host that is not loopback: credentials would cross the network unencrypted. Use https, or pass -AllowInsecureHttp to Connect-Atlas if plain http is meant.";
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

    private static bool IsHexDigit(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

    private static string Shorten(string value) => value.Length <= 40 ? value : value.Substring(0, 40) + "...";
}
