namespace AtlasApiKeys.StubServer;

/// <summary>What the access-list check made of a request.</summary>
public enum StubAccessVerdict
{
    Allowed,
    /// <summary>The key has no entry and its organization requires one (ORG_REQUIRES_ACCESS_LIST).</summary>
    OrgRequiresAccessList,
    /// <summary>The key has entries, none covering the caller (IP_ADDRESS_NOT_ON_ACCESS_LIST).</summary>
    NotOnAccessList,
}
