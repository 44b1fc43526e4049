using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.Core.Errors;
using AtlasApiKeys.Core.Http;
using AtlasApiKeys.Core.Wire;
using AtlasApiKeys.StubServer;
using FsCheck;
using FsCheck.Xunit;

namespace AtlasApiKeys.Tests.Reliability;

/// <summary>FsCheck properties: FsCheck draws the seeds and strings (and prints them when a property
/// fails); the structures are built from them.</summary>
public sealed class PropertyTests
{
    private static readonly string[] Fragments =
    [
        "realm=\"MMS Public API\"", "realm=\"a, \\\"quoted\\\", b\"", "realm=", "nonce=\"abc==\"", "nonce=\"\"", "nonce=xyz",
        "qop=\"auth\"", "qop=\"auth-int\"", "qop=\"auth,auth-int\"", "qop=", "algorithm=MD5", "algorithm=SHA-256", "algorithm=SHA-512-256",
        "algorithm=\"MD5-sess\"", "stale=true", "stale=FALSE", "opaque=\"o\"", "domain=\"\"", "=", ",", ", ,", "\"", "\\", "realm=\"unterminated",
        "charset=UTF-8", "userhash=true", new string('x', 20_000), "nonce=\"" + new string('n', 5000) + "\"", "ümlaut=\"ü\"", "a=b=c",
    ];

    private static readonly string[] RoleNames = ["GROUP_OWNER", "GROUP_READ_ONLY", "GROUP_CLUSTER_MANAGER", "ORG_MEMBER", "ORG_OWNER", "GROUP_NEW_ROLE", "CUSTOM_ROLE"];

    /// <summary>The project role check without a regular expression accepts exactly what ^GROUP_[A-Z][A-Z_]*\z
    /// accepts (the pattern it replaced ended in $, which also let a final line break through): drawn strings,
    /// and strings built from the characters near its edges.</summary>
    [Property(MaxTest = 1000)]
    public bool The_project_role_check_accepts_what_the_pattern_accepts(NonNull<string> drawn, byte[] picks)
    {
        const string Near = "GROUP_AZaz09_@[`{ÄÉ\n";
        var built = "GROUP_" + new string(picks.Select(p => Near[p % Near.Length]).ToArray());
        return new[] { drawn.Get, built, built.Substring(0, Math.Min(built.Length, picks.Length)) }
            .All(text => AtlasValidation.IsProjectRoleName(text) == System.Text.RegularExpressions.Regex.IsMatch(text, @"^GROUP_[A-Z][A-Z_]*\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant));
    }

    [Property(MaxTest = 500)]
    public bool IPv6_goes_to_Atlas_in_a_form_each_of_the_spec_patterns_allows(byte[] drawn, byte prefix)
    {
        var address = new IPAddress(Enumerable.Range(0, 16).Select(i => i < drawn.Length ? drawn[i] : (byte)0).ToArray());
        var wire = AtlasValidation.WireForm(" " + address.ToString().ToUpperInvariant());
        var block = AtlasValidation.WireForm($"{address}/{prefix % 129}");

        // The patterns of org-api-keys.openapi.json (the stub holds them): UserAccessListRequest.ipAddress and .cidrBlock, and the path's {ipAddress}.
        return IPAddress.Parse(wire).Equals(address)
            && StubAddress.MatchesSpecAddress(wire)
            && StubAddress.MatchesSpecPathEntry(Uri.UnescapeDataString(ApiPaths.Segment(wire)))
            && StubAddress.MatchesSpecBlock(block)
            && StubAddress.MatchesSpecPathEntry(Uri.UnescapeDataString(ApiPaths.Segment(block)));
    }

    [Property(MaxTest = 500)]
    public bool The_challenge_parser_never_throws_on_any_text(string text)
    {
        var challenge = DigestChallenge.TryParse(text, out var error);
        return challenge is null ? error is { Length: > 0 } : challenge.Nonce.Length > 0;
    }

    [Property(MaxTest = 500)]
    public bool The_challenge_parser_never_throws_on_hostile_headers(int seed)
    {
        var random = new Random(seed);
        var text = string.Join(random.Next(3) == 0 ? " " : ", ", Enumerable.Range(0, random.Next(1, 9)).Select(_ => Fragments[random.Next(Fragments.Length)]));
        var challenge = DigestChallenge.TryParse(text, out var error);
        if (challenge is null)
        {
            return error is { Length: > 0 };
        }

        // What parses is usable: a nonce, a known algorithm, and it signs without throwing.
        var state = new DigestNonceState(challenge, "user", "secret");
        return challenge.Algorithm != DigestAlgorithm.Unsupported && state.Sign("GET", "/x").Contains("response=", StringComparison.Ordinal);
    }

    [Property(MaxTest = 300)]
    public bool Choosing_a_challenge_from_any_header_never_throws(int seed)
    {
        var random = new Random(seed);
        using var response = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        for (var i = random.Next(4); i > 0; i--)
        {
            var scheme = random.Next(4) switch { 0 => "Basic", 1 => "Bearer", _ => "Digest" };
            response.Headers.TryAddWithoutValidation("WWW-Authenticate", scheme + " " + Fragments[random.Next(Fragments.Length)] + ", " + Fragments[random.Next(Fragments.Length)]);
        }

        _ = DigestAuthHandler.BestChallenge(response);
        return true;
    }

    [Property(MaxTest = 300)]
    public bool Signatures_verify_with_the_stubs_own_digest_code(int seed, NonNull<string> password, NonNull<string> realm)
    {
        var random = new Random(seed);
        var algorithm = random.Next(2) == 0 ? "MD5" : "SHA-256";
        var nonce = Convert.ToBase64String(Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256)).ToArray());
        var quotedRealm = realm.Get.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        var challenge = DigestChallenge.TryParse($"realm=\"{quotedRealm}\", nonce=\"{nonce}\", algorithm={algorithm}, qop=\"auth\"", out _);
        if (challenge is null || realm.Get.Any(char.IsControl))
        {
            return true;   // a realm a server cannot send in a header
        }

        var user = new string(Enumerable.Range(0, 8).Select(_ => (char)('a' + random.Next(26))).ToArray());
        var method = new[] { "GET", "POST", "PATCH", "DELETE" }[random.Next(4)];
        var uri = $"/api/atlas/v2/groups/{random.Next():x}/apiKeys?pageNum={random.Next(9)}&itemsPerPage=500";
        var state = new DigestNonceState(challenge, user, password.Get);
        var header = StubAuth.ParseParams(state.Sign(method, uri));
        var expected = StubAuth.ExpectedResponse(algorithm, user, header["realm"], password.Get, header["nonce"], header["nc"], header["cnonce"], method, header["uri"]);
        return header["response"] == expected && header["realm"] == realm.Get && header["uri"] == uri && header["username"] == user;
    }

