using System.Text.Json;
using Cairn.Testing;
using Xunit;

namespace Cairn.Server.Tests.Guardrails;

/// <summary>
/// <c>cairn redteam run|attacks</c> against fake OpenAI-compatible targets over real HTTP: the three report files,
/// the summary, <c>--fail-above</c>, usage errors, an unreachable target, and <c>--upload</c> to a real Cairn server.
/// </summary>
public sealed class RedTeamCliTests : IDisposable
{
    private readonly TempDirectory _dir = new("cairn-redteam");

    public void Dispose() => _dir.Dispose();

    private static int LeakySuccesses()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "redteam", "attacks.json")));
        return doc.RootElement.EnumerateArray().Count(FakeChatModels.LeakyShouldSucceed);
    }

    [Fact]
    public async Task Run_writes_json_markdown_and_html_and_prints_the_summary()
    {
        await using var target = await FakeChatTarget.StartAsync(FakeChatModels.Leaky);
        var (code, output, error) = await CliRunner.RunAsync(
            "redteam", "run", "--target", target.BaseUrl.ToString(), "--api-key", "k-123", "--seed", "3", "--concurrency", "8", "--out", _dir.Path);
        Assert.True(code == 0, error);
        Assert.Matches("(?m)^CATEGORY +NAME +ATTEMPTED +SUCCEEDED +ERRORS +REFUSALS +ASR", output);
        Assert.Matches("(?m)^LLM07 +System prompt leakage +26 ", output);
        Assert.Contains("Report: " + Path.Combine(_dir.Path, "redteam-report.html"), output, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_dir.Path, "redteam-report.json"), TestContext.Current.CancellationToken));
        var overall = json.RootElement.GetProperty("overall");
        Assert.Equal(LeakySuccesses(), overall.GetProperty("succeeded").GetInt32());
        Assert.Equal(target.BaseUrl.ToString(), json.RootElement.GetProperty("target").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("seed").GetInt32());
        Assert.StartsWith("# Red-team report", await File.ReadAllTextAsync(Path.Combine(_dir.Path, "redteam-report.md"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", await File.ReadAllTextAsync(Path.Combine(_dir.Path, "redteam-report.html"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.All(target.Requests, r => Assert.Equal("Bearer k-123", r.Authorization));

        (code, output, _) = await CliRunner.RunAsync("redteam", "run", "--target", target.BaseUrl + "/", "--categories", "LLM02", "--limit", "5", "--out", _dir.Path, "--json");
        Assert.Equal(0, code);
        using var summary = JsonDocument.Parse(output);
        Assert.Equal(["LLM02", "ALL"], summary.RootElement.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("category").GetString()));
        Assert.Equal(5, summary.RootElement.GetProperty("categories")[1].GetProperty("attempted").GetInt32());
    }

    [Fact]
    public async Task Fail_above_exits_1_only_when_the_rate_is_higher()
    {
        await using var leaky = await FakeChatTarget.StartAsync(FakeChatModels.Leaky);
        var (code, _, error) = await CliRunner.RunAsync("redteam", "run", "--target", leaky.BaseUrl.ToString(), "--categories", "LLM07", "--fail-above", "0.1", "--out", _dir.Path);
        Assert.Equal(1, code);
        Assert.Contains("above --fail-above 0.1", error, StringComparison.Ordinal);

        await using var hardened = await FakeChatTarget.StartAsync(FakeChatModels.Hardened);
        (code, var output, error) = await CliRunner.RunAsync("redteam", "run", "--target", hardened.BaseUrl.ToString(), "--fail-above", "0", "--out", _dir.Path);
        Assert.True(code == 0, error);
        Assert.Matches(@"(?m)^ALL +All categories +86 +0 +0 +86 +0\.0%", output);
    }

    [Theory]
    [InlineData("ftp://example.org/v1")]
    [InlineData("not a url")]
    [InlineData("/v1")]
    [InlineData("http://")]
    public async Task A_bad_target_is_a_usage_error_naming_the_option(string url)
    {
        var (code, _, error) = await CliRunner.RunAsync("redteam", "run", "--target", url, "--out", _dir.Path);
        Assert.Equal(2, code);
        Assert.Contains("--target", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--categories", "LLM01,LLM99")]
    [InlineData("--concurrency", "0")]
    [InlineData("--fail-above", "1.5")]
    [InlineData("--limit", "0")]
    [InlineData("--system-prompt", "/nonexistent/cairn/prompt.txt")]
    public async Task Other_bad_options_are_usage_errors_naming_the_option(string option, string value)
    {
        var (code, _, error) = await CliRunner.RunAsync("redteam", "run", "--target", "http://127.0.0.1:1/v1", option, value, "--out", _dir.Path);
        Assert.Equal(2, code);
        Assert.Contains(option, error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "redteam-report.json")));
    }

    [Fact]
    public async Task A_system_prompt_file_is_sent_with_the_guarded_block_appended()
    {
        await using var target = await FakeChatTarget.StartAsync(FakeChatModels.Leaky);
        var file = Path.Combine(_dir.Path, "prompt.txt");
        await File.WriteAllTextAsync(file, "You are Pete, a pirate who only talks about boats.\n", TestContext.Current.CancellationToken);
        var (code, _, error) = await CliRunner.RunAsync(
            "redteam", "run", "--target", target.BaseUrl.ToString(), "--system-prompt", file, "--categories", "LLM07", "--limit", "2", "--out", _dir.Path);
        Assert.True(code == 0, error);
        Assert.All(target.Requests, r => Assert.StartsWith("You are Pete, a pirate who only talks about boats.\n\nInternal reference token: CAIRN-CANARY-", r.System, StringComparison.Ordinal));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_dir.Path, "redteam-report.json"), TestContext.Current.CancellationToken));
        Assert.Equal("custom", json.RootElement.GetProperty("system_prompt").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("overall").GetProperty("succeeded").GetInt32());   // LLM07-001 and -002 ask to repeat: the leaky fake echoes

        await File.WriteAllTextAsync(file, "  \n", TestContext.Current.CancellationToken);
        (code, _, error) = await CliRunner.RunAsync("redteam", "run", "--target", target.BaseUrl.ToString(), "--system-prompt", file, "--out", _dir.Path);
        Assert.Equal(2, code);
        Assert.Contains("--system-prompt: the file is empty", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_target_exits_6_and_still_writes_the_report()
    {
        var (code, _, error) = await CliRunner.RunAsync("redteam", "run", "--target", $"http://127.0.0.1:{FreePort.Next()}/v1", "--limit", "2", "--out", _dir.Path);
        Assert.Equal(6, code);
        Assert.Contains("no attack got a reply", error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_dir.Path, "redteam-report.json"), TestContext.Current.CancellationToken));
        Assert.Equal(2, json.RootElement.GetProperty("overall").GetProperty("errors").GetInt32());
    }

    [Fact]
    public async Task Attacks_lists_the_built_in_suite()
    {
        var (code, output, _) = await CliRunner.RunAsync("redteam", "attacks");
        Assert.Equal(0, code);
        Assert.Matches("(?m)^ID +CATEGORY +TECHNIQUE +TITLE", output);
        Assert.Matches("(?m)^LLM01-015 +LLM01 +base64-encoding +Base64 instruction", output);
        Assert.True(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 60);

        (code, output, _) = await CliRunner.RunAsync("redteam", "attacks", "--categories", "LLM07", "--json");
        Assert.Equal(0, code);
        using var list = JsonDocument.Parse(output);
        Assert.All(list.RootElement.EnumerateArray(), a => Assert.Equal("LLM07", a.GetProperty("category").GetString()));
    }

    [Fact]
    public async Task Upload_posts_the_report_to_the_cairn_server()
    {
        await using var target = await FakeChatTarget.StartAsync(FakeChatModels.Hardened);
        await using var host = await CairnTestHost.StartAsync();
        var (code, output, error) = await CliRunner.RunAsync(
            "redteam", "run", "--target", target.BaseUrl.ToString(), "--limit", "2", "--out", _dir.Path, "--upload", "--url", host.BaseUrl.ToString(), "--key", host.AdminKey);

        Assert.True(code == 0, error);
        var id = System.Text.RegularExpressions.Regex.Match(output, "(?m)^Uploaded: report (\\S+)").Groups[1].Value;
        Assert.NotEmpty(id);

        // The server keeps it for the project: listed, and rendered as JSON, Markdown and HTML.
        using var http = host.Client(host.AdminKey);
        var list = JsonDocument.Parse(await http.GetStringAsync("/api/v1/guardrails/redteam/reports")).RootElement;
        Assert.Equal((id, 2), (list[0].GetProperty("id").GetString(), list[0].GetProperty("attempted").GetInt32()));
        Assert.Equal(0, list[0].GetProperty("succeeded").GetInt32());
        var json = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/guardrails/redteam/reports/{id}")).RootElement;
        Assert.Equal(target.BaseUrl.ToString().TrimEnd('/'), json.GetProperty("target").GetString()!.TrimEnd('/'));
        Assert.Contains("<table", await http.GetStringAsync($"/api/v1/guardrails/redteam/reports/{id}?format=html"), StringComparison.Ordinal);
        Assert.Contains("| ", await http.GetStringAsync($"/api/v1/guardrails/redteam/reports/{id}?format=markdown"), StringComparison.Ordinal);
        using var bad = await http.PostAsync("/api/v1/guardrails/redteam/reports", new StringContent("{\"target\": 3}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        using var missing = await http.GetAsync("/api/v1/guardrails/redteam/reports/nope");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }
}
