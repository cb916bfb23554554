using Cairn.Testing;
using Microsoft.Playwright;
using Xunit;

namespace Cairn.Ui.Tests;

/// <summary>
/// A Cairn server and Debian's headless Chromium driven by Playwright (Playwright cannot download
/// its own browsers here, so the executable path is set). Missing Chromium fails under CI and skips elsewhere.
/// </summary>
public sealed class BrowserSession : IAsyncLifetime
{
    private static readonly string[] ChromiumPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public CairnTestHost Host { get; private set; } = null!;

    public IBrowser Browser => _browser!;

    public async ValueTask InitializeAsync()
    {
        Host = await CairnTestHost.StartAsync();
        var chromium = Environment.GetEnvironmentVariable("CAIRN_CHROMIUM") ?? ChromiumPaths.FirstOrDefault(File.Exists);
        if (chromium is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "Chromium is missing on CI: apt-get install chromium");
            Assert.Skip("Chromium is not installed (apt-get install chromium)");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A new browser context (its own cookies) with a page at the server.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Host.BaseUrl.ToString().TrimEnd('/') });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the form and waits to land on <paramref name="path"/>.</summary>
    public static async Task SignInAsync(IPage page, string key, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForURLAsync("**/signin?returnUrl=*");
        await page.FillAsync("#key", key);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**" + path);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await Host.DisposeAsync();
    }
}
