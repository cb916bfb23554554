using Cairn.Core.Errors;
using Cairn.Core.Tracking;
using Cairn.Tracking.Search;

namespace Cairn.Tracking;

public sealed partial class TrackingService
{
    public async Task<Run> CreateRunAsync(
        long project, string? experimentId, string? userId, string? runName, long? startTime, IReadOnlyList<KeyValue>? tags, CancellationToken ct)
    {
        var number = ExperimentId(experimentId, emptyIsDefault: true);
        var checkedTags = (tags ?? []).Select((t, i) => RunTag(t, $"tags[{i}].")).ToList();
        var tagName = checkedTags.LastOrDefault(t => t.Key == RunNameTag)?.Value;
        if (!string.IsNullOrEmpty(runName) && tagName is not null && tagName != runName)
        {
            throw CairnException.Invalid("run_name", $"Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='{runName}', mlflow.runName='{tagName}').");
        }

        var name = TrackingValidation.Value(string.IsNullOrEmpty(runName) ? tagName ?? RunNames.Generate() : runName, "run_name", "run_name", TrackingLimits.MaxRunNameLength);
        if (tagName is null)
        {
            checkedTags.Add(new KeyValue(RunNameTag, name));
        }

        if (number == 0)
        {
            await store.EnsureDefaultExperimentAsync(project, Now, ct).ConfigureAwait(false);
        }

        var experiment = await store.GetExperimentAsync(project, number, ct).ConfigureAwait(false) ?? throw ExperimentNotFound(number);
        if (experiment.LifecycleStage != LifecycleStage.Active)
        {
            throw CairnException.Invalid("experiment_id", $"The experiment {number} must be in the 'active' state. Current state is {experiment.LifecycleStage}.");
        }

        var id = Guid.NewGuid().ToString("N");
        var info = new RunInfo(
            id, number, name, TrackingValidation.Value(userId, "user_id", "user_id", TrackingLimits.MaxKeyLength), RunStatus.Running,
            startTime ?? 0, null, $"{experiment.ArtifactLocation.TrimEnd('/')}/{id}/artifacts", LifecycleStage.Active);
        return await store.CreateRunAsync(project, info, DeduplicateTags(checkedTags), ct).ConfigureAwait(false);
    }

    public async Task<Run> GetRunAsync(long project, string? runId, CancellationToken ct)
    {
        var id = RunId(runId);
        return await store.GetRunAsync(project, id, ct).ConfigureAwait(false) ?? throw RunNotFound(id);
    }

    public async Task<RunInfo> UpdateRunAsync(long project, string? runId, string? status, long? endTime, string? runName, CancellationToken ct)
    {
        var id = RunId(runId);
        if (status is not null && !RunStatus.All.Contains(status))
        {
            throw CairnException.Invalid("status", $"'{status}' is not a run status; valid values are {string.Join(", ", RunStatus.All)}");
        }

        var name = string.IsNullOrEmpty(runName) ? null : TrackingValidation.Value(runName, "run_name", "run_name", TrackingLimits.MaxRunNameLength);
        return await Guard(() => store.UpdateRunAsync(project, id, status, endTime, name, ct), id).ConfigureAwait(false);
    }

    public Task DeleteRunAsync(long project, string? runId, CancellationToken ct) => SetRunStageAsync(project, runId, LifecycleStage.Deleted, ct);

    public Task RestoreRunAsync(long project, string? runId, CancellationToken ct) => SetRunStageAsync(project, runId, LifecycleStage.Active, ct);

    /// <summary>Validates and logs a batch, all or nothing.</summary>
    public Task LogBatchAsync(long project, string? runId, IReadOnlyList<MetricPoint>? metrics, IReadOnlyList<KeyValue>? parameters, IReadOnlyList<KeyValue>? tags, CancellationToken ct)
    {
        var id = RunId(runId);
        var m = metrics ?? [];
        var p = (parameters ?? []).Select((x, i) => Param(x, $"params[{i}].")).ToList();
        var t = (tags ?? []).Select((x, i) => RunTag(x, $"tags[{i}].")).ToList();
        // Keys repeat across a batch (one key, many steps): check each distinct key once.
        var checkedKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < m.Count; i++)
        {
            if (checkedKeys.Add(m[i].Key ?? string.Empty))
            {
                TrackingValidation.Metric(m[i], $"metrics[{i}].");
            }
            else if (m[i].Timestamp < 0)
            {
                TrackingValidation.Metric(m[i], $"metrics[{i}].");
            }
        }

