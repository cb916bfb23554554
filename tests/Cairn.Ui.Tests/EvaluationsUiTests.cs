using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Cairn.Ui.Tests;

/// <summary>
/// The evaluation pages in headless Chromium: the list of runs and datasets, a run's metrics and slices, the
/// scoreboard of a candidate against a baseline, and a blind review vote that the results count.
/// </summary>
public sealed class EvaluationsUiTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task Runs_scoreboard_and_review_work_in_the_browser()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        using var http = session.Host.Client(session.Host.AdminKey);
        var csv = new StringBuilder("label,region\n");
        int[] labels = [1, 0, 1, 1, 0, 0, 1, 0, 1, 1];
        for (var i = 0; i < labels.Length; i++)
        {
            csv.Append(labels[i]).Append(',').Append(i < 5 ? "east" : "west").Append('\n');
        }

        (await http.PostAsync($"/api/v1/datasets?name=ui-{suffix}&format=csv", new StringContent(csv.ToString()))).EnsureSuccessStatusCode();
        async Task<string> RunAsync(int[] predictions)
        {
            using var response = await http.PostAsJsonAsync("/api/v1/evaluations", new
            {
                dataset = $"ui-{suffix}", task = "classification", label_column = "label", predictions, metrics = new[] { "accuracy" }, slice_by = new[] { "region" },
                bootstrap = new { samples = 50 }, run_name = "ui-" + predictions.Sum() + "-" + suffix,
            });
            response.EnsureSuccessStatusCode();
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("run_id").GetString()!;
        }

        var baseline = await RunAsync([1, 0, 1, 1, 0, 1, 0, 1, 1, 1]);   // 7 of 10 right
        var candidate = await RunAsync([1, 0, 1, 1, 0, 0, 1, 0, 1, 0]);  // 9 of 10 right
        (await http.PostAsJsonAsync("/api/v1/reviews", new
        {
            name = $"answers-{suffix}", label_a = "baseline", label_b = "candidate",
            items = new[] { new { input = "What is 2 + 2?", a = "four", b = "4" }, new { input = "Capital of France?", a = "Paris", b = "Lyon" } },
        })).EnsureSuccessStatusCode();

        var page = await session.NewPageAsync();
        await BrowserSession.SignInAsync(page, session.Host.AdminKey, "/evaluations");
        var row = page.Locator($"#evaluations tr[data-run='{candidate}']");
        await row.WaitForAsync();
        Assert.Contains("accuracy 0.9", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator($"#datasets tr[data-dataset='ui-{suffix}']").CountAsync());

        await page.Locator($"#evaluations tr[data-run='{baseline}'] input[name=baseline]").CheckAsync();
        await page.Locator($"#evaluations tr[data-run='{candidate}'] input[name=candidates]").CheckAsync();
        await Task.WhenAll(page.WaitForURLAsync("**/evaluations/compare?*"), page.Locator("#compare").ClickAsync());
        var delta = page.Locator($"section[data-candidate='{candidate}'] tr[data-metric='accuracy'] [data-delta]");
        await delta.WaitForAsync();
        Assert.StartsWith("+0.2", await delta.InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("[data-interval-chart][data-rendered=true]").WaitForAsync();

        await page.GotoAsync(session.Host.BaseUrl + $"evaluations/{candidate}");
        Assert.Equal("0.9", await page.Locator("#metrics tr[data-metric='accuracy'] [data-value]").InnerTextAsync());
        Assert.Equal("0.8", await page.Locator("table[data-slice='region'] tr[data-value='west'] td[data-key='accuracy']").InnerTextAsync());

        await page.GotoAsync(session.Host.BaseUrl + $"reviews/answers-{suffix}");
        var left = await page.Locator("#left").InnerTextAsync();
        Assert.Contains(left, new[] { "four", "4" });
        await page.Locator("#vote textarea").FillAsync("spelled out reads better");
        await page.Locator("#vote button[value=left]").ClickAsync();
        await page.Locator("#notice").WaitForAsync();
        var winner = left == "four" ? "a" : "b";
        Assert.Equal("1", await page.Locator($"#results [data-count='{winner}']").InnerTextAsync());
        Assert.Contains("Item 2 of 2", await page.Locator("#progress").InnerTextAsync(), StringComparison.Ordinal);
    }
}
