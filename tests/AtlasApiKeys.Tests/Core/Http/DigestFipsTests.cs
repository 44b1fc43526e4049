using System;
using AtlasApiKeys.Core.Errors;
using AtlasApiKeys.Core.Http;
using Xunit;

namespace AtlasApiKeys.Tests.Core.Http;

/// <summary>Digest signing on a host whose FIPS policy forbids MD5 (src/AtlasApiKeys.Core/Http/DigestSigner.cs).</summary>
public sealed class DigestFipsTests
{
    private const string PrivateKey = "11111111-2222-3333-4444-555555555555";

    [Fact]
    public void An_MD5_challenge_on_a_FIPS_host_fails_with_an_error_that_points_to_service_accounts()
    {
        var challenge = DigestChallenge.TryParse("realm=\"MMS Public API\", nonce=\"n1\", algorithm=MD5, qop=\"auth\"", out _)!;
        var state = new DigestNonceState(challenge, "abcdefgh", PrivateKey, md5Available: false);

        var ex = Assert.Throws<AtlasApiException>(() => state.Sign("POST", "/api/atlas/v2/groups/0123456789abcdef01234567/apiKeys?pretty=true"));

        Assert.Equal("DIGEST_MD5_FIPS_POLICY", ex.ErrorCode);
        Assert.Equal("POST", ex.Method);
        Assert.Equal("/api/atlas/v2/groups/0123456789abcdef01234567/apiKeys", ex.Path);
        Assert.Contains("Connect-Atlas -ServiceAccount", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(PrivateKey, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_SHA256_challenge_signs_on_a_FIPS_host()
    {
        var challenge = DigestChallenge.TryParse("realm=\"MMS Public API\", nonce=\"n1\", algorithm=SHA-256, qop=\"auth\"", out _)!;
        var state = new DigestNonceState(challenge, "abcdefgh", PrivateKey, md5Available: false);

        Assert.Contains("algorithm=SHA-256", state.Sign("GET", "/api/atlas/v2/groups"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_MD5_challenge_signs_where_MD5_is_allowed()
    {
        var challenge = DigestChallenge.TryParse("realm=\"MMS Public API\", nonce=\"n1\", algorithm=MD5, qop=\"auth\"", out _)!;

        Assert.Contains("algorithm=MD5", new DigestNonceState(challenge, "abcdefgh", PrivateKey, md5Available: true).Sign("GET", "/x"), StringComparison.Ordinal);
    }
}