        TrackingValidation.Batch(m, p, t);
        return Guard(() => store.LogBatchAsync(project, id, m, p, DeduplicateTags(t), ct), id);
    }

    public Task LogMetricAsync(long project, string? runId, MetricPoint metric, CancellationToken ct)
    {
        TrackingValidation.Metric(metric, string.Empty);
        var id = RunId(runId);
        return Guard(() => store.LogBatchAsync(project, id, [metric], [], [], ct), id);
    }

    public Task LogParamAsync(long project, string? runId, string? key, string? value, CancellationToken ct)
    {
        var param = Param(new KeyValue(key!, value ?? string.Empty), string.Empty);
        var id = RunId(runId);
        return Guard(() => store.LogBatchAsync(project, id, [], [param], [], ct), id);
    }

    public Task SetTagAsync(long project, string? runId, string? key, string? value, CancellationToken ct)
    {
        var tag = RunTag(new KeyValue(key!, value ?? string.Empty), string.Empty);
        var id = RunId(runId);
        return Guard(() => store.LogBatchAsync(project, id, [], [], [tag], ct), id);
    }

    public Task DeleteTagAsync(long project, string? runId, string? key, CancellationToken ct)
    {
        var id = RunId(runId);
        TrackingValidation.Required(key, "key");
        return Guard(() => store.DeleteRunTagAsync(project, id, key!, ct), id, $"No tag with name: {key} in run with id {id}");
    }

    public async Task<(IReadOnlyList<MetricPoint> Items, string? NextPageToken)> GetMetricHistoryAsync(
        long project, string? runId, string? key, int? maxResults, string? pageToken, CancellationToken ct)
    {
        var id = RunId(runId);
        key = TrackingValidation.Required(key, "metric_key");

        var max = maxResults is null or 0 ? TrackingLimits.MaxHistoryPage : Math.Clamp(maxResults.Value, 1, TrackingLimits.MaxHistoryPage);
        var (items, next) = await Guard(() => store.GetMetricHistoryAsync(project, id, key, max, PageToken.Decode(pageToken), ct), id).ConfigureAwait(false);
        return (items, next is { } n ? PageToken.Encode(n) : null);
    }

    public async Task<(IReadOnlyList<Run> Items, string? NextPageToken)> SearchRunsAsync(
        long project, IReadOnlyList<string>? experimentIds, string? filter, ViewType view, int? maxResults, IReadOnlyList<string>? orderBy, string? pageToken, CancellationToken ct)
    {
        if (experimentIds?.Count > TrackingLimits.MaxSearchExperiments)
        {
            throw CairnException.Invalid("experiment_ids", $"must list at most {TrackingLimits.MaxSearchExperiments} experiments");
        }

        var ids = (experimentIds ?? []).Select(e => ExperimentId(e, "experiment_ids")).Distinct().ToList();
        var query = new RunQuery(
            project, ids, RunFilterParser.Parse(filter), OrderByParser.Parse(orderBy), view,
            MaxResults(maxResults, TrackingLimits.DefaultMaxResults), PageToken.Decode(pageToken));
        var (items, next) = await store.SearchRunsAsync(query, ct).ConfigureAwait(false);
        return (items, next is { } n ? PageToken.Encode(n) : null);
    }

    private const string RunNameTag = "mlflow.runName";

    private static KeyValue Param(KeyValue p, string prefix)
    {
        TrackingValidation.Key(p?.Key, prefix + "key", "Param key");
        return new KeyValue(p!.Key, TrackingValidation.Value(p.Value, prefix + "value", "Param value", TrackingLimits.MaxParamValueLength));
    }

    private static KeyValue RunTag(KeyValue t, string prefix)
    {
        TrackingValidation.Key(t?.Key, prefix + "key", "key");
        return new KeyValue(t!.Key, TrackingValidation.Value(t.Value, prefix + "value", "value", TrackingLimits.MaxTagValueLength));
    }

    /// <summary>For a repeated tag key the last value wins, as in MLflow.</summary>
    private static List<KeyValue> DeduplicateTags(List<KeyValue> tags) =>
        tags.GroupBy(t => t.Key, StringComparer.Ordinal).Select(g => g.Last()).ToList();

    private async Task SetRunStageAsync(long project, string? runId, string stage, CancellationToken ct)
    {
        var id = RunId(runId);
        await Guard(() => store.SetRunStageAsync(project, id, stage, Now, ct), id).ConfigureAwait(false);
    }

    /// <summary>Turns the store's not-found into MLflow's wording for runs.</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> action, string runId)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (CairnException e) when (e.Kind == ErrorKind.NotFound)
        {
            throw RunNotFound(runId);
        }
    }

    private static async Task Guard(Func<Task> action, string runId, string? otherNotFound = null)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (CairnException e) when (e.Kind == ErrorKind.NotFound)
        {
            throw e.Message.StartsWith("run ", StringComparison.Ordinal) || otherNotFound is null ? RunNotFound(runId) : new CairnException(ErrorKind.NotFound, otherNotFound);
        }
    }
}
