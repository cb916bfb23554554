using System.Globalization;
using Cairn.Client.Contracts;

namespace Cairn.Client;

/// <summary>Tracking calls of the native API (<c>/api/v1/experiments</c>, <c>/api/v1/runs</c>).</summary>
public sealed partial class CairnClient
{
    /// <summary>Experiments of the key's project, by name.</summary>
    public Task<ExperimentDto[]> ListExperimentsAsync(string? filter = null, CancellationToken ct = default) =>
        GetAsync<ExperimentDto[]>("api/v1/experiments" + (filter is null ? string.Empty : "?filter=" + Uri.EscapeDataString(filter)), ct);

    /// <summary>Creates an experiment.</summary>
    public Task<ExperimentDto> CreateExperimentAsync(string name, IReadOnlyDictionary<string, string>? tags = null, CancellationToken ct = default) =>
        SendAsync<ExperimentDto>(HttpMethod.Post, "api/v1/experiments", new CreateExperimentRequest(name, tags), ct);

    /// <summary>One page of runs of an experiment, with MLflow's filter and order-by grammar.</summary>
    public Task<RunPageDto> SearchRunsAsync(long experimentId, string? filter = null, IReadOnlyList<string>? orderBy = null, int maxResults = 100, string? pageToken = null, CancellationToken ct = default)
    {
        var query = new List<string> { "max_results=" + maxResults.ToString(CultureInfo.InvariantCulture) };
        if (filter is not null)
        {
            query.Add("filter=" + Uri.EscapeDataString(filter));
        }

        query.AddRange((orderBy ?? []).Select(o => "order_by=" + Uri.EscapeDataString(o)));
        if (pageToken is not null)
        {
            query.Add("page_token=" + Uri.EscapeDataString(pageToken));
        }

        return GetAsync<RunPageDto>($"api/v1/experiments/{experimentId.ToString(CultureInfo.InvariantCulture)}/runs?{string.Join('&', query)}", ct);
    }

    /// <summary>Creates a run (in the project's Default experiment when none is given).</summary>
    public Task<RunDto> CreateRunAsync(CreateRunRequest request, CancellationToken ct = default) =>
        SendAsync<RunDto>(HttpMethod.Post, "api/v1/runs", request, ct);

    /// <summary>A run with its latest metrics, params and tags.</summary>
    public Task<RunDto> GetRunAsync(string runId, CancellationToken ct = default) => GetAsync<RunDto>("api/v1/runs/" + Uri.EscapeDataString(runId), ct);

    /// <summary>Changes a run's status, end time or name.</summary>
    public Task<RunDto> UpdateRunAsync(string runId, UpdateRunRequest request, CancellationToken ct = default) =>
        SendAsync<RunDto>(HttpMethod.Patch, "api/v1/runs/" + Uri.EscapeDataString(runId), request, ct);

    /// <summary>Logs metrics, params and tags in one all-or-nothing call. Safe to retry: duplicates are dropped and a param may be re-logged with its value.</summary>
    public Task LogBatchAsync(string runId, LogBatchRequest batch, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Post, $"api/v1/runs/{Uri.EscapeDataString(runId)}/log", batch, ct);

    /// <summary>A metric's history, thinned to at most <paramref name="points"/> (extremes kept) when given.</summary>
    public Task<MetricHistoryDto> GetMetricHistoryAsync(string runId, string key, int? points = null, CancellationToken ct = default) =>
        GetAsync<MetricHistoryDto>($"api/v1/runs/{Uri.EscapeDataString(runId)}/metrics?key={Uri.EscapeDataString(key)}" + (points is { } p ? "&points=" + p.ToString(CultureInfo.InvariantCulture) : string.Empty), ct);

    /// <summary>The entries of a run's artifact directory (the root when <paramref name="path"/> is null).</summary>
    public Task<ArtifactFileDto[]> ListArtifactsAsync(string runId, string? path = null, CancellationToken ct = default) =>
        GetAsync<ArtifactFileDto[]>($"api/v1/runs/{Uri.EscapeDataString(runId)}/artifacts" + (path is null ? string.Empty : "?path=" + Uri.EscapeDataString(path)), ct);

    /// <summary>Uploads one file, streamed.</summary>
    public Task<ArtifactFileDto> UploadArtifactAsync(string runId, string path, Stream content, CancellationToken ct = default) =>
        SendAsync<ArtifactFileDto>(HttpMethod.Put, $"api/v1/runs/{Uri.EscapeDataString(runId)}/artifacts/{EscapePath(path)}", new StreamContent(content), ct);

    /// <summary>Downloads one file.</summary>
    public Task<Stream> DownloadArtifactAsync(string runId, string path, CancellationToken ct = default) =>
        GetAsync<Stream>($"api/v1/runs/{Uri.EscapeDataString(runId)}/artifacts/{EscapePath(path)}", ct);

    /// <summary>Starts a run and returns a logger that batches metrics client-side.</summary>
    public async Task<RunLogger> StartRunAsync(long? experimentId = null, string? name = null, IReadOnlyDictionary<string, string>? tags = null, CancellationToken ct = default)
    {
        var run = await CreateRunAsync(new CreateRunRequest(experimentId, name, null, tags), ct).ConfigureAwait(false);
        return new RunLogger(this, run);
    }

    private static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
