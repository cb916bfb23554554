using System.Net;
using Cairn.Testing;
using Xunit;

namespace Cairn.Server.Tests.Mlflow;

/// <summary><c>mlflow.log_input</c>: the client's body, and the run's <c>inputs.dataset_inputs</c> as MLflow shapes them.</summary>
public sealed class MlflowInputsTests : IAsyncLifetime
{
    private CairnTestHost _host = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await CairnTestHost.StartAsync();
        _http = _host.Client(_host.AdminKey);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task LogInputs_ThenGetAndSearch_ShowTheDataset()
    {
        var mlflow = new MlflowWire(_http);
        var runId = (await mlflow.Ok(mlflow.Post("/runs/create", """{"experiment_id": "0", "start_time": 1}"""))).GetProperty("run").GetProperty("info").GetProperty("run_id").GetString();
        await mlflow.Ok(mlflow.Post("/runs/log-inputs", $$$"""
            {"run_id": "{{{runId}}}", "datasets": [{"tags": [{"key": "mlflow.data.context", "value": "training"}],
              "dataset": {"name": "iris", "digest": "5e5a1d3c", "source_type": "local", "source": "{\"uri\": \"/data/iris.csv\"}", "schema": "", "profile": "{\"num_rows\": 150}"}}]}
            """));
        var inputs = (await mlflow.Ok(mlflow.Get($"/runs/get?run_id={runId}"))).GetProperty("run").GetProperty("inputs");
        var input = Assert.Single(inputs.GetProperty("dataset_inputs").EnumerateArray());
        var dataset = input.GetProperty("dataset");
        Assert.Equal(("iris", "5e5a1d3c", "local", "{\"num_rows\": 150}"), (dataset.GetProperty("name").GetString(), dataset.GetProperty("digest").GetString(), dataset.GetProperty("source_type").GetString(), dataset.GetProperty("profile").GetString()));
        Assert.False(dataset.TryGetProperty("schema", out _));
        Assert.Equal("training", input.GetProperty("tags")[0].GetProperty("value").GetString());

        var found = await mlflow.Ok(mlflow.Post("/runs/search", """{"experiment_ids": ["0"], "filter": "datasets.name = 'iris' and datasets.context = 'training'"}"""));
        Assert.Single(found.GetProperty("runs").EnumerateArray());
        MlflowWire.Error(await mlflow.Post("/runs/log-inputs", $$$"""{"run_id": "{{{runId}}}", "datasets": [{"dataset": {"name": "x", "digest": "{{{new string('d', 37)}}}"}}]}"""),
            HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "'digest' exceeds the maximum length of 36 characters");
    }
}
