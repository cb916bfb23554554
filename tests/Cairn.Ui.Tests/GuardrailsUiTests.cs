using Xunit;

namespace Cairn.Ui.Tests;

/// <summary>The guardrails playground in headless Chromium: pasted text comes back with its personal data highlighted and anonymized.</summary>
public sealed class GuardrailsUiTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task The_playground_highlights_and_anonymizes_pasted_text()
    {
        var page = await session.NewPageAsync();
        await BrowserSession.SignInAsync(page, session.Host.AdminKey, "/guardrails");
        await page.Locator("#playground textarea").FillAsync("Mail ana@example.org, card 4111 1111 1111 1111, order 20240412-7781.");
        await page.Locator("#playground button[type=submit]").ClickAsync();
        await page.Locator("#result").WaitForAsync();
        Assert.Equal("ana@example.org", await page.Locator("#highlighted mark[data-entity=EMAIL_ADDRESS]").InnerTextAsync());
        Assert.Equal("4111 1111 1111 1111", await page.Locator("#highlighted mark[data-entity=CREDIT_CARD]").InnerTextAsync());
        Assert.Equal(2, await page.Locator("#entities tbody tr").CountAsync());
        Assert.Equal("Mail <EMAIL_ADDRESS>, card <CREDIT_CARD>, order 20240412-7781.", (await page.Locator("#anonymized").InnerTextAsync()).Trim());
    }
}
