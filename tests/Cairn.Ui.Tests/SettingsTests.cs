using System.Net;
using System.Net.Http.Headers;
using Xunit;

namespace Cairn.Ui.Tests;

/// <summary>Settings: create a project, grant a role, create a key (shown once) that works, then revoke it.</summary>
public sealed class SettingsTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task Settings_ProjectMemberAndKey_RoundTrip()
    {
        var page = await session.NewPageAsync();
        await BrowserSession.SignInAsync(page, session.Host.AdminKey, "/settings");

        await page.FillAsync("input[name='NewProject.Name']", "fraud");
        await page.FillAsync("input[name='NewProject.Description']", "card fraud models");
        await page.ClickAsync("text=Create project");
        await page.WaitForSelectorAsync("#projects tr.selected >> text=fraud");

        await page.FillAsync("input[name='Member.Principal']", "dana");
        await page.SelectOptionAsync("select[name='Member.Role']", "editor");
        await page.ClickAsync("text=Set role");
        await page.WaitForSelectorAsync("#members >> text=dana");

        await page.FillAsync("input[name='NewKey.Name']", "dana laptop");
        await page.FillAsync("input[name='NewKey.Principal']", "dana");
        await page.CheckAsync("input[name='NewKey.Write']");
        await page.ClickAsync("text=Create key");
        var secret = (await page.TextContentAsync("#new-key .secret-value"))!.Trim();
        Assert.StartsWith("cairn_", secret, StringComparison.Ordinal);

        using var http = session.Host.Client();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var me = await http.GetStringAsync("/api/v1/me");
        Assert.Contains("\"project\":\"fraud\"", me, StringComparison.Ordinal);
        Assert.Contains("\"effective_scopes\":[\"read\",\"write\"]", me, StringComparison.Ordinal);

        await page.GotoAsync(page.Url);
        Assert.Equal(0, await page.Locator("#new-key").CountAsync());
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);

        await page.ClickAsync("#keys tr:has-text('dana laptop') >> text=Revoke");
        await page.WaitForSelectorAsync("#keys tr:has-text('dana laptop') >> text=revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Settings_InvalidProjectName_ShowsTheRule()
    {
        var page = await session.NewPageAsync();
        await BrowserSession.SignInAsync(page, session.Host.AdminKey, "/settings");
        await page.FillAsync("input[name='NewProject.Name']", "Not A Slug");
        await page.ClickAsync("text=Create project");
        Assert.Contains("must be 1 to 63 characters", await page.TextContentAsync(".error"), StringComparison.Ordinal);
    }
}
