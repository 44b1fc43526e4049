using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace AtlasApiKeys.Core.Wire;

// System.Text.Json shapes of the Atlas Admin API v2 bodies used by the five operations.
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

internal sealed class TokenResponseDto
{
    [JsonPropertyName("access_token")] public string? AccessToken { get; set; }
    [JsonPropertyName("expires_in")] public int? ExpiresIn { get; set; }
    [JsonPropertyName("token_type")] public string? TokenType { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CreateApiKeyDto))]
[JsonSerializable(typeof(UpdateApiKeyDto))]
[JsonSerializable(typeof(List<UserAccessRoleAssignmentDto>))]
[JsonSerializable(typeof(ApiErrorDto))]
[JsonSerializable(typeof(TokenResponseDto))]
internal sealed partial class AtlasJsonContext : JsonSerializerContext
{
}
