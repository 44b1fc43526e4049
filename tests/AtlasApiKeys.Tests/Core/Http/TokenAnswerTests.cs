using AtlasApiKeys.Core.Http;
using Xunit;

namespace AtlasApiKeys.Tests.Core.Http;

/// <summary>The token endpoint's answer: its token and lifetime, and what counts as malformed.</summary>
public sealed class TokenAnswerTests
{
    [Fact]
    public void A_token_and_its_lifetime_are_read()
    {
        Assert.True(TokenAnswer.TryRead("""{"access_token":"abc","expires_in":3600,"token_type":"Bearer","scope":"x"}""", out var token, out var expiresIn));
        Assert.Equal("abc", token);
        Assert.Equal(3600, expiresIn);
    }

    [Fact]
    public void Missing_or_null_fields_are_absent_not_malformed()
    {
        Assert.True(TokenAnswer.TryRead("""{"access_token":null,"expires_in":null}""", out var token, out var expiresIn));
        Assert.Null(token);
        Assert.Null(expiresIn);
        Assert.True(TokenAnswer.TryRead("{}", out token, out expiresIn));
        Assert.Null(token);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("""{"access_token":42}""")]
    [InlineData("""{"access_token":"abc","expires_in":"3600"}""")]
    [InlineData("""{"access_token":"abc","expires_in":1.5}""")]
    [InlineData("""{"access_token":"abc","token_type":7}""")]
    public void A_malformed_answer_is_refused(string body) =>
        Assert.False(TokenAnswer.TryRead(body, out _, out _));
}
