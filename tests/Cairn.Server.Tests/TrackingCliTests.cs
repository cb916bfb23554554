using System.Text;
using Cairn.Cli;
using Cairn.Client;
using Cairn.Testing;
using Xunit;

namespace Cairn.Server.Tests;

/// <summary><c>cairn experiments|runs|artifacts</c> against a real server.</summary>
public sealed class TrackingCliTests : IAsyncLifetime
{
    private CairnTestHost _host = null!;
    private string _a = null!;
    private string _b = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await CairnTestHost.StartAsync();
        using var client = new CairnClient(_host.BaseUrl, _host.AdminKey);
        var experiment = await client.CreateExperimentAsync("cli");
        foreach (var (lr, acc) in new[] { ("0.1", 0.8), ("0.01", 0.9) })
        {
            await using var run = await client.StartRunAsync(experiment.Id, $"lr-{lr}");
            await run.LogParamAsync("lr", lr);
            await run.LogParamAsync("epochs", "10");
            await run.LogMetricAsync("acc", acc, 5);
            await run.LogArtifactAsync("notes/readme.txt", new MemoryStream(Encoding.UTF8.GetBytes($"lr {lr}")));
            (_a, _b) = lr == "0.1" ? (run.RunId, _b) : (_a, run.RunId);
        }
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private Task<(int Code, string Out, string Err)> Cairn(params string[] args) =>
        CliRunner.RunAsync([.. args, "--url", _host.BaseUrl.ToString(), "--key", _host.AdminKey]);

    [Fact]
    public async Task ExperimentsAndRuns_ListShowCompare()
    {
        var experiments = await Cairn("experiments", "list");
        Assert.Matches("(?m)^1 +cli +active", experiments.Out);

        var runs = await Cairn("runs", "list", "-e", "1", "--filter", "metrics.acc > 0.85", "--order-by", "metrics.acc DESC");
        Assert.Equal(0, runs.Code);
        Assert.Matches("(?m)^RUN +NAME +STATUS +START +acc$", runs.Out);
        Assert.Matches($"(?m)^{_b} +lr-0.01 +FINISHED .* 0.9$", runs.Out);
        Assert.DoesNotContain(_a, runs.Out, StringComparison.Ordinal);

        var show = await Cairn("runs", "show", _a);
        Assert.Matches("(?m)^param +lr +0.1$", show.Out);
        Assert.Matches("(?m)^metric +acc +0.8 \\(step 5\\)$", show.Out);

        var compare = await Cairn("runs", "compare", _a, _b);
        Assert.Matches("(?m)^param \\* +lr +0.1 +0.01$", compare.Out);
        Assert.Matches("(?m)^param +epochs +10 +10$", compare.Out);
        Assert.Matches("(?m)^metric \\* +acc +0.8 +0.9$", compare.Out);
    }

    [Fact]
    public async Task Artifacts_LsAndGet()
    {
        var ls = await Cairn("artifacts", "ls", _a, "notes");
        Assert.Matches("(?m)^notes/readme.txt +6$", ls.Out); // "lr 0.1" is 6 bytes
        var get = await Cairn("artifacts", "get", _a, "notes/readme.txt", "-o", "-");
        Assert.Equal(("lr 0.1", 0), (get.Out, get.Code));
        Assert.Equal(ExitCodes.NotFound, (await Cairn("artifacts", "get", _a, "missing.txt", "-o", "-")).Code);
        Assert.Equal(ExitCodes.NotFound, (await Cairn("runs", "show", "0123456789abcdef0123456789abcdef")).Code);
    }
}
