using System.Net;
using System.Text;
using System.Text.Json;
using Cairn.Server.Tests.Registry;
using Xunit;

namespace Cairn.Server.Tests.Guardrails;

/// <summary><c>/api/v1/guardrails/analyze|anonymize</c> over HTTP and <c>cairn guard scan</c>: offsets as Python counts them, limits as 4xx.</summary>
public sealed class GuardrailApiTests : IAsyncLifetime
{
    private RegistryScene _scene = null!;
    private HttpClient _viewer = null!;

    public async ValueTask InitializeAsync()
    {
        _scene = await RegistryScene.StartAsync();
        _viewer = _scene.Http("vic");
    }

    public async ValueTask DisposeAsync()
    {
        _viewer.Dispose();
        await _scene.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, string Body)> Post(string path, string json)
    {
        using var response = await _viewer.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Analyze_reports_code_point_offsets_and_anonymize_masks()
    {
        // "😀" is one code point but two UTF-16 units: the email starts at code point 7, UTF-16 index 8.
        var (status, body) = await Post("/api/v1/guardrails/analyze", """{"text": "😀 mail a@example.org or 4111 1111 1111 1111"}""");
        Assert.True(status == HttpStatusCode.OK, body);
        var entities = JsonDocument.Parse(body).RootElement.GetProperty("entities");
        var email = entities[0];
        Assert.Equal(("EMAIL_ADDRESS", 7, 20, 8, "a@example.org"), (email.GetProperty("entity_type").GetString(), email.GetProperty("start").GetInt32(),
            email.GetProperty("end").GetInt32(), email.GetProperty("utf16_start").GetInt32(), email.GetProperty("text").GetString()));
        Assert.Equal("CREDIT_CARD", entities[1].GetProperty("entity_type").GetString());

        (status, body) = await Post("/api/v1/guardrails/anonymize", """{"text": "card 4111111111111111, ip 10.1.2.3", "operators": {"CREDIT_CARD": {"type": "mask", "keep_last": 4}}}""");
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Equal("card ************1111, ip <IP_ADDRESS>", JsonDocument.Parse(body).RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Awkward_input_is_answered_and_mistakes_are_4xx()
    {
        Assert.Equal("[]", JsonDocument.Parse((await Post("/api/v1/guardrails/analyze", """{"text": ""}""")).Body).RootElement.GetProperty("entities").GetRawText());
        var (status, body) = await Post("/api/v1/guardrails/analyze", """{"text": "\ud800 lone, then 4111111111111111"}""");
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Contains("CREDIT_CARD", body, StringComparison.Ordinal);
        (status, body) = await Post("/api/v1/guardrails/analyze", """{"text": "x", "entities": ["SHOE_SIZE"]}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("entities", body, StringComparison.Ordinal);
        (status, _) = await Post("/api/v1/guardrails/analyze", """{"txt": "x"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        (status, _) = await Post("/api/v1/guardrails/anonymize", """{"text": "a@b.co", "operators": {"EMAIL_ADDRESS": {"type": "shred"}}}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);

        // A 10 MB text: the declared length alone is refused (413) before the body is read.
        Assert.StartsWith("HTTP/1.1 413", await ApiCalls.DeclaredLengthStatusAsync(_scene.Host.BaseUrl, _scene.Keys["vic"], "/api/v1/guardrails/analyze", 10 << 20), StringComparison.Ordinal);
        using var anonymous = new HttpClient { BaseAddress = _scene.Host.BaseUrl };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/guardrails/analyze", new StringContent("{}"))).StatusCode);
    }

    [Fact]
    public async Task The_cli_scans_a_file()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("cairn-guard-").FullName, "notes.txt");
        await File.WriteAllTextAsync(file, "line one\nIBAN GB82 WEST 1234 5698 7654 32\nnothing here\n");
        var (code, output, error) = await CliRunner.RunAsync("guard", "scan", file);
        Assert.True(code == 0, error);
        Assert.Contains("IBAN_CODE", output, StringComparison.Ordinal);
        Assert.Contains(" 2 ", output, StringComparison.Ordinal);
        (code, _, _) = await CliRunner.RunAsync("guard", "scan", file, "--fail-on-findings");
        Assert.Equal(1, code);
        (code, output, _) = await CliRunner.RunAsync("guard", "scan", file, "--anonymize");
        Assert.Contains("IBAN <IBAN_CODE>", output, StringComparison.Ordinal);
    }
}
