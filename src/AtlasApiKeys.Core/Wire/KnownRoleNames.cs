using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace AtlasApiKeys.Core.Wire;

/// <summary>The role names Atlas is known to send, as shared strings: a role read from an answer costs no string.</summary>
internal static class KnownRoleNames
{
    private static readonly Dictionary<int, (byte[] Utf8, string Name)[]> KnownRoles = BuildKnownRoles();

    /// <summary>The role name at the reader's string token.</summary>
    public static string Read(ref Utf8JsonReader reader)
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