    [Property(MaxTest = 300)]
    public bool Role_filtering_agrees_with_a_plain_model(int seed)
    {
        var random = new Random(seed);
        const string project = "0123456789abcdef01234567";
        string[] groups = [project, project.ToUpperInvariant(), "aaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbb"];
        var roles = Enumerable.Range(0, random.Next(8)).Select(_ => random.Next(3) switch
        {
            0 => (Group: (string?)groups[random.Next(groups.Length)], Org: false, Name: RoleNames[random.Next(RoleNames.Length)]),
            1 => (Group: null, Org: true, Name: RoleNames[random.Next(RoleNames.Length)]),
            _ => (Group: null, Org: false, Name: RoleNames[random.Next(RoleNames.Length)]),
        }).ToList();
        var json = new StringBuilder("{\"results\":[{\"id\":\"32b6e34b3d91647abb20e7b8\",\"publicKey\":\"zmmrboas\",\"desc\":\"d\",\"roles\":[");
        json.AppendJoin(',', roles.Select(r => r.Group is not null ? $"{{\"groupId\":\"{r.Group}\",\"roleName\":\"{r.Name}\"}}" : r.Org ? $"{{\"orgId\":\"cccccccccccccccccccccccc\",\"roleName\":\"{r.Name}\"}}" : $"{{\"roleName\":\"{r.Name}\"}}"));
        json.Append("]}],\"totalCount\":1}");

        var key = KeyPageReader.Read(Encoding.UTF8.GetBytes(json.ToString()), project).Keys.Single();

        var expectedHere = roles.Where(r => string.Equals(r.Group, project, StringComparison.OrdinalIgnoreCase)).Select(r => r.Name);
        var expectedOrg = roles.Where(r => r.Group is null && r.Org).Select(r => r.Name);
        return key.Roles.SequenceEqual(expectedHere) && key.OrgRoles.SequenceEqual(expectedOrg);
    }

