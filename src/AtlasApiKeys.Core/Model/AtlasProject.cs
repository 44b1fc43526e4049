namespace AtlasApiKeys.Core.Model;

/// <summary>A project (Atlas's group): its id, name and organization.</summary>
public sealed class AtlasProject
{
    /// <summary>Creates a project.</summary>
    public AtlasProject(string id, string name, string orgId)
    {
        Id = id;
        Name = name;
        OrgId = orgId;
    }

    /// <summary>The project's 24-hex-digit id (lower case).</summary>
    public string Id { get; }

    /// <summary>The project's name.</summary>
    public string Name { get; }

    /// <summary>The organization the project belongs to (lower case).</summary>
    public string OrgId { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Id})";
}
