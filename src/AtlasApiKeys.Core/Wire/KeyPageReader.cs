using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Core.Wire;

/// <summary>Reads one page of a listing (PaginatedApiApiUserView), or one key (ApiKeyUserDetails), straight into the model with a
/// Utf8JsonReader: a role's project id is compared as bytes, known role names come back as shared
/// strings, and nothing is kept that the model does not hold. Anything that is not the promised shape
/// is a <see cref="JsonException"/>, never a half-filled key.</summary>
internal static class KeyPageReader
{
    private static readonly Dictionary<int, (byte[] Utf8, string Name)[]> KnownRoles = BuildKnownRoles();

    public sealed class Page(List<ProjectApiKey> keys, int? totalCount, bool nextLink)
    {
        public List<ProjectApiKey> Keys { get; } = keys;

        public int? TotalCount { get; } = totalCount;

        public bool NextLink { get; } = nextLink;
    }

    /// <summary>Reads one key (the answer to create or update); its private key is kept only when
    /// <paramref name="keepPrivateKey"/> (create: the one answer that shows it unmasked).</summary>
    public static ProjectApiKey ReadKey(ReadOnlySpan<byte> json, string project, bool keepPrivateKey)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
        Next(ref reader);
        var key = ReadKey(ref reader, Encoding.UTF8.GetBytes(project), project, keepPrivateKey);
        if (reader.Read())
        {
            throw Bad("there is more after the key");
        }

