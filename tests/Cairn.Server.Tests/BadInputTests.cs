using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Cairn.Testing;
using Xunit;

namespace Cairn.Server.Tests;

/// <summary>Bad input gets a 4xx problem that names the field or rule; never a 500.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private CairnTestHost _host = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await CairnTestHost.StartAsync("--Cairn:Http:MaxRequestBodyBytes=4096");
        _http = _host.Client(_host.AdminKey);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    private static StringContent Body(string text, string type = "application/json") => new(text, Encoding.UTF8, type);

    [Fact]
    public async Task UnknownRoute_Is404() => await (await _http.GetAsync("/api/v1/nothing-here")).Problem(HttpStatusCode.NotFound, "no route");

    [Fact]
    public async Task WrongMethod_Is405() => await (await _http.PatchAsync("/api/v1/projects", Body("{}"))).Problem(HttpStatusCode.MethodNotAllowed, "PATCH");

    [Fact]
    public async Task MalformedJson_Is400NamingThePosition() =>
        await (await _http.PostAsync("/api/v1/projects", Body("{\"name\": "))).Problem(HttpStatusCode.BadRequest, "BytePositionInLine");

    [Fact]
    public async Task WrongJsonType_Is400NamingThePath() =>
        await (await _http.PostAsync("/api/v1/projects", Body("{\"name\": 42}"))).Problem(HttpStatusCode.BadRequest, "$.name");

    [Fact]
    public async Task MissingRequiredField_Is400NamingTheField() =>
        Assert.True((await (await _http.PostAsync("/api/v1/projects", Body("{}"))).Problem(HttpStatusCode.BadRequest, "name")).Errors!.ContainsKey("name"));

    [Fact]
    public async Task OversizeBody_Is413()
    {
        var big = "{\"name\":\"" + new string('a', 10_000) + "\"}";
        await (await _http.PostAsync("/api/v1/projects", Body(big))).Problem(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data")]
    public async Task NonJsonContentType_Is415(string type) =>
        await (await _http.PostAsync("/api/v1/projects", Body("{\"name\":\"x\"}", type))).Problem(HttpStatusCode.UnsupportedMediaType, "application/json");

    [Theory]
    [InlineData(null, "credential is required")]
    [InlineData("Bearer ", "empty")]
    [InlineData("bearer", "empty")]
    [InlineData("Bearer cairn_notarealkey", "unknown")]
    [InlineData("Basic !!!notbase64", "base64")]
    [InlineData("Basic dXNlcm9ubHk=", "password")]
    [InlineData("Digest abc", "unsupported")]
    public async Task BadCredential_Is401WithReason(string? header, string reason)
    {
        using var http = _host.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }

        using var response = await http.SendAsync(request);
        await response.Problem(HttpStatusCode.Unauthorized, reason);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadQueryValue_Is400NamingTheParameter() =>
        await (await _http.GetAsync("/api/v1/audit/events?limit=lots")).Problem(HttpStatusCode.BadRequest, "limit");

    [Fact]
    public async Task OutOfRangeQueryValue_Is400NamingTheRule() =>
        await (await _http.GetAsync("/api/v1/audit/events?limit=100000")).Problem(HttpStatusCode.BadRequest, "between 1 and 1000");

    [Fact]
    public async Task NonNumericKeyId_Is404() => await (await _http.DeleteAsync("/api/v1/projects/default/keys/abc")).Problem(HttpStatusCode.NotFound);

    [Fact]
    public async Task RandomBodies_OnEveryWriteRoute_NeverCauseA5xx()
    {
        string[] routes = ["/api/v1/projects", "/api/v1/projects/default/keys", "/api/v1/projects/default/members/zed"];
        var random = new Random(20261122);
        var samples = new List<string> { "", "null", "[]", "\"x\"", "{\"name\":null}", "{\"scopes\":{}}", "{\"role\":[]}", "{\"expires_in_days\":-1,\"name\":\"k\",\"scopes\":[\"read\"]}", "{\"name\":\"\\u0000\"}", "\uFEFF{}" };
        for (var i = 0; i < 60; i++)
        {
            var bytes = new byte[random.Next(1, 64)];
            random.NextBytes(bytes);
            samples.Add(Encoding.Latin1.GetString(bytes));
        }

        foreach (var route in routes)
        {
            foreach (var sample in samples)
            {
                using var request = new HttpRequestMessage(route.Contains("members", StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Post, route)
                {
                    Content = new ByteArrayContent(Encoding.UTF8.GetBytes(sample)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
                };
                using var response = await _http.SendAsync(request);
                Assert.True((int)response.StatusCode < 500, $"{route} with {sample}: {(int)response.StatusCode}");
            }
        }
    }

    [Theory]
    [InlineData("/api/v1/projects", "{\"name\":\"nul\",\"description\":\"a\\u0000b\"}", "description")]
    [InlineData("/api/v1/projects/default/keys", "{\"name\":\"k\\u0000\",\"scopes\":[\"read\"]}", "name")]
    [InlineData("/api/v1/projects", "{\"name\":\"lone\",\"description\":\"\\ud800\"}", "description")]
    public async Task ControlCharactersAndLoneSurrogates_Are400NamingTheField(string route, string body, string field)
    {
        var problem = await (await _http.PostAsync(route, Body(body))).Problem(HttpStatusCode.BadRequest);

        // Named either by validation (errors[field]) or by the JSON reader, which refuses invalid UTF-16 first ($.field).
        Assert.True(problem.Errors?.ContainsKey(field) == true || problem.Detail!.Contains("$." + field, StringComparison.Ordinal), problem.Detail);
    }

    [Theory]
    [InlineData("actor=%00")]
    [InlineData("action=%01x")]
    [InlineData("project=Not%20A%20Slug")]
    public async Task AuditFilter_WithControlCharactersOrBadProject_Is400(string query) =>
        await (await _http.GetAsync("/api/v1/audit/events?" + query)).Problem(HttpStatusCode.BadRequest);
}
