using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace AtlasApiKeys.Core.Wire;

// System.Text.Json shapes of the Atlas Admin API v2 bodies (the project-key operations, access lists, groups).
// Names follow the spec (ApiError, the request bodies); answers that carry keys (ApiKeyUserDetails,
// PaginatedApiApiUserView) are read by KeyPageReader instead.

internal sealed class CreateApiKeyDto
{
    [JsonPropertyName("desc")] public string Desc { get; set; } = string.Empty;
    [JsonPropertyName("roles")] public IReadOnlyList<string> Roles { get; set; } = [];
}

internal sealed class UpdateApiKeyDto
{
    [JsonPropertyName("desc")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Desc { get; set; }

    [JsonPropertyName("roles")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Roles { get; set; }
}

internal sealed class UserAccessRoleAssignmentDto
{
    [JsonPropertyName("roles")] public IReadOnlyList<string> Roles { get; set; } = [];
}

internal sealed class FieldViolationDto
{
    [JsonPropertyName("field")] public string? Field { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
}

internal sealed class BadRequestDetailDto
{
    [JsonPropertyName("fields")] public List<FieldViolationDto>? Fields { get; set; }
}

internal sealed class ApiErrorDto
{
    [JsonPropertyName("error")] public int? Error { get; set; }
    [JsonPropertyName("errorCode")] public string? ErrorCode { get; set; }
    [JsonPropertyName("reason")] public string? Reason { get; set; }
    [JsonPropertyName("detail")] public string? Detail { get; set; }
    [JsonPropertyName("parameters")] public List<System.Text.Json.JsonElement>? Parameters { get; set; }
    [JsonPropertyName("badRequestDetail")] public BadRequestDetailDto? BadRequestDetail { get; set; }
}

internal sealed class AccessListRequestDto
{
    [JsonPropertyName("cidrBlock")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CidrBlock { get; set; }

    [JsonPropertyName("ipAddress")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IpAddress { get; set; }
}

internal sealed class AccessListEntryDto
{
    [JsonPropertyName("cidrBlock")] public string? CidrBlock { get; set; }
    [JsonPropertyName("ipAddress")] public string? IpAddress { get; set; }
    [JsonPropertyName("created")] public System.DateTimeOffset? Created { get; set; }
    [JsonPropertyName("lastUsed")] public System.DateTimeOffset? LastUsed { get; set; }
    [JsonPropertyName("lastUsedAddress")] public string? LastUsedAddress { get; set; }
    [JsonPropertyName("count")] public int? Count { get; set; }
}

internal sealed class GroupDto
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("orgId")] public string? OrgId { get; set; }
}

internal sealed class LinkDto
{
    [JsonPropertyName("rel")] public string? Rel { get; set; }
}

internal sealed class PageDto<T>
{
    [JsonPropertyName("results")] public List<T>? Results { get; set; }
    [JsonPropertyName("totalCount")] public int? TotalCount { get; set; }
    [JsonPropertyName("links")] public List<LinkDto>? Links { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CreateApiKeyDto))]
[JsonSerializable(typeof(UpdateApiKeyDto))]
[JsonSerializable(typeof(List<UserAccessRoleAssignmentDto>))]
[JsonSerializable(typeof(ApiErrorDto))]
[JsonSerializable(typeof(List<AccessListRequestDto>))]
[JsonSerializable(typeof(AccessListEntryDto))]
[JsonSerializable(typeof(PageDto<AccessListEntryDto>))]
[JsonSerializable(typeof(GroupDto))]
[JsonSerializable(typeof(PageDto<GroupDto>))]
internal sealed partial class AtlasJsonContext : JsonSerializerContext
{
}
