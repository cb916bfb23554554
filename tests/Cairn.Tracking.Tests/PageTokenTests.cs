using Cairn.Core.Errors;
using Xunit;

namespace Cairn.Tracking.Tests;

public sealed class PageTokenTests
{
    // Tokens as MLflow's server writes them: base64 of Python's json.dumps({"offset": N}).
    [Theory]
    [InlineData(1, "eyJvZmZzZXQiOiAxfQ==")]
    [InlineData(100, "eyJvZmZzZXQiOiAxMDB9")]
    [InlineData(1000, "eyJvZmZzZXQiOiAxMDAwfQ==")]
    public void EncodeDecode_MatchMlflowsTokens(int offset, string token)
    {
        Assert.Equal(token, PageToken.Encode(offset));
        Assert.Equal(offset, PageToken.Decode(token));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("aW52YWxpZA==")]
    [InlineData("eyJmb28iOiAxfQ==")]
    [InlineData("eyJvZmZzZXQiOiAwfQ==")]
    public void Decode_Malformed_IsInvalidNamingPageToken(string token)
    {
        Assert.Equal("page_token", Assert.Throws<CairnException>(() => PageToken.Decode(token)).Field);
    }
}
