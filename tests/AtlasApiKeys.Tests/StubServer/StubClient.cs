using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using AtlasApiKeys.StubServer;

namespace AtlasApiKeys.Tests.StubServer;

/// <summary>Raw HTTP to the stub for the stub's own tests, independent of Core: digest signed here with
/// the stub's test credentials (the nonce kept, nc counting up, a new challenge answered once), or a
/// bearer token, or nothing. Paths go on the wire exactly as given (a %2F stays %2F).</summary>
internal sealed class StubClient : IDisposable
{
    private readonly HttpClient http = new();
    private readonly Uri baseUri;
    private readonly string? publicKey;
    private readonly string? privateKey;
    private readonly string? bearer;
    private string? nonce;
    private int nc;

    private StubClient(Uri baseUri, string? publicKey, string? privateKey, string? bearer)
    {
        this.baseUri = baseUri;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.bearer = bearer;
    }

    public static StubClient Digest(AtlasStubServer server, StubKey key) => new(server.BaseUri, key.PublicKey, key.PrivateKey, null);

    public static StubClient Digest(AtlasStubServer server, string publicKey, string privateKey) => new(server.BaseUri, publicKey, privateKey, null);

    public static StubClient Bearer(AtlasStubServer server, string token) => new(server.BaseUri, null, null, token);

    public static StubClient Anonymous(AtlasStubServer server) => new(server.BaseUri, null, null, null);

    /// <summary>A service account's token from the token endpoint.</summary>
    public static async Task<string> TokenAsync(AtlasStubServer server, StubServiceAccount account)
    {
        using var client = Anonymous(server);
        var reply = await client.SendAsync("POST", "/api/oauth/token", "grant_type=client_credentials", "application/x-www-form-urlencoded", basic: (account.ClientId, account.ClientSecret));
        return reply.Body!["access_token"]!.GetValue<string>();
    }

    public Task<StubReply> GetAsync(string path) => SendAsync("GET", path);

    public Task<StubReply> DeleteAsync(string path) => SendAsync("DELETE", path);

    public Task<StubReply> PostAsync(string path, string json) => SendAsync("POST", path, json, "application/vnd.atlas.2023-01-01+json");

    public async Task<StubReply> SendAsync(string method, string path, string? body = null, string? contentType = null, (string User, string Password)? basic = null, string accept = "application/vnd.atlas.2023-01-01+json")
    {
        var uri = new Uri(baseUri, path);
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), uri);
            request.Headers.Accept.ParseAdd(accept);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8);
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/json");
            }

            if (basic is { } b)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{b.User}:{b.Password}")));
            }
            else if (bearer is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }
            else if (publicKey is not null && nonce is not null)
            {
                var count = (++nc).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
                var cnonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
                var target = uri.PathAndQuery;
                var hash = StubAuth.ExpectedResponse("MD5", publicKey, StubAuth.Realm, privateKey!, nonce, count, cnonce, method, target);
                request.Headers.Authorization = new AuthenticationHeaderValue("Digest",
                    $"username=\"{publicKey}\", realm=\"{StubAuth.Realm}\", nonce=\"{nonce}\", uri=\"{target}\", qop=auth, nc={count}, cnonce=\"{cnonce}\", response=\"{hash}\", algorithm=MD5");
            }

            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.Unauthorized && publicKey is not null && basic is null && attempt == 0
                && response.Headers.WwwAuthenticate.Count > 0)
            {
                nonce = StubAuth.ParseParams(response.Headers.WwwAuthenticate.ToString()["Digest ".Length..])["nonce"];
                nc = 0;
                continue;
            }

            return new StubReply(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), text);
        }
    }

    public void Dispose() => http.Dispose();
}
