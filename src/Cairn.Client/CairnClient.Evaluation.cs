using System.Text.Json;

namespace Cairn.Client;

/// <summary>Evaluation datasets (<c>/api/v1/datasets</c>), runs and scoreboards (<c>/api/v1/evaluations</c>) and metrics (<c>/api/v1/metrics</c>).</summary>
public sealed partial class CairnClient
{
    /// <summary>Uploads a CSV or JSON-lines file as the next version of a dataset (or finds the version holding the same bytes).</summary>
    public Task<JsonDocument> UploadDatasetAsync(string name, string format, HttpContent content, string? description = null, CancellationToken ct = default) =>
        SendAsync<JsonDocument>(HttpMethod.Post,
            $"api/v1/datasets?name={Esc(name)}&format={Esc(format)}" + (description is null ? "" : "&description=" + Esc(description)), content, ct);

    /// <summary>Makes a dataset version of a run's artifact (a .csv or .jsonl file).</summary>
    public Task<JsonDocument> DatasetFromRunAsync(string name, string runId, string path, CancellationToken ct = default) =>
        SendAsync<JsonDocument>(HttpMethod.Post, $"api/v1/datasets?name={Esc(name)}&run_id={Esc(runId)}&path={Esc(path)}", new ByteArrayContent([]), ct);

    /// <summary>Every version of every evaluation dataset of the project.</summary>
    public Task<JsonDocument> ListDatasetsAsync(CancellationToken ct = default) => GetAsync<JsonDocument>("api/v1/datasets", ct);

    /// <summary>Runs an evaluation (the body of <c>POST /api/v1/evaluations</c>); the answer holds the run id, metrics, slices and fairness.</summary>
    public Task<JsonDocument> RunEvaluationAsync(object request, CancellationToken ct = default) =>
        SendAsync<JsonDocument>(HttpMethod.Post, "api/v1/evaluations", request, ct);

    /// <summary>The stored result of an evaluation run.</summary>
    public Task<JsonDocument> GetEvaluationAsync(string runId, CancellationToken ct = default) => GetAsync<JsonDocument>($"api/v1/evaluations/{Esc(runId)}", ct);

    /// <summary>The scoreboard of a baseline and candidates: JSON, or the report as Markdown or HTML (<paramref name="format"/>).</summary>
    public async Task<string> CompareEvaluationsAsync(object request, string format = "json", CancellationToken ct = default)
    {
        await using var stream = await SendAsync<Stream>(HttpMethod.Post, $"api/v1/evaluations/compare?format={Esc(format)}", request, ct).ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(ct).ConfigureAwait(false);
    }
}
