using Cairn.Testing;
using Xunit;

namespace Cairn.Server.Tests.Mlflow;

/// <summary>
/// The unmodified MLflow Python client against a real Cairn server. Runs wherever <c>python3</c> can
/// import <c>mlflow</c>: an installed package, or a source snapshot named by <c>CAIRN_MLFLOW_SOURCE</c>
/// (put on PYTHONPATH; its dependencies must be importable). Skips, saying why, where it cannot.
/// </summary>
public sealed class RealMlflowClientTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task UnmodifiedMlflowClient_TracksSearchesAndMovesArtifacts()
    {
        var environment = new Dictionary<string, string>();
        if (Environment.GetEnvironmentVariable("CAIRN_MLFLOW_SOURCE") is { Length: > 0 } source)
        {
            environment["PYTHONPATH"] = source;
        }

        var probe = await Python(["-c", "import mlflow, sys; print(mlflow.__version__)"], environment);
        if (probe.ExitCode != 0)
        {
            Assert.Skip(
                "the MLflow Python client cannot be imported here (no PyPI; Debian packages no mlflow, and MLflow 3 needs OpenTelemetry and pydantic 2). " +
                "Install mlflow, or set CAIRN_MLFLOW_SOURCE to a source snapshot whose dependencies are installed. python3 said: " +
                probe.Output.Trim().Split('\n').LastOrDefault());
        }

        await using var host = await CairnTestHost.StartAsync();
        environment["MLFLOW_TRACKING_URI"] = host.BaseUrl.ToString().TrimEnd('/');
        environment["MLFLOW_TRACKING_TOKEN"] = host.AdminKey;
        environment["MLFLOW_HTTP_REQUEST_MAX_RETRIES"] = "0";
        var script = Path.Combine(AppContext.BaseDirectory, "mlflow-client", "mlflow_client_flow.py");
        var run = await Python([script], environment);
        Assert.True(run.ExitCode == 0 && run.Output.Contains("CAIRN-MLFLOW-OK", StringComparison.Ordinal), $"the MLflow client flow failed:\n{run.Output}");
    }

    private static async Task<(int ExitCode, string Output)> Python(string[] args, Dictionary<string, string> environment)
    {
        if (!File.Exists("/usr/bin/python3"))
        {
            return (127, "python3 is not installed");
        }

        return await ProcessRunner.RunAsync("/usr/bin/python3", args, Limit, environment);
    }
}
