using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using AtlasApiKeys.Core.Wire;

namespace AtlasApiKeys.Core.Errors;

/// <summary>Turns an error answer (Atlas JSON, OAuth JSON, or a proxy's HTML page) into an <see cref="AtlasApiException"/>.</summary>
internal static class ErrorReader
{
    private const int ExcerptLength = 200;

    /// <summary>The 401s Atlas gives credentials it knows, for what they may not do: an organization they are not in
    /// (USER_CANNOT_ACCESS_ORG), and the spec's example for 401, NOT_ORG_GROUP_CREATOR. Any other 401 refuses the
    /// credentials (or a service account's token).</summary>
    public static bool RefusesRequestNotCredentials(string? errorCode) => errorCode is "USER_CANNOT_ACCESS_ORG" or "NOT_ORG_GROUP_CREATOR";

    public static AtlasApiException FromBody(int status, string? body, string method, string path, string? prefix = null)
    {
        var lead = prefix ?? $"Atlas refused {method} {path}";
        var dto = TryParse(body);
        if (dto?.ErrorCode is { Length: > 0 } code)
        {
            var parameters = dto.Parameters?.Select(p => p.ValueKind == JsonValueKind.String ? p.GetString() ?? string.Empty : p.GetRawText()).ToList();
            var fields = dto.BadRequestDetail?.Fields?
                .Where(f => f.Field is not null)
                .Select(f => new AtlasFieldViolation(f.Field!, f.Description ?? string.Empty))
                .ToList();
            var text = new StringBuilder($"{lead}: {status} {code}");
            if (dto.Detail is { Length: > 0 } detail)
            {
                text.Append(": ").Append(detail);
            }
            else if (dto.Reason is { Length: > 0 } reason)
            {
                text.Append(": ").Append(reason);
            }

            foreach (var field in fields ?? [])
            {
                text.Append(" [").Append(field.Field).Append(": ").Append(field.Description).Append(']');
            }

            return new AtlasApiException(text.ToString(), AtlasFailureKind.Api, method, path, status, code, dto.Reason, dto.Detail, parameters, fields);
        }

        if (TryParseOAuth(body) is { } oauth)
        {
            return new AtlasApiException($"{lead}: {status} {oauth.Code}{(oauth.Description is null ? string.Empty : ": " + oauth.Description)}", AtlasFailureKind.Api, method, path, status, oauth.Code, detail: oauth.Description);
        }

        var excerpt = Excerpt(body);
        var message = excerpt.Length == 0
            ? $"{lead}: HTTP {status} with an empty body."
            : $"{lead}: HTTP {status}, and the body is not an Atlas error: \"{excerpt}\"";
        return new AtlasApiException(message, AtlasFailureKind.Api, method, path, status, StatusCode(status), detail: excerpt.Length == 0 ? null : excerpt);
    }

    /// <summary>The error code used when the body carries none.</summary>
    public static string StatusCode(int status) => status switch
    {
        401 => "USER_UNAUTHORIZED",
        403 => "FORBIDDEN",
        404 => "RESOURCE_NOT_FOUND",
        429 => "RATE_LIMITED",
        >= 500 => "UNEXPECTED_ERROR",
        _ => "HTTP_ERROR",
    };

    /// <summary>A short, single-line excerpt with markup and control characters removed.</summary>
    public static string Excerpt(string? body)
    {
        if (body is null || body.Length == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder(Math.Min(body.Length, ExcerptLength * 2));
        var inTag = false;
        var lastSpace = true;
        foreach (var c in body)
        {
            if (c == '<')
            {
                inTag = true;
                continue;
            }

            if (inTag)
            {
                inTag = c != '>';
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (!lastSpace)
                {
                    text.Append(' ');
                    lastSpace = true;
                }

                continue;
            }

            text.Append(c);
            lastSpace = false;
            if (text.Length >= ExcerptLength)
            {
                text.Append("...");
                break;
            }
        }

        return text.ToString().Trim();
    }

    private static ApiErrorDto? TryParse(string? body)
    {
        if (body is null || body.Length == 0 || body.TrimStart().FirstOrDefault() != '{')
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, AtlasJsonContext.Default.ApiErrorDto);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static (string Code, string? Description)? TryParseOAuth(string? body)
    {
        if (body is null || body.TrimStart().FirstOrDefault() != '{')
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            {
                var description = doc.RootElement.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                return (error.GetString() ?? "HTTP_ERROR", description);
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }
}
