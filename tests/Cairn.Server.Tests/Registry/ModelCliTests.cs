using System.Security.Cryptography;
using Xunit;

namespace Cairn.Server.Tests.Registry;

/// <summary>
/// <c>cairn signing-keys</c> and <c>cairn models</c> against a real server: register → sign → verify →
/// alias (a request) → approve (promotes) → card, then tampering caught by verify, and retention.
/// </summary>
public sealed class ModelCliTests : IAsyncLifetime
{
    private RegistryScene _scene = null!;
    private string _runId = null!;
    private readonly byte[] _weights = RandomNumberGenerator.GetBytes(5000);

    public async ValueTask InitializeAsync()
    {
        _scene = await RegistryScene.StartAsync();
        _runId = await _scene.RunWithFilesAsync("dana", new Dictionary<string, string> { ["accuracy"] = "0.97" }, ("model/MLmodel", "flavors: {}\n"u8.ToArray()), ("model/w.bin", _weights));
    }

    public async ValueTask DisposeAsync() => await _scene.DisposeAsync();

    private Task<(int Code, string Out, string Err)> Cairn(string who, params string[] args) =>
        CliRunner.RunAsync([.. args, "--url", _scene.Host.BaseUrl.ToString(), "--key", _scene.Keys[who]]);

    private static void Ok((int Code, string Out, string Err) result) => Assert.True(result.Code == 0, $"exit {result.Code}: {result.Out}{result.Err}");

    [Fact]
    public async Task RegisterSignVerifyApprovePromoteCard_ThroughTheCli()
    {
        var prefix = Path.Combine(_scene.Work, "release");
        var generated = await Cairn("admin", "signing-keys", "generate", prefix);
        Ok(generated);
        var fingerprint = generated.Out.Trim()[^16..];
        Ok(await Cairn("admin", "signing-keys", "add", "release", "--public-key", prefix + ".pub"));
        Assert.Matches($"(?m)^{fingerprint} +release +admin .* active$", (await Cairn("admin", "signing-keys", "list")).Out);

        var registered = await Cairn("dana", "models", "register", "fraud", "--source", $"runs:/{_runId}/model", "--risk-tier", "medium");
        Ok(registered);
        Assert.Contains("Registered fraud version 1, digest sha256:", registered.Out, StringComparison.Ordinal);
        Assert.Matches("(?m)^fraud +medium +1 +", (await Cairn("dana", "models", "list")).Out);

        Ok(await Cairn("dana", "models", "sign", "fraud/1", "--private-key", prefix + ".key"));
        var verify = await Cairn("dana", "models", "verify", "models:/fraud/1");
        Ok(verify);
        Assert.Contains("fraud version 1: intact, signed, 2 files", verify.Out, StringComparison.Ordinal);
        Assert.Contains($"signature by release ({fingerprint}): valid", verify.Out, StringComparison.Ordinal);

        var requested = await Cairn("dana", "models", "alias", "fraud", "champion", "1");
        Ok(requested);
        Assert.Matches("Request (\\d+): champion of fraud -> version 1: pending", requested.Out);
        Assert.Contains("[ ] 1 approval from approvers other than the author (dana)", requested.Out, StringComparison.Ordinal);
        var id = System.Text.RegularExpressions.Regex.Match(requested.Out, "Request (\\d+)").Groups[1].Value;
        Assert.Matches($"(?m)^{id} +fraud +champion +1 +pending +dana +", (await Cairn("erin", "models", "promotions", "--status", "pending")).Out);

        var approved = await Cairn("erin", "models", "approve", id, "--comment", "ok");
        Ok(approved);
        Assert.Contains("promoted", approved.Out, StringComparison.Ordinal);
        var show = await Cairn("dana", "models", "show", "fraud@champion");
        Ok(show);
        Assert.Matches("(?m)^aliases +champion", show.Out);
        Assert.Matches("(?m)^signature +valid", show.Out);
        Assert.Contains("w.bin", show.Out, StringComparison.Ordinal);

        var cardFile = Path.Combine(_scene.Work, "card.json");
        await File.WriteAllTextAsync(cardFile, """{"overview": "Flags card fraud.", "owners": ["fraud-team"]}""");
        var card = await Cairn("dana", "models", "card", "fraud@champion", "--format", "md", "--set", cardFile);
        Ok(card);
        Assert.StartsWith("# Model card: fraud version 1", card.Out, StringComparison.Ordinal);
        Assert.Contains("Flags card fraud.", card.Out, StringComparison.Ordinal);
        Assert.Contains("| accuracy | 0.97 |", card.Out, StringComparison.Ordinal);
        Ok(await Cairn("dana", "models", "card", "fraud@champion", "--format", "html", "-o", Path.Combine(_scene.Work, "card.html")));
        Assert.Contains("<h1>Model card: fraud version 1</h1>", await File.ReadAllTextAsync(Path.Combine(_scene.Work, "card.html")), StringComparison.Ordinal);

        // Tampering: verify exits 1 and says what is wrong.
        var digest = Convert.ToHexStringLower(SHA256.HashData(_weights));
        var blob = Path.Combine(_scene.Host.DataDirectory, "blobs", "sha256", digest[..2], digest[2..4], digest);
        File.SetAttributes(blob, FileAttributes.Normal);
        await File.WriteAllBytesAsync(blob, new byte[_weights.Length]);
        var tampered = await Cairn("dana", "models", "verify", "fraud@champion");
        Assert.Equal(1, tampered.Code);
        Assert.Contains("TAMPERED", tampered.Out, StringComparison.Ordinal);
        Assert.Contains("w.bin", tampered.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetentionAndGc_DryRunThenDelete()
    {
        for (var i = 0; i < 3; i++)
        {
            Ok(await Cairn("admin", "models", "register", "ranker", "--source", $"runs:/{_runId}/model"));
        }

        Ok(await Cairn("admin", "models", "retention", "ranker", "--keep-last", "1"));
        var dry = await Cairn("admin", "models", "gc", "ranker", "--dry-run");
        Ok(dry);
        Assert.Matches("(?m)^ranker +1 +would delete +deleted: not among the newest 1$", dry.Out);
        Assert.Matches("(?m)^ranker +3 +keep +kept: among the newest 1$", dry.Out);
        Ok(await Cairn("admin", "models", "gc"));
        Assert.Matches("(?m)^3 +", (await Cairn("admin", "models", "show", "ranker")).Out);
        Assert.DoesNotMatch("(?m)^1 +", (await Cairn("admin", "models", "show", "ranker")).Out);
        Assert.Equal(5, (await Cairn("admin", "models", "show", "ranker/1")).Code);
    }
}
