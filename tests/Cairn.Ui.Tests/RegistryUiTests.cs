using System.Security.Cryptography;
using Cairn.Client;
using Cairn.Client.Contracts;
using Xunit;

namespace Cairn.Ui.Tests;

/// <summary>The registry UI in headless Chromium: models list with tier badges, version page (digest, signature, files, lineage graph, card), approvals queue.</summary>
public sealed class RegistryUiTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task ModelsVersionPageAndApprovalsQueue_Work()
    {
        var name = "scorer-" + Guid.NewGuid().ToString("N")[..6];
        using var admin = new CairnClient(session.Host.BaseUrl, session.Host.AdminKey);
        await admin.SetMemberAsync("default", "rita", "approver");
        var ritaKey = (await admin.CreateKeyAsync("default", new CreateKeyRequest("rita ui", ["read", "write"], "rita"))).Secret;
        var run = await admin.CreateRunAsync(new CreateRunRequest(0, "train", 1));
        await admin.LogBatchAsync(run.Id, new LogBatchRequest([new MetricPointDto("accuracy", 0.91, 1)]));
        await admin.UploadArtifactAsync(run.Id, "model/model.onnx", new MemoryStream(RandomNumberGenerator.GetBytes(3000)));
        await admin.CreateModelAsync(new CreateModelRequest(name, "scores things", "medium"));
        var version = await admin.RegisterVersionAsync(name, new RegisterVersionRequest($"runs:/{run.Id}/model"));
        var request = await admin.RequestPromotionAsync(name, "champion", 1);
        Assert.Equal("pending", request.Status);

        var page = await session.NewPageAsync();
        await BrowserSession.SignInAsync(page, ritaKey, "/models");
        var row = page.Locator("#models tr", new() { HasText = name });
        await row.WaitForAsync();
        Assert.Equal("medium", await row.Locator("[data-tier]").GetAttributeAsync("data-tier"));

        await Task.WhenAll(page.WaitForURLAsync($"**/models/{name}"), row.Locator("a").ClickAsync());
        var versionLink = page.Locator("#versions a", new() { HasText = "v1" });
        await Task.WhenAll(page.WaitForURLAsync($"**/models/{name}/versions/1"), versionLink.ClickAsync());
        Assert.Equal("sha256:" + version.Digest, await page.Locator("#digest").InnerTextAsync());
        Assert.Equal("none", await page.Locator("#signature-status").GetAttributeAsync("data-state"));
        Assert.Contains("model.onnx", await page.Locator("#files").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("accuracy", await page.Locator("#card-metrics").InnerTextAsync(), StringComparison.Ordinal);
        await page.WaitForSelectorAsync("#lineage[data-rendered=true]");
        Assert.Equal("2", await page.Locator("#lineage").GetAttributeAsync("data-nodes"));
        Assert.Equal("1", await page.Locator("#lineage").GetAttributeAsync("data-edges"));

        await page.GotoAsync(session.Host.BaseUrl + "approvals");
        var pending = page.Locator($"#approvals tr[data-request='{request.Id}']");
        await pending.WaitForAsync();
        Assert.Contains("1 approval", await pending.InnerTextAsync(), StringComparison.Ordinal);
        await pending.Locator("button", new() { HasText = "Approve" }).ClickAsync();
        await page.Locator("#notice").WaitForAsync();
        Assert.Equal($"Request {request.Id}: promoted.", await page.Locator("#notice").InnerTextAsync());
        Assert.Equal(1, (await admin.GetVersionByAliasAsync(name, "champion")).Version);
    }
}