        return key;
    }

    /// <summary>Reads the page; <paramref name="project"/> is the lower-case project id.</summary>
    public static Page Read(ReadOnlySpan<byte> json, string project)
    {
        var projectUtf8 = Encoding.UTF8.GetBytes(project);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
        Expect(ref reader, JsonTokenType.StartObject);
        List<ProjectApiKey>? keys = null;
        int? total = null;
        var next = false;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("results"u8))
            {
                keys = ReadKeys(ref reader, projectUtf8, project);
            }
            else if (reader.ValueTextEquals("totalCount"u8))
            {
                Next(ref reader);
                total = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var t) && t >= 0 ? t : throw Bad("totalCount is not a count");
            }
            else if (reader.ValueTextEquals("links"u8))
            {
                next = ReadLinks(ref reader);
            }
            else
            {
                Skip(ref reader);
            }
        }

        if (reader.Read())
        {
            throw Bad("there is more after the page");
        }

        return new Page(keys ?? throw Bad("the page has no results array"), total, next);
    }

    private static List<ProjectApiKey> ReadKeys(ref Utf8JsonReader reader, byte[] projectUtf8, string project)
    {
        Next(ref reader);
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Bad("results is not an array");
        }

        var keys = new List<ProjectApiKey>();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            keys.Add(ReadKey(ref reader, projectUtf8, project, keepPrivateKey: false));
        }

        return keys;
    }

    private static ProjectApiKey ReadKey(ref Utf8JsonReader reader, byte[] projectUtf8, string project, bool keepPrivateKey)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Bad("a key is not an object");
        }

        string? id = null, publicKey = null, description = null, privateKey = null;
        var roles = new List<string>(2);
        var orgRoles = new List<string>(1);
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                id = ReadString(ref reader, "id");
            }
            else if (reader.ValueTextEquals("publicKey"u8))
            {
                publicKey = ReadString(ref reader, "publicKey");
            }
            else if (reader.ValueTextEquals("desc"u8))
            {
                Next(ref reader);
                description = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Null => null,
                    _ => throw Bad("desc is not text"),
                };
            }
            else if (reader.ValueTextEquals("roles"u8))
            {
                ReadRoles(ref reader, projectUtf8, roles, orgRoles);
            }
            else if (keepPrivateKey && reader.ValueTextEquals("privateKey"u8))
            {
                privateKey = ReadString(ref reader, "privateKey");
            }
            else
            {
                Skip(ref reader);
            }
        }

        if (!AtlasValidation.IsObjectId(id) || publicKey is not { Length: > 0 })
        {
            throw Bad("a key has no valid id or public key");
        }

        if (keepPrivateKey && privateKey is not { Length: > 0 })
        {
            throw Bad("the created key has no private key");
        }

        return new ProjectApiKey(id!, publicKey, description, project, roles.ToArray(), orgRoles.ToArray(), privateKey is null ? null : AtlasCredential.Protect(privateKey));
    }

    private static void ReadRoles(ref Utf8JsonReader reader, byte[] projectUtf8, List<string> roles, List<string> orgRoles)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Bad("roles is not an array");
        }

        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw Bad("a role is not an object");
            }

            bool? here = null;
            var org = false;
            string? name = null;
            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                if (reader.ValueTextEquals("groupId"u8))
                {
                    Next(ref reader);
                    here = reader.TokenType == JsonTokenType.String ? reader.ValueTextEquals(projectUtf8) || SameIgnoringCase(ref reader, projectUtf8) : throw Bad("groupId is not text");
                }
                else if (reader.ValueTextEquals("orgId"u8))
                {
                    Next(ref reader);
                    org = reader.TokenType == JsonTokenType.String ? true : throw Bad("orgId is not text");
                }
                else if (reader.ValueTextEquals("roleName"u8))
                {
                    Next(ref reader);
                    name = reader.TokenType == JsonTokenType.String ? RoleName(ref reader) : throw Bad("roleName is not text");
                }
                else
                {
                    Skip(ref reader);
                }
            }

            if (name is not { Length: > 0 })
            {
                throw Bad("a role has no roleName");
            }

            if (here is { } inProject)
            {
                if (inProject)
                {
                    roles.Add(name);
                }
            }
            else if (org)
            {
                orgRoles.Add(name);
            }
        }
    }

    private static bool ReadLinks(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return false;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Bad("links is not an array");
        }

        var next = false;
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw Bad("a link is not an object");
            }

            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                if (reader.ValueTextEquals("rel"u8))
                {
                    Next(ref reader);
                    next |= reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("next"u8);
                }
                else
                {
                    Skip(ref reader);
                }
            }
        }

        return next;
    }

    private static string RoleName(ref Utf8JsonReader reader)
    {
        if (!reader.HasValueSequence && !reader.ValueIsEscaped && KnownRoles.TryGetValue(reader.ValueSpan.Length, out var candidates))
        {
            foreach (var (utf8, name) in candidates)
            {
                if (reader.ValueSpan.SequenceEqual(utf8))
                {
                    return name;
                }
            }
        }

        return reader.GetString() ?? string.Empty;
    }

    private static bool SameIgnoringCase(ref Utf8JsonReader reader, byte[] projectUtf8) =>
        string.Equals(reader.GetString(), Encoding.UTF8.GetString(projectUtf8), StringComparison.OrdinalIgnoreCase);

    private static string ReadString(ref Utf8JsonReader reader, string name)
    {
        Next(ref reader);
        return reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw Bad($"{name} is not text");
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw Bad("the body ends too soon");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (Next(ref reader) != type)
        {
            throw Bad($"expected {type}, found {reader.TokenType}");
        }
    }

    private static void Skip(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        reader.Skip();
    }

    private static JsonException Bad(string reason) => new(reason);

    private static Dictionary<int, (byte[] Utf8, string Name)[]> BuildKnownRoles()
    {
        var names = new List<string>(AtlasValidation.KnownProjectRoles)
        {
            "ORG_MEMBER", "ORG_READ_ONLY", "ORG_STREAM_PROCESSING_ADMIN", "ORG_BILLING_ADMIN",
            "ORG_BILLING_READ_ONLY", "ORG_GROUP_CREATOR", "ORG_OWNER",
        };
        var byLength = new Dictionary<int, List<(byte[], string)>>();
        foreach (var name in names)
        {
            var utf8 = Encoding.UTF8.GetBytes(name);
            if (!byLength.TryGetValue(utf8.Length, out var list))
            {
                byLength[utf8.Length] = list = [];
            }

            list.Add((utf8, name));
        }

        var result = new Dictionary<int, (byte[] Utf8, string Name)[]>();
        foreach (var pair in byLength)
        {
            result[pair.Key] = pair.Value.ToArray();
        }

        return result;
    }
}
