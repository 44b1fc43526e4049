using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace AtlasApiKeys.StubServer;

/// <summary>Organization keys' API access lists, and the check every API request passes.</summary>
public sealed partial class StubState
{
    /// <summary>Copies of the key's entries in the order added, or null when the key is not in the organization.</summary>
    public List<StubAccessEntry>? AccessList(string orgId, string keyId)
    {
        lock (gate)
        {
            return keys.TryGetValue(keyId, out var key) && key.OrgId == orgId ? key.AccessList.Select(e => e.Copy()).ToList() : null;
        }
    }

    /// <summary>Adds entries all or none: a block already on the list (or given twice) refuses the whole request.</summary>
    public (StubOutcome Outcome, string? Duplicate) AddAccessEntries(string orgId, string keyId, IReadOnlyList<StubAccessEntry> entries)
    {
        lock (gate)
        {
            if (!keys.TryGetValue(keyId, out var key) || key.OrgId != orgId)
            {
                return (StubOutcome.KeyNotFound, null);
            }

            var seen = new HashSet<string>(key.AccessList.Select(e => e.CidrBlock), StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                if (!seen.Add(entry.CidrBlock))
                {
                    return (StubOutcome.DuplicateEntry, entry.IpAddress ?? entry.CidrBlock);
                }
            }

            key.AccessList.AddRange(entries.Select(e => e.Copy()));
            return (StubOutcome.Done, null);
        }
    }

    /// <summary>A copy of the entry for <paramref name="cidrBlock"/> (canonical), or the reason there is none.</summary>
    public (StubOutcome Outcome, StubAccessEntry? Entry) AccessEntry(string orgId, string keyId, string cidrBlock)
    {
        lock (gate)
        {
            if (!keys.TryGetValue(keyId, out var key) || key.OrgId != orgId)
            {
                return (StubOutcome.KeyNotFound, null);
            }

            var entry = key.AccessList.FirstOrDefault(e => e.CidrBlock == cidrBlock);
            return entry is null ? (StubOutcome.EntryNotFound, null) : (StubOutcome.Done, entry.Copy());
        }
    }

    /// <summary>Removes one entry. Atlas refuses to remove the caller's own address, from any key's list
    /// (CANNOT_REMOVE_CALLER_FROM_ACCESS_LIST), so no one cuts off the address they are calling from.</summary>
    public StubOutcome RemoveAccessEntry(string orgId, string keyId, string cidrBlock, IPAddress caller)
    {
        lock (gate)
        {
            if (!keys.TryGetValue(keyId, out var key) || key.OrgId != orgId)
            {
                return StubOutcome.KeyNotFound;
            }

            var index = key.AccessList.FindIndex(e => e.CidrBlock == cidrBlock);
            if (index < 0)
            {
                return StubOutcome.EntryNotFound;
            }

            if (key.AccessList[index].CidrBlock == StubAddress.Text(StubAddress.Single(caller)))
            {
                return StubOutcome.CallerAddress;
            }

            key.AccessList.RemoveAt(index);
            return StubOutcome.Done;
        }
    }

    /// <summary>The check before every API request. A key with entries must call from an address one
    /// covers (and that entry records the use); a key with none passes unless its organization requires
    /// an access list. Service accounts have access lists of their own, not modelled: they pass.</summary>
    public StubAccessVerdict CheckAccess(StubCaller caller)
    {
        lock (gate)
        {
            var key = caller.PublicKey is { } publicKey ? keys.Values.FirstOrDefault(k => k.PublicKey == publicKey) : null;
            if (key is null)
            {
                return StubAccessVerdict.Allowed;
            }

            if (key.AccessList.Count == 0)
            {
                return orgs[key.OrgId].ApiAccessListRequired ? StubAccessVerdict.OrgRequiresAccessList : StubAccessVerdict.Allowed;
            }

            var entry = key.AccessList.FirstOrDefault(e => StubAddress.Covers(e.CidrBlock, caller.Address));
            if (entry is null)
            {
                return StubAccessVerdict.NotOnAccessList;
            }

            var address = StubAddress.Text(caller.Address);
            entry.Count = entry.LastUsedAddress == address ? entry.Count + 1 : 1;
            entry.LastUsedAddress = address;
            entry.LastUsed = DateTimeOffset.UtcNow;
            return StubAccessVerdict.Allowed;
        }
    }

    /// <summary>Adds entries to a key as seeding does (no duplicate check, no caller).</summary>
    public void SeedAccessList(string keyId, params string[] entries)
    {
        lock (gate)
        {
            foreach (var text in entries)
            {
                if (!StubAddress.TryParseEntry(text, out var block))
                {
                    throw new ArgumentException($"Not an address or a CIDR block: {text}.", nameof(entries));
                }

                var isAddress = StubAddress.TryParseAddress(text, out var address);
                keys[keyId].AccessList.Add(new StubAccessEntry { CidrBlock = StubAddress.Text(block), IpAddress = isAddress ? StubAddress.Text(address) : null });
            }
        }
    }
}
