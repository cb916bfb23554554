using System.Text;
using Cairn.Client;
using Microsoft.Playwright;
using Xunit;

namespace Cairn.Ui.Tests;

/// <summary>The tracking UI in headless Chromium: runs table with search and sort, compare view with charts, run page with artifacts.</summary>
public sealed class TrackingUiTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private async Task<long> SeedAsync()
    {
        using var client = new CairnClient(session.Host.BaseUrl, session.Host.AdminKey);
        var experiment = await client.CreateExperimentAsync("vision-" + Guid.NewGuid().ToString("N")[..6]);
        foreach (var (name, lr, acc) in new[] { ("small", "0.1", 0.80), ("medium", "0.01", 0.90), ("large", "0.001", 0.95) })
        {
            await using var run = await client.StartRunAsync(experiment.Id, name);
            await run.LogParamAsync("lr", lr);
            await run.LogParamAsync("model", "resnet");
            for (var step = 0; step < 200; step++)
            {
                await run.LogMetricAsync("loss", 1.0 / (step + 1), step, 1_700_000_000_000 + step);
            }

            await run.LogMetricAsync("acc", acc, 199, 1_700_000_000_200);
            await run.LogArtifactAsync("notes.txt", new MemoryStream(Encoding.UTF8.GetBytes($"notes for {name}")));
        }

        return experiment.Id;
    }

    [Fact]
    public async Task RunsTable_SearchSortCompareAndRunPage_Work()
    {
        var experiment = await SeedAsync();
        var page = await session.NewPageAsync();
        await BrowserSession.SignInAsync(page, session.Host.AdminKey, "/experiments");
        // Wait for the navigation and click together: a click that lands while the list page is still
        // settling must not leave the wait listening for a navigation that already happened.
        var link = page.Locator($"#experiments a[href='/experiments/{experiment}']");
        await link.WaitForAsync();
        await Task.WhenAll(page.WaitForURLAsync($"**/experiments/{experiment}"), link.ClickAsync());
        await page.Locator("#runs tbody tr").First.WaitForAsync();
        Assert.Equal(3, await page.Locator("#runs tbody tr").CountAsync());

        await page.FillAsync("input[name=filter]", "metrics.acc > 0.85");
        await page.ClickAsync("form.search button");
        await page.WaitForURLAsync("**filter=metrics.acc*");
        Assert.Equal(["large", "medium"], await RunNames(page)); // newest first by default

        await page.ClickAsync("#runs th a:text-is('acc')");
        await page.WaitForURLAsync("**order=metrics*");
        Assert.Equal(["medium", "large"], await RunNames(page));
        await page.ClickAsync("#runs th a:text-is('acc')");
        await page.WaitForURLAsync("**DESC*");
        Assert.Equal(["large", "medium"], await RunNames(page));

        await page.FillAsync("input[name=filter]", "metrics.acc >");
        await page.ClickAsync("form.search button");
        await page.WaitForSelectorAsync(".error");
        Assert.Contains("position", await page.TextContentAsync(".error"), StringComparison.Ordinal);

        await page.GotoAsync($"/experiments/{experiment}");
        await page.CheckAsync("#runs input[aria-label='Select small']");
        await page.CheckAsync("#runs input[aria-label='Select large']");
        await page.ClickAsync("text=Compare selected");
        await page.WaitForURLAsync("**/compare?runs=*");
        Assert.Contains("differs", await page.GetAttributeAsync("#params-diff tr:has-text('lr')", "class") ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("differs", await page.GetAttributeAsync("#params-diff tr:has-text('model')", "class") ?? string.Empty, StringComparison.Ordinal);
        await page.WaitForSelectorAsync("#parallel[data-rendered=true] canvas");
        await page.WaitForSelectorAsync("[data-metric-chart][data-key=loss][data-rendered=true] canvas");
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "compare.png"), FullPage = true });

        await page.ClickAsync("#params-diff th a:text-is('large')");
        await page.WaitForURLAsync("**/runs/*");
        await page.WaitForSelectorAsync("[data-metric-chart][data-key=loss][data-rendered=true] canvas");
        Assert.Contains("0.95", await page.TextContentAsync("#metrics"), StringComparison.Ordinal);
        await page.ClickAsync("[data-axis-toggle=time]");
        await page.WaitForSelectorAsync("[data-metric-chart][data-key=loss][data-rendered=true][data-rendered-axis=time]");
        await page.ClickAsync("#artifacts a:text-is('notes.txt')");
        await page.WaitForSelectorAsync("#preview pre");
        Assert.Equal("notes for large", await page.TextContentAsync("#preview pre"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "run.png"), FullPage = true });
    }

    private static async Task<string[]> RunNames(IPage page) =>
        (await page.Locator("#runs tbody tr td:nth-child(2)").AllTextContentsAsync()).Select(t => t.Trim()).ToArray();
}
