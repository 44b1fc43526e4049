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

    public string Description { get; set; } = string.Empty;

    public List<string> OrgRoles { get; } = [];

    /// <summary>Project id to the roles held there, in insertion order.</summary>
    public Dictionary<string, List<string>> ProjectRoles { get; } = new(StringComparer.Ordinal);

    /// <summary>What Atlas shows after create: all but the last 12 characters hidden.</summary>
    public string MaskedPrivateKey => "********-****-****-" + PrivateKey[^12..];
}

/// <summary>A project with its assigned keys in assignment order.</summary>
public sealed class StubProject(string id, string name)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public List<string> KeyIds { get; } = [];
}

/// <summary>A service account the token endpoint accepts.</summary>
public sealed record StubServiceAccount(string ClientId, string ClientSecret);

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
