using System.Text.Json;

namespace AtlasApiKeys.Core.Http;

/// <summary>The token endpoint's answer (<c>access_token</c>, <c>expires_in</c>, <c>token_type</c>), read with
/// the platform's JSON document rather than a generated serializer: the service account's first call in a fresh
/// process compiles no serializer metadata for it.</summary>
internal static class TokenAnswer
{
    /// <summary>False when the body is not a JSON object or a field has the wrong kind (a malformed answer).</summary>
    public static bool TryRead(string body, out string? accessToken, out int? expiresIn)
    {
        accessToken = null;
        expiresIn = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (var field in root.EnumerateObject())
            {
                var kind = field.Value.ValueKind;
                switch (field.Name)
                {
                    case "access_token" when kind == JsonValueKind.String:
                        accessToken = field.Value.GetString();
                        break;
                    case "expires_in" when kind == JsonValueKind.Number:
                        if (!field.Value.TryGetInt32(out var seconds))
                        {
                            return false;
                        }

                        expiresIn = seconds;
                        break;
                    case "token_type" when kind == JsonValueKind.String:
                        break;
                    case "access_token" or "expires_in" or "token_type" when kind != JsonValueKind.Null:
                        return false;
                    case "access_token":
                        accessToken = null;
                        break;
                    case "expires_in":
                        expiresIn = null;
                        break;
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
