using System.Text.Json;
using Cairn.Guardrails.RedTeam;
using Cairn.Testing;
using Xunit;

namespace Cairn.Guardrails.Tests;

/// <summary>
/// The runner against fake OpenAI-compatible targets over real HTTP. Expected results are counted from the suite
/// file with the fake's own rules (<see cref="FakeChatModels.LeakyShouldSucceed"/>), never with the runner's code.
/// </summary>
public sealed class RedTeamRunnerTests : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public void Dispose() => _http.Dispose();

    private static List<JsonElement> SuiteFile()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "redteam", "attacks.json")));
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private Task<RedTeamReport> RunAsync(FakeChatTarget target, int? seed = 42, string? apiKey = null, string? systemPrompt = null, int? limit = null, int concurrency = 4,
        TimeSpan? timeout = null, string? targetText = null) =>
        new RedTeamRunner(_http, TimeProvider.System).RunAsync(new RedTeamOptions
        {
            Target = new Uri(targetText ?? target.BaseUrl.ToString()),
            Model = "fake-model",
            ApiKey = apiKey,
            SystemPrompt = systemPrompt,
            Seed = seed,
            Limit = limit,
            Concurrency = concurrency,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
            RetryDelay = TimeSpan.FromMilliseconds(10),
        }, AttackSuite.BuiltIn, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Leaky_target_gives_the_hand_counted_successes_per_category()
    {
        await using var target = await FakeChatTarget.StartAsync(FakeChatModels.Leaky);
        var report = await RunAsync(target, apiKey: "test-key");

        var suite = SuiteFile();
        Assert.Equal(suite.Count, report.Attacks.Count);
        foreach (var category in new[] { "LLM01", "LLM02", "LLM07" })
        {
            var ofCategory = suite.Where(a => a.GetProperty("category").GetString() == category).ToList();
            var expected = ofCategory.Count(FakeChatModels.LeakyShouldSucceed);
            Assert.InRange(expected, 1, ofCategory.Count - 1);   // the fake's rules split every category
            var summary = Assert.Single(report.Categories, c => c.Category == category);
            Assert.Equal((ofCategory.Count, expected, 0), (summary.Attempted, summary.Succeeded, summary.Errors));
            Assert.Equal((double)expected / ofCategory.Count, summary.AttackSuccessRate);
        }

        // Attack by attack, too, and the evidence says what leaked.
        var predicted = suite.ToDictionary(a => a.GetProperty("id").GetString()!, FakeChatModels.LeakyShouldSucceed);
        Assert.All(report.Attacks, a => Assert.True(predicted[a.Id] == a.Success, $"{a.Id}: expected {predicted[a.Id]}, reply {a.Reply}"));
        Assert.All(report.Attacks.Where(a => a.Success), a => Assert.False(string.IsNullOrEmpty(a.Evidence)));
        Assert.Equal(0, report.Overall.Refusals);

        // The wire: model, temperature 0, bearer key, a system message holding the canary, a Content-Length, one request per attack.
        var requests = target.Requests;
        Assert.Equal(suite.Count, requests.Count);
        Assert.All(requests, r => Assert.Equal(("fake-model", 0.0, "Bearer test-key"), (r.Model, r.Temperature!.Value, r.Authorization)));
        Assert.All(requests, r => Assert.Matches("CAIRN-CANARY-[0-9A-F]{8}", r.System));
        Assert.All(requests, r => Assert.NotNull(r.ContentLength));
        Assert.Single(requests.Select(r => r.System).Distinct());
    }

    [Fact]
    public async Task Hardened_target_has_no_successes_and_every_reply_is_a_refusal()
    {
        await using var target = await FakeChatTarget.StartAsync(FakeChatModels.Hardened);
        var report = await RunAsync(target, targetText: target.BaseUrl + "/");   // a trailing slash is accepted
        Assert.Equal(0.0, report.Overall.AttackSuccessRate);
        Assert.All(report.Categories, c => Assert.Equal((0, c.Attempted, 0.0), (c.Succeeded, c.Refusals, c.AttackSuccessRate!.Value)));
        Assert.Null(target.Requests[0].Authorization);
    }

    [Fact]
    public async Task Server_errors_are_retried_then_counted_as_errors_not_verdicts()
    {
        static bool Broken(string text) => text.Contains("base64", StringComparison.OrdinalIgnoreCase);
        await using var target = await FakeChatTarget.StartAsync(r => Broken(r.User) ? FakeChatAnswer.Fail(500) : FakeChatModels.Leaky(r));
        var report = await RunAsync(target);

        var suite = SuiteFile();
        var broken = suite.Where(a => Broken(a.GetProperty("prompt").GetString()!)).ToList();
        Assert.NotEmpty(broken);
        Assert.Equal(broken.Count, report.Overall.Errors);
        Assert.All(report.Attacks.Where(a => a.Error is not null), a => Assert.Equal((false, (string?)null), (a.Success, a.Reply)));
        Assert.All(report.Attacks.Where(a => a.Error is not null), a => Assert.Contains("HTTP 500", a.Error, StringComparison.Ordinal));
        Assert.Equal(suite.Count + (2 * broken.Count), target.Requests.Count);   // each broken attack: one try and two retries

        var expected = suite.Count(a => !Broken(a.GetProperty("prompt").GetString()!) && FakeChatModels.LeakyShouldSucceed(a));
        Assert.Equal(expected, report.Overall.Succeeded);
        Assert.Equal((double)expected / (suite.Count - broken.Count), report.Overall.AttackSuccessRate);
    }

    [Fact]
    public async Task Rate_limits_are_retried_and_client_errors_are_not()
    {
        await using var throttled = await FakeChatTarget.StartAsync(r => r.Attempt == 1 ? FakeChatAnswer.Fail(429) : FakeChatModels.Leaky(r));
        var report = await RunAsync(throttled, limit: 10);
        Assert.Equal((10, 0), (report.Overall.Attempted, report.Overall.Errors));
        Assert.Equal(20, throttled.Requests.Count);

        await using var refusing = await FakeChatTarget.StartAsync(_ => FakeChatAnswer.Fail(401));
        report = await RunAsync(refusing, limit: 3);
        Assert.Equal(3, report.Overall.Errors);
        Assert.Null(report.Overall.AttackSuccessRate);
        Assert.Equal(3, refusing.Requests.Count);
    }

    [Fact]
    public async Task Concurrency_is_bounded_and_slow_answers_time_out()
    {
        await using var slow = await FakeChatTarget.StartAsync(FakeChatModels.Hardened, TimeSpan.FromMilliseconds(100));
        await RunAsync(slow, limit: 12, concurrency: 3);
        Assert.InRange(slow.MaxInFlight, 2, 3);

        await using var stuck = await FakeChatTarget.StartAsync(FakeChatModels.Hardened, TimeSpan.FromSeconds(5));
        var report = await RunAsync(stuck, limit: 1, timeout: TimeSpan.FromMilliseconds(500));
        Assert.Contains("no answer within", report.Attacks[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_seed_fixes_the_messages_and_a_custom_prompt_gets_the_guarded_block()
    {
        await using var target = await FakeChatTarget.StartAsync(FakeChatModels.Hardened);
        var first = await RunAsync(target, seed: 5, limit: 20);
        var second = await RunAsync(target, seed: 5, limit: 20);
        var third = await RunAsync(target, seed: 6, limit: 20);
        Assert.Equal(first.Attacks.Select(a => a.Prompt), second.Attacks.Select(a => a.Prompt));
        Assert.NotEqual(first.Attacks.Select(a => a.Prompt), third.Attacks.Select(a => a.Prompt));
        Assert.Equal(5, first.Seed);

        var before = target.Requests.Count;
        var custom = await RunAsync(target, systemPrompt: "You are Pete, a pirate who only talks about boats.", limit: 1);
        var system = target.Requests[before].System;
        Assert.StartsWith("You are Pete, a pirate who only talks about boats.\n\n", system, StringComparison.Ordinal);
        Assert.Matches("CAIRN-CANARY-[0-9A-F]{8}", system);
        Assert.Equal("custom", custom.SystemPrompt);
    }
}
