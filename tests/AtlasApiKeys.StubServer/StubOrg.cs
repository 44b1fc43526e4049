namespace AtlasApiKeys.StubServer;

/// <summary>An organization: projects, keys and service accounts point to it by id.</summary>
public sealed class StubOrg(string id, string name)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    /// <summary>Atlas's <c>apiAccessListRequired</c> setting: when on, a key with no access-list entry
    /// gets 403 ORG_REQUIRES_ACCESS_LIST on every request. Set through <see cref="StubState.SetApiAccessListRequired"/>.</summary>
    public bool ApiAccessListRequired { get; internal set; }
}