    [Property(MaxTest = 200)]
    public bool A_truncated_page_is_an_error_never_a_shorter_list(int seed)
    {
        var page = SamplePage(new Random(seed), keys: 5);
        var cut = new Random(seed).Next(page.Length);   // strictly shorter than the page
        try
        {
            KeyPageReader.Read(page.AsSpan(0, cut), "0123456789abcdef01234567");
            return false;
        }
        catch (JsonException)
        {
            return true;
        }
    }

    [Property(MaxTest = 500)]
    public bool Random_or_damaged_bodies_give_a_clear_error_or_whole_keys(int seed, byte[] noise)
    {
        var random = new Random(seed);
        var body = random.Next(3) == 0 ? noise ?? [] : Damage(SamplePage(random, keys: 3), random);
        try
        {
            var page = KeyPageReader.Read(body, "0123456789abcdef01234567");
            return page.Keys.All(k => AtlasValidation.IsObjectId(k.Id) && k.PublicKey.Length > 0 && k.Roles.All(r => r.Length > 0));
        }
        catch (JsonException)
        {
            return true;
        }
    }

    [Property(MaxTest = 150)]
    public bool Envelopes_unwrap_to_what_the_status_says(int seed)
    {
        var random = new Random(seed);
        var status = new[] { 200, 400, 401, 404, 409, 429, 500 }[random.Next(7)];
        var code = $"CODE_{random.Next(100)}";
        var content = status < 300
            ? Encoding.UTF8.GetString(SamplePage(random, keys: random.Next(3)))
            : $"{{\"error\":{status},\"errorCode\":\"{code}\",\"detail\":\"d{random.Next()}\"}}";
        var body = $"{{\"status\":{status},\"content\":{content}}}";
        var httpStatus = random.Next(2) == 0 ? HttpStatusCode.OK : (HttpStatusCode)status;   // Atlas answers 200 with an envelope; either is read
        using var session = new AtlasSession(new AtlasSessionOptions
        {
            BaseUri = new Uri("https://cloud.mongodb.com"),
            Credential = new AtlasServiceAccountCredential("id", "secret"),
            UseEnvelope = true,
            Retry = new AtlasRetryOptions { MaxRetries = 0 },
            PrimaryHandler = () => new CannedHandler(httpStatus, body),
        });
        var call = new AtlasCall(HttpMethod.Get, "api/atlas/v2/groups/0123456789abcdef01234567/apiKeys", AtlasOperation.Read);
        try
        {
            var page = new AtlasExchange(session).SendAsync(call, null, b => KeyPageReader.Read(b, "0123456789abcdef01234567"), CancellationToken.None).GetAwaiter().GetResult();
            return status < 300 && page is not null;
        }
        catch (AtlasApiException ex)
        {
            return status >= 300 && ex.StatusCode == status && ex.ErrorCode == code;
        }
    }

    private static byte[] SamplePage(Random random, int keys)
    {
        var json = new StringBuilder("{\"links\":[{\"href\":\"https://x/y\",\"rel\":\"self\"}],\"results\":[");
        json.AppendJoin(',', Enumerable.Range(0, keys).Select(i =>
            $"{{\"desc\":\"key {i} \\\"{random.Next()}\\\"\",\"id\":\"{random.Next():x8}{random.Next():x8}{random.Next():x8}\",\"links\":[],\"privateKey\":\"********-****-****-{random.Next():x12}\",\"publicKey\":\"abcdefgh\",\"roles\":[{{\"groupId\":\"0123456789abcdef01234567\",\"roleName\":\"GROUP_OWNER\"}},{{\"orgId\":\"cccccccccccccccccccccccc\",\"roleName\":\"ORG_MEMBER\"}}]}}"));
        json.Append("],\"totalCount\":").Append(keys).Append('}');
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    private static byte[] Damage(byte[] page, Random random)
    {
        var copy = (byte[])page.Clone();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            const string damage = "{}[]\":,0a \\x";
            copy[random.Next(copy.Length)] = (byte)damage[random.Next(damage.Length)];
        }

        return copy;
    }

    private sealed class CannedHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath == "/api/oauth/token")
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"access_token\":\"t\",\"expires_in\":3600}") });
            }

            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });
        }
    }
}
