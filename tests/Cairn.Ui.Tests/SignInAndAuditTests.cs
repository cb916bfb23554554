using System.Net;
using Cairn.Client;
using Microsoft.Playwright;
using Xunit;

namespace Cairn.Ui.Tests;

/// <summary>Sign in with a key, read the audit page and its chain status, filter it, sign out.</summary>
public sealed class SignInAndAuditTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task SignIn_ThenAuditPage_ShowsEventsAndIntactChain()
    {
        using (var admin = new CairnClient(session.Host.BaseUrl, session.Host.AdminKey))
        {
            await admin.CreateProjectAsync("vision", "OCR models");
        }

        var page = await session.NewPageAsync();
        await BrowserSession.SignInAsync(page, session.Host.AdminKey, "/audit");

        var status = await page.TextContentAsync("#chain-status");
        Assert.Matches(@"Chain intact: \d+ events verified", status);
        var rows = await page.Locator("#audit-events tbody tr").AllTextContentsAsync();
        Assert.Contains(rows, r => r.Contains("CreateProject", StringComparison.Ordinal) && r.Contains("project vision created", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("SignIn", StringComparison.Ordinal) && r.Contains("success", StringComparison.Ordinal));

        await page.FillAsync("input[name=action]", "CreateProject");
        await page.ClickAsync("form.filters button[type=submit]");
        await page.WaitForURLAsync("**/audit?*action=CreateProject*");
        var filtered = await page.Locator("#audit-events tbody tr").AllTextContentsAsync();
        Assert.NotEmpty(filtered);
        Assert.All(filtered, r => Assert.Contains("CreateProject", r, StringComparison.Ordinal));

        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "audit.png"), FullPage = true });
    }

    [Fact]
    public async Task SignIn_WrongKey_StaysOnSignInWithAnError()
    {
        var page = await session.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.FillAsync("#key", "cairn_not-a-real-key");
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[type=submit]"), r => r.Request.Method == "POST");
        Assert.Equal((int)HttpStatusCode.Unauthorized, response.Status);
        Assert.Contains("unknown, revoked or expired", await page.TextContentAsync(".error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var page = await session.NewPageAsync();
        await BrowserSession.SignInAsync(page, session.Host.AdminKey, "/");
        Assert.Contains("admin", await page.TextContentAsync(".identity"), StringComparison.Ordinal);
        await page.ClickAsync("text=Sign out");
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync("**/signin");
        await page.GotoAsync("/settings");
        await page.WaitForURLAsync("**/signin?returnUrl=*");
    }

    [Fact]
    public async Task Navigation_ListsEverySection_WithUnbuiltOnesMarked()
    {
        var page = await session.NewPageAsync();
        await BrowserSession.SignInAsync(page, session.Host.AdminKey, "/");
        var items = await page.Locator("nav.sidebar li").AllTextContentsAsync();
        Assert.Equal(
            ["Overview", "Experiments", "Models", "Approvals", "Deployments", "Monitoring", "Evaluations", "Gateway", "Guardrails", "Audit", "Settings"],
            items.Select(i => i.Trim()));
        Assert.Equal(2, await page.Locator("nav.sidebar .pending[aria-disabled=true]").CountAsync());
    }

    [Fact]
    public async Task FormPost_WithoutAntiforgeryToken_IsRejected()
    {
        using var http = session.Host.Client();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "signin", ["Key"] = session.Host.AdminKey });
        var response = await http.PostAsync("/signin", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("cairn_session", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AuditPage_BadPagingValue_ShowsTheRuleInsteadOfFailing()
    {
        var page = await session.NewPageAsync();
        await BrowserSession.SignInAsync(page, session.Host.AdminKey, "/");
        var response = await page.GotoAsync("/audit?before=abc");
        Assert.Equal((int)HttpStatusCode.BadRequest, response!.Status);
        Assert.Contains("before: must be an event sequence number", await page.TextContentAsync(".error"), StringComparison.Ordinal);
    }
}
