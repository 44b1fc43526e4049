using System;
using System.Collections.Generic;
using System.Linq;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Tests.Reliability;

/// <summary>What one chaos worker believes its project holds: built only from what the module told it
/// (successes, and outcomes it looked up after a may-have-succeeded error).</summary>
internal sealed class ChaosModel
{
    public Dictionary<string, (string? Description, string[] Roles)> Assigned { get; } = new(StringComparer.Ordinal);

    /// <summary>Descriptions of creates the module said failed for certain: no such key may exist.</summary>
    public List<string> FailedCreates { get; } = [];

    public void Adopt(ProjectApiKey key) => Assigned[key.Id] = (key.Description, key.Roles.OrderBy(r => r, StringComparer.Ordinal).ToArray());

    /// <summary>Differences between the model and what the server lists, as text (empty: none).</summary>
    public List<string> Compare(IEnumerable<ProjectApiKey> listed)
    {
        var problems = new List<string>();
        var seen = listed.ToDictionary(k => k.Id, StringComparer.Ordinal);
        foreach (var (id, expected) in Assigned)
        {
            if (!seen.TryGetValue(id, out var actual))
            {
                problems.Add($"lost: {id} ({expected.Description}) is not in the project");
                continue;
            }

            var roles = actual.Roles.OrderBy(r => r, StringComparer.Ordinal).ToArray();
            if (!roles.SequenceEqual(expected.Roles) || actual.Description != expected.Description)
            {
                problems.Add($"changed: {id} is '{actual.Description}' [{string.Join(",", roles)}], expected '{expected.Description}' [{string.Join(",", expected.Roles)}]");
            }
        }

        foreach (var id in seen.Keys.Where(id => !Assigned.ContainsKey(id)))
        {
            problems.Add($"phantom: {id} ({seen[id].Description}) is in the project");
        }

        return problems;
    }
}
