using System;
using System.Collections.Generic;
using System.Text.Json;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Core.Wire;

/// <summary>Reads one page of a key listing (PaginatedApiApiUserView), or one key (ApiKeyUserDetails),
/// straight into the model with a Utf8JsonReader. Which roles a key keeps is the caller's
/// <see cref="KeyShape{TKey}"/>: one project's (a <see cref="ProjectApiKey"/>, its project id compared
/// as bytes), or every project's and the organization's (an <see cref="OrgApiKey"/>). Known role names
/// come back as shared strings, and nothing is kept that the model does not hold. Anything that is not
/// the promised shape is a <see cref="JsonException"/>, never a half-filled key.</summary>
internal static class KeyPageReader
{
    /// <summary>Reads one key (the answer to create or update) with one project's roles; its private key
    /// is kept only when <paramref name="keepPrivateKey"/> (create: the one answer that shows it unmasked).</summary>
    public static ProjectApiKey ReadKey(ReadOnlySpan<byte> json, string project, bool keepPrivateKey) =>
        ReadKey(json, new ProjectKeyShape(project), keepPrivateKey);

    /// <summary>Reads one key in the given shape.</summary>
    public static TKey ReadKey<TKey>(ReadOnlySpan<byte> json, KeyShape<TKey> shape, bool keepPrivateKey)
        where TKey : class
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
        Next(ref reader);
        var key = ReadKey(ref reader, shape, keepPrivateKey);
        if (reader.Read())
        {
            throw Bad("there is more after the key");
        }

        return key;
    }

    /// <summary>Reads the page with one project's roles; <paramref name="project"/> is the lower-case project id.</summary>
    public static WirePage<ProjectApiKey> Read(ReadOnlySpan<byte> json, string project) => Read(json, new ProjectKeyShape(project));

    /// <summary>Reads the page in the given shape.</summary>
    public static WirePage<TKey> Read<TKey>(ReadOnlySpan<byte> json, KeyShape<TKey> shape)
        where TKey : class
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
        Expect(ref reader, JsonTokenType.StartObject);
        List<TKey>? keys = null;
        int? total = null;
        var next = false;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("results"u8))
            {
                keys = ReadKeys(ref reader, shape);
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

        return new WirePage<TKey>(keys ?? throw Bad("the page has no results array"), total, next);
    }

    private static List<TKey> ReadKeys<TKey>(ref Utf8JsonReader reader, KeyShape<TKey> shape)
        where TKey : class
    {
        Next(ref reader);
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Bad("results is not an array");
        }

        var keys = new List<TKey>();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            keys.Add(ReadKey(ref reader, shape, keepPrivateKey: false));
        }

        return keys;
    }

    private static TKey ReadKey<TKey>(ref Utf8JsonReader reader, KeyShape<TKey> shape, bool keepPrivateKey)
        where TKey : class
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Bad("a key is not an object");
        }

        string? id = null, publicKey = null, description = null, privateKey = null;
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
                ReadRoles(ref reader, shape);
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

        return shape.Build(id!, publicKey, description, privateKey is null ? null : AtlasCredential.Protect(privateKey));
    }

    private static void ReadRoles<TKey>(ref Utf8JsonReader reader, KeyShape<TKey> shape)
        where TKey : class
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

            var inProject = false;
            string? project = null;
            var org = false;
            string? name = null;
            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                if (reader.ValueTextEquals("groupId"u8))
                {
                    Next(ref reader);
                    project = reader.TokenType == JsonTokenType.String ? shape.Project(ref reader) : throw Bad("groupId is not text");
                    inProject = true;
                }
                else if (reader.ValueTextEquals("orgId"u8))
                {
                    Next(ref reader);
                    org = reader.TokenType == JsonTokenType.String ? true : throw Bad("orgId is not text");
                }
                else if (reader.ValueTextEquals("roleName"u8))
                {
                    Next(ref reader);
                    name = reader.TokenType == JsonTokenType.String ? KnownRoleNames.Read(ref reader) : throw Bad("roleName is not text");
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

            if (inProject)
            {
                if (project is not null)
                {
                    shape.AddProjectRole(project, name);
                }
            }
            else if (org)
            {
                shape.AddOrgRole(name);
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
}
