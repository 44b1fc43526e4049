namespace AtlasApiKeys.Core;

/// <summary>The Atlas role an operation needs (the spec's <c>x-rolesRequirements</c>), said to the
/// caller when Atlas answers 403: which role, where, and that these credentials lack it.</summary>
internal static class AtlasRoleRequirement
{
    /// <summary>Project Read Only: listing a project's keys, reading a project.</summary>
    public static string ProjectReadOnly(string projectId) => InProject("Project Read Only", projectId);

    /// <summary>Project Access Manager: creating, changing or unassigning a project's key.</summary>
    public static string ProjectAccessManager(string projectId) => InProject("Project Access Manager", projectId);

    /// <summary>Project Owner: assigning an existing organization key to a project.</summary>
    public static string ProjectOwner(string projectId) => InProject("Project Owner", projectId);

    /// <summary>Organization Member: reading the organization's keys and their access lists.</summary>
    public static string OrganizationMember(string orgId) => InOrganization("Organization Member", orgId);

    /// <summary>Organization Owner: deleting an organization key, changing its API access list.</summary>
    public static string OrganizationOwner(string orgId) => InOrganization("Organization Owner", orgId);

    private static string InProject(string role, string projectId) => $"This needs the {role} role (or a higher one) in project {projectId}";

    private static string InOrganization(string role, string orgId) => $"This needs the {role} role (or a higher one) in organization {orgId}";
}
