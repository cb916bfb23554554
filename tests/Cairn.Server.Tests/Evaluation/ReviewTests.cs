using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cairn.Server.Tests.Registry;
using Xunit;

namespace Cairn.Server.Tests.Evaluation;

/// <summary>Human review over HTTP: blind pairs, one vote per reviewer and item, win rates and agreement counted by hand.</summary>
public sealed class ReviewTests : IAsyncLifetime
{
    private RegistryScene _scene = null!;

    public async ValueTask InitializeAsync() => _scene = await RegistryScene.StartAsync();

    public async ValueTask DisposeAsync() => await _scene.DisposeAsync();

    private static async Task<JsonElement> Read(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    // Votes for the side that shows the wanted output (A or B), or a tie / both bad, as the reviewer sees the item.
    private static async Task VoteAsync(HttpClient http, string wanted)
    {
        var next = await Read(await http.GetAsync("/api/v1/reviews/answers/next"));
        Assert.False(next.GetProperty("done").GetBoolean());
        Assert.False(next.TryGetProperty("a", out _));
        var again = await Read(await http.GetAsync("/api/v1/reviews/answers/next"));
        Assert.Equal(next.GetProperty("left").GetString(), again.GetProperty("left").GetString());
        var item = next.GetProperty("item").GetInt64();
        var choice = wanted switch
        {
            "A" or "B" => next.GetProperty("left").GetString() == $"{wanted}{item}" ? "left" : "right",
            _ => wanted,
        };
        await Read(await http.PostAsJsonAsync($"/api/v1/reviews/answers/items/{item}/vote", new { choice, comment = wanted == "both_bad" ? "both miss the point" : null }));
    }

    [Fact]
    public async Task Reviewers_judge_blind_pairs_and_the_results_count_them()
    {
        using var dana = _scene.Http("dana");
        var items = Enumerable.Range(1, 4).Select(i => new { input = $"question {i}", a = $"A{i}", b = $"B{i}" }).ToArray();
        var queue = await Read(await dana.PostAsJsonAsync("/api/v1/reviews", new { name = "answers", label_a = "baseline", label_b = "candidate", items }), HttpStatusCode.Created);
        Assert.Equal(4, queue.GetProperty("items").GetInt32());
        await Read(await dana.PostAsJsonAsync("/api/v1/reviews", new { name = "answers", items }), HttpStatusCode.Conflict);

        using var erin = _scene.Http("erin");
        using var finn = _scene.Http("finn");
        foreach (var w in new[] { "A", "A", "A", "tie" })
        {
            await VoteAsync(erin, w);
        }

        foreach (var w in new[] { "A", "A", "B", "both_bad" })
        {
            await VoteAsync(finn, w);
        }

        Assert.True((await Read(await erin.GetAsync("/api/v1/reviews/answers/next"))).GetProperty("done").GetBoolean());
        var results = await Read(await dana.GetAsync("/api/v1/reviews/answers/results"));
        var counts = results.GetProperty("counts");
        Assert.Equal((5, 1, 1, 1), (counts.GetProperty("a").GetInt32(), counts.GetProperty("b").GetInt32(), counts.GetProperty("tie").GetInt32(), counts.GetProperty("both_bad").GetInt32()));

        // B wins 1 of 6 decisive votes; Wilson 95 % interval by the textbook formula.
        var rate = results.GetProperty("b_win_rate");
        const double z = 1.959963984540054;
        double p = 1 / 6.0, n = 6;
        var centre = (p + (z * z / (2 * n))) / (1 + (z * z / n));
        var half = z * Math.Sqrt((p * (1 - p) / n) + (z * z / (4 * n * n))) / (1 + (z * z / n));
        Assert.Equal((p, centre - half, centre + half), (rate.GetProperty("rate").GetDouble(), rate.GetProperty("ci_low").GetDouble(), rate.GetProperty("ci_high").GetDouble()));

        // Cohen's kappa by hand: erin a,a,a,tie and finn a,a,b,both_bad agree on 2 of 4 (po = 0.5);
        // chance pe = (3/4)(2/4) = 0.375; kappa = (0.5 - 0.375) / (1 - 0.375) = 0.2.
        var pair = Assert.Single(results.GetProperty("agreement").EnumerateArray());
        Assert.Equal(0.2, pair.GetProperty("cohen_kappa").GetDouble(), 12);
        Assert.Equal("both miss the point", Assert.Single(results.GetProperty("comments").EnumerateArray()).GetProperty("comment").GetString());
    }

    [Fact]
    public async Task Bad_votes_are_refused_and_viewers_cannot_vote()
    {
        using var dana = _scene.Http("dana");
        await Read(await dana.PostAsJsonAsync("/api/v1/reviews", new { name = "answers", items = new[] { new { input = "q", a = "x", b = "y" } } }), HttpStatusCode.Created);
        var bad = await dana.PostAsJsonAsync("/api/v1/reviews/answers/items/1/vote", new { choice = "up" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("choice", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await dana.PostAsJsonAsync("/api/v1/reviews/answers/items/9/vote", new { choice = "tie" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await dana.PostAsJsonAsync("/api/v1/reviews", new { name = "empty", items = Array.Empty<object>() })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await dana.PostAsJsonAsync("/api/v1/reviews", new { name = "nul", items = new[] { new { input = "a\0b", a = "x", b = "y" } } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await dana.PostAsJsonAsync("/api/v1/reviews/answers/items/1/vote", new { choice = "tie", comment = "a\0b" })).StatusCode);
        using var vic = _scene.Http("vic");
        Assert.Equal(HttpStatusCode.Forbidden, (await vic.PostAsJsonAsync("/api/v1/reviews/answers/items/1/vote", new { choice = "tie" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await vic.GetAsync("/api/v1/reviews/answers/results")).StatusCode);
    }
}
