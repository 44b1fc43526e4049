using System;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace AtlasApiKeys.StubServer;

/// <summary>An organization API key held by the stub.</summary>
public sealed class StubKey
{
    public required string Id { get; init; }

    public required string PublicKey { get; init; }

    public required string PrivateKey { get; init; }

    /// <summary>The organization the key belongs to (a key belongs to exactly one).</summary>
    public required string OrgId { get; init; }

    public string Description { get; set; } = string.Empty;

    public List<string> OrgRoles { get; } = [];

    /// <summary>Project id to the roles held there, in insertion order.</summary>
    public Dictionary<string, List<string>> ProjectRoles { get; } = new(StringComparer.Ordinal);

    /// <summary>The key's API access list, in the order the entries were added.</summary>
    public List<StubAccessEntry> AccessList { get; } = [];

    /// <summary>What Atlas shows after create: all but the last 12 characters hidden.</summary>
    public string MaskedPrivateKey => "********-****-****-" + PrivateKey[^12..];
}

/// <summary>A project (Atlas's group) of one organization, with its assigned keys in assignment order.</summary>
public sealed class StubProject(string id, string name, string orgId)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public string OrgId { get; } = orgId;

    public DateTimeOffset Created { get; } = DateTimeOffset.UtcNow;

    public List<string> KeyIds { get; } = [];
}

/// <summary>A service account the token endpoint accepts, of one organization.</summary>
public sealed record StubServiceAccount(string ClientId, string ClientSecret)
{
    public string OrgId { get; init; } = string.Empty;
}

internal static class StubIds
{
    public static string NewObjectId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();

    public static string NewPublicKey()
    {
        const string letters = "abcdefghijklmnopqrstuvwxyz";
        var chars = new char[8];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = letters[RandomNumberGenerator.GetInt32(letters.Length)];
        }

        return new string(chars);
    }

    public static string NewPrivateKey() => Guid.NewGuid().ToString();

    public static bool IsObjectId(string? value)
    {
        if (value is not { Length: 24 })
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
