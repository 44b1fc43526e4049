using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace AtlasApiKeys.StubServer;

/// <summary>Addresses and CIDR blocks as the access-list operations accept them: strict dotted IPv4
/// (no leading zeros, as the spec's pattern), IPv6 without a zone and in the forms the spec's patterns
/// allow, blocks in canonical form; written back as Atlas's schema has them (IPv6 in full).</summary>
public static partial class StubAddress
{
    /// <summary>An address as a request's caller: IPv4-mapped IPv6 is shown as IPv4, as Atlas shows it.</summary>
    public static IPAddress Caller(IPAddress? remote) =>
        remote is null ? IPAddress.Loopback : remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;

    public static bool TryParseAddress(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrEmpty(text) || text.Contains('%', StringComparison.Ordinal))
        {
            return false;
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(text, out address!) && address.AddressFamily == AddressFamily.InterNetworkV6;
        }

        return Ipv4().IsMatch(text) && IPAddress.TryParse(text, out address!);
    }

    /// <summary>A block "address/prefix" in canonical form: no bits set past the prefix. In a request
    /// body the '/' may come as %2F (the spec's cidrBlock pattern allows it); in a path it arrives
    /// decoded, and a %2F left after decoding is a client's double encoding.</summary>
    public static bool TryParseBlock(string? text, out IPNetwork block, bool encodedSlash = false)
    {
        block = default;
        if (text is null)
        {
            return false;
        }

        if (encodedSlash)
        {
            text = text.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !TryParseAddress(text[..slash], out var address)
            || !Prefix().IsMatch(text[(slash + 1)..])
            || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
            || prefix > (address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128))
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0)
            {
                return false;   // not canonical: a bit set past the prefix
            }
        }

        block = new IPNetwork(address, prefix);
        return true;
    }

    /// <summary>An address as Atlas writes it: IPv6 in its full form of eight groups, lower case, without
    /// leading zeros ("2001:db8:0:0:0:0:0:10"), the only IPv6 form the spec's ipAddress pattern allows
    /// in UserAccessListRequest and UserAccessListResponse alike.</summary>
    public static string Text(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        var groups = new string[8];
        for (var i = 0; i < 8; i++)
        {
            groups[i] = ((bytes[2 * i] << 8) | bytes[(2 * i) + 1]).ToString("x", CultureInfo.InvariantCulture);
        }

        return string.Join(':', groups);
    }

    /// <summary>A block as Atlas writes it: its address as <see cref="Text(IPAddress)"/>, '/', the prefix.</summary>
    public static string Text(IPNetwork block) => $"{Text(block.BaseAddress)}/{block.PrefixLength.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>True when a request body's ipAddress matches the spec's pattern (UserAccessListRequest.ipAddress):
    /// dotted IPv4, or IPv6 in its full form only (the pattern has no '::').</summary>
    public static bool MatchesSpecAddress(string text) => SpecAddress().IsMatch(text);

    /// <summary>True when a request body's cidrBlock matches the spec's pattern (UserAccessListRequest.cidrBlock):
    /// IPv6 compressed only at its start or end.</summary>
    public static bool MatchesSpecBlock(string text) => SpecBlock().IsMatch(text);

    /// <summary>True when a path's {ipAddress} (its '/' as %2F) matches the spec's path pattern
    /// (getOrgApiKeyAccessListEntry, deleteOrgApiKeyAccessListEntry): IPv6 full, or compressed only at its end.</summary>
    public static bool MatchesSpecPathEntry(string decoded) => SpecPathEntry().IsMatch(decoded.Replace("/", "%2F", StringComparison.Ordinal));

    /// <summary>An address's own block: /32 or /128.</summary>
    public static IPNetwork Single(IPAddress address) => new(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);

    /// <summary>A path segment (already %-decoded once): an address or a block, as its canonical block.</summary>
    public static bool TryParseEntry(string? text, out IPNetwork block)
    {
        if (TryParseAddress(text, out var address))
        {
            block = Single(address);
            return true;
        }

        return TryParseBlock(text, out block);
    }

    public static bool Covers(string cidrBlock, IPAddress address) =>
        IPNetwork.TryParse(cidrBlock, out var block) && block.BaseAddress.AddressFamily == address.AddressFamily && block.Contains(address);

    [GeneratedRegex(@"^((25[0-5]|(2[0-4]|1[0-9]|[1-9]|)[0-9])\.){3}(25[0-5]|(2[0-4]|1[0-9]|[1-9]|)[0-9])$")]
    private static partial Regex Ipv4();

    [GeneratedRegex(@"^(0|[1-9][0-9]{0,2})$")]
    private static partial Regex Prefix();

    // The three patterns as the spec writes them (org-api-keys.openapi.json), alternation and all.
    [GeneratedRegex(@"^((25[0-5]|(2[0-4]|1[0-9]|[1-9]|)[0-9])(\.(?!$)|$)){4}|([0-9a-f]{1,4}:){7}[0-9a-f]{1,4}$")]
    private static partial Regex SpecAddress();

    [GeneratedRegex(@"^((([0-9]{1,3}\.){3}[0-9]{1,3})|(:{0,2}([0-9a-f]{1,4}:){0,7}[0-9a-f]{1,4}[:]{0,2}))((%2[fF]|/)[0-9]{1,3})+$")]
    private static partial Regex SpecBlock();

    [GeneratedRegex(@"^([0-9]{1,3}\.){3}[0-9]{1,3}(%2[fF][0-9]{1,3})?|([0-9a-f]{1,4}\:){7}[0-9a-f]{1,4}(%2[fF][0-9]{1,3})?|([0-9a-f]{1,4}\:){1,6}\:(%2[fF][0-9]{1,3})?$")]
    private static partial Regex SpecPathEntry();
}
