namespace AtlasApiKeys.Commands;

/// <summary>What a parameter of <see cref="ValidateAtlasAccessListEntryAttribute"/> accepts.</summary>
public enum AccessListEntryKind
{
    /// <summary>One IP address (IPv4 or IPv6).</summary>
    IpAddress,

    /// <summary>A CIDR block.</summary>
    CidrBlock,

    /// <summary>Either: a value with '/' is checked as a CIDR block, any other as an address.</summary>
    Either,
}
