using System;

namespace AtlasApiKeys.StubServer;

/// <summary>One entry of an organization key's API access list: an address (kept as its /32 or /128
/// block too) or a CIDR block, with what Atlas records about its use.</summary>
public sealed class StubAccessEntry
{
    /// <summary>The canonical block, e.g. <c>203.0.113.0/24</c>, or <c>203.0.113.10/32</c> for an address.</summary>
    public required string CidrBlock { get; init; }

    /// <summary>The address, when the entry was added as <c>ipAddress</c>; null for a block.</summary>
    public string? IpAddress { get; init; }

    public DateTimeOffset Created { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The last request this entry let through; null until one did.</summary>
    public DateTimeOffset? LastUsed { get; set; }

    public string? LastUsedAddress { get; set; }

    /// <summary>Requests from <see cref="LastUsedAddress"/>.</summary>
    public int Count { get; set; }

    public StubAccessEntry Copy() => new()
    {
        CidrBlock = CidrBlock,
        IpAddress = IpAddress,
        Created = Created,
        LastUsed = LastUsed,
        LastUsedAddress = LastUsedAddress,
        Count = Count,
    };
}
