using System;

namespace AtlasApiKeys.Core.Model;

/// <summary>One entry of an organization key's API access list: an address (<see cref="IpAddress"/>,
/// whose <see cref="CidrBlock"/> is its /32 or /128) or a block of addresses.</summary>
public sealed class ApiKeyAccessListEntry
{
    /// <summary>Creates an entry.</summary>
    public ApiKeyAccessListEntry(string orgId, string apiKeyId, string? cidrBlock, string? ipAddress, DateTimeOffset? created, DateTimeOffset? lastUsed, string? lastUsedAddress, int? count)
    {
        OrgId = orgId;
        ApiKeyId = apiKeyId;
        CidrBlock = cidrBlock;
        IpAddress = ipAddress;
        Created = created;
        LastUsed = lastUsed;
        LastUsedAddress = lastUsedAddress;
        Count = count;
        Entry = AtlasValidation.ShortForm(ipAddress ?? cidrBlock ?? string.Empty);
    }

    /// <summary>The organization of the key.</summary>
    public string OrgId { get; }

    /// <summary>The key whose list this is.</summary>
    public string ApiKeyId { get; }

    /// <summary>The block of addresses, in CIDR notation (for an address entry: the address's /32 or /128).</summary>
    public string? CidrBlock { get; }

    /// <summary>The address, for an entry added as one address; null for a block.</summary>
    public string? IpAddress { get; }

    /// <summary>When the entry was added.</summary>
    public DateTimeOffset? Created { get; }

    /// <summary>The last request through this entry; null until one was made.</summary>
    public DateTimeOffset? LastUsed { get; }

    /// <summary>The address of the last request through this entry; null until one was made.</summary>
    public string? LastUsedAddress { get; }

    /// <summary>Requests from <see cref="LastUsedAddress"/>; null until one was made.</summary>
    public int? Count { get; }

    /// <summary>The address, or else the block, IPv6 in its short form ("2001:db8::10", where Atlas writes
    /// every group): what names the entry to Remove-AtlasApiKeyAccessListEntry.</summary>
    public string Entry { get; }

    /// <inheritdoc />
    public override string ToString() => Entry;
}
