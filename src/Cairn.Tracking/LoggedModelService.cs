using Cairn.Core.Errors;
using Cairn.Core.Storage;
using Cairn.Core.Tracking;
using Cairn.Tracking.Search;

namespace Cairn.Tracking;

/// <summary>
/// MLflow 3.x logged models within one project: what <c>log_model</c> creates, uploads into, finalizes
/// and links to its run, and what <c>runs:/&lt;run&gt;/&lt;name&gt;</c> and <c>models:/&lt;model_id&gt;</c> resolve through.
/// </summary>
public sealed class LoggedModelService(ILoggedModelStore store, ITrackingStore tracking, TimeProvider time)
{
    /// <summary>MLflow's default page size for logged-model search.</summary>
    public const int DefaultMaxResults = 50;

    private static readonly char[] ForbiddenNameCharacters = ['/', ':', '.', '%', '"', '\''];

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task<LoggedModel> CreateAsync(
        long project, string? experimentId, string? name, string? modelType, string? sourceRunId,
        IReadOnlyList<KeyValue>? parameters, IReadOnlyList<KeyValue>? tags, CancellationToken ct)
    {
        var number = TrackingService.ExperimentId(experimentId);
        var checkedName = name is null or "" ? RunNames.Generate() : Name(name);
        var checkedParams = Params(parameters);
        var checkedTags = TrackingValidation.Tags(tags);
        var type = modelType is null ? null : TrackingValidation.Value(modelType, "model_type", "model_type", TrackingLimits.MaxKeyLength);
        if (number == 0)
        {
            await tracking.EnsureDefaultExperimentAsync(project, Now, ct).ConfigureAwait(false);
        }

        var experiment = await tracking.GetExperimentAsync(project, number, ct).ConfigureAwait(false) ?? throw TrackingService.ExperimentNotFound(number);
        if (experiment.LifecycleStage != LifecycleStage.Active)
        {
            throw CairnException.Invalid("experiment_id", $"The experiment {number} must be in the 'active' state. Current state is {experiment.LifecycleStage}.");
        }

        if (!string.IsNullOrEmpty(sourceRunId))
        {
            var run = await tracking.GetRunAsync(project, TrackingService.RunId(sourceRunId, "source_run_id"), ct).ConfigureAwait(false);
            if (run is null)
            {
                throw CairnException.Invalid("source_run_id", $"'source_run_id' names run {sourceRunId}, which does not exist in this project");
            }
        }

        var id = LoggedModelIds.New();
        var now = Now;
        var model = new LoggedModel(
            id, number, checkedName, type, string.IsNullOrEmpty(sourceRunId) ? null : sourceRunId, LoggedModelStatus.Pending, null, LifecycleStage.Active,
            $"{experiment.ArtifactLocation.TrimEnd('/')}/models/{id}/artifacts", now, now, checkedTags, checkedParams);
        return await store.CreateAsync(project, model, ct).ConfigureAwait(false);
    }

    public async Task<LoggedModel> GetAsync(long project, string? modelId, CancellationToken ct) =>
        await store.GetAsync(project, Id(modelId), includeDeleted: false, ct).ConfigureAwait(false) ?? throw NotFound(modelId!);

    /// <summary>Sets the upload outcome: <see cref="LoggedModelStatus.Ready"/> or <see cref="LoggedModelStatus.UploadFailed"/>.</summary>
    public async Task<LoggedModel> FinalizeAsync(long project, string? modelId, string? status, CancellationToken ct)
    {
        var id = Id(modelId);
        if (status is not (LoggedModelStatus.Ready or LoggedModelStatus.UploadFailed))
        {
            throw status is null
                ? TrackingValidation.Missing("status")
                : CairnException.Invalid("status", $"'status' must be {LoggedModelStatus.Ready} or {LoggedModelStatus.UploadFailed} to finalize a logged model, not {status}");
        }

        return await store.SetStatusAsync(project, id, status, Now, ct).ConfigureAwait(false) ?? throw NotFound(id);
    }

    public async Task DeleteAsync(long project, string? modelId, CancellationToken ct)
    {
        var id = Id(modelId);
        if (!await store.DeleteAsync(project, id, Now, ct).ConfigureAwait(false))
        {
            throw NotFound(id);
        }
    }

    public async Task<LoggedModel> SetTagsAsync(long project, string? modelId, IReadOnlyList<KeyValue>? tags, CancellationToken ct)
    {
        var id = Id(modelId);
        var checkedTags = TrackingValidation.Tags(tags);
        if (!await store.SetTagsAsync(project, id, checkedTags, Now, ct).ConfigureAwait(false))
        {
            throw NotFound(id);
        }

        return await GetAsync(project, id, ct).ConfigureAwait(false);
    }

    public async Task DeleteTagAsync(long project, string? modelId, string? key, CancellationToken ct)
    {
        var id = Id(modelId);
        var tagKey = TrackingValidation.Required(key, "tag_key");
        switch (await store.DeleteTagAsync(project, id, tagKey, Now, ct).ConfigureAwait(false))
        {
            case null:
                throw NotFound(id);
            case false:
                throw new CairnException(ErrorKind.NotFound, $"No tag with key '{tagKey}' found for model with ID '{id}'.");
        }
    }

    public async Task LogParamsAsync(long project, string? modelId, IReadOnlyList<KeyValue>? parameters, CancellationToken ct)
    {
        var id = Id(modelId);
        if (!await store.LogParamsAsync(project, id, Params(parameters), Now, ct).ConfigureAwait(false))
        {
            throw NotFound(id);
        }
    }

    /// <summary>One page of the active models of the given experiments matching the filter, in the requested order (then newest first).</summary>
    public async Task<(IReadOnlyList<LoggedModel> Items, string? NextPageToken)> SearchAsync(
        long project, IReadOnlyList<string>? experimentIds, string? filter, IReadOnlyList<(string Field, bool Ascending)>? orderBy, int? maxResults, string? pageToken, CancellationToken ct)
    {
        if (experimentIds is null || experimentIds.Count == 0)
        {
            throw TrackingValidation.Missing("experiment_ids");
        }

        var experiments = experimentIds.Select(e => TrackingService.ExperimentId(e, "experiment_ids")).Distinct().ToList();
        var clauses = LoggedModelFilter.Parse(filter);
        var order = (orderBy ?? []).Select(o => (Field: LoggedModelFilter.OrderField(o.Field), o.Ascending)).ToList();
        var max = TrackingService.MaxResults(maxResults, DefaultMaxResults);
        var offset = PageToken.Decode(pageToken);

        var matching = (await store.ListAsync(project, experiments, ct).ConfigureAwait(false)).Where(m => LoggedModelFilter.Matches(m, clauses));
        IOrderedEnumerable<LoggedModel>? sorted = null;
        foreach (var (field, ascending) in order.Append(("creation_time", false)))
        {
            Func<LoggedModel, IComparable?> key = field switch
            {
                "creation_time" => m => m.CreationTime,
                "last_update_time" => m => m.LastUpdatedTime,
                _ => m => LoggedModelFilter.Attribute(m, field),
            };

            // Unset values sort last either way, as MLflow orders them.
            var comparer = Comparer<IComparable?>.Create((a, b) => a is null ? (b is null ? 0 : 1) : b is null ? -1 : ascending ? Ordinal(a, b) : Ordinal(b, a));
            sorted = sorted is null ? matching.OrderBy(key, comparer) : sorted.ThenBy(key, comparer);
        }

        var page = sorted!.ThenBy(m => m.ModelId, StringComparer.Ordinal).Skip(offset).Take(max + 1).ToList();
        return (page.Take(max).ToList(), page.Count > max ? PageToken.Encode(offset + max) : null);
    }

    /// <summary>Links logged models to a run as outputs (log_model) or inputs (evaluation of a model).</summary>
    public async Task LinkRunAsync(long project, string? runId, IReadOnlyList<(string? ModelId, long? Step)>? models, bool outputs, CancellationToken ct)
    {
        var id = TrackingService.RunId(runId);
        if (models is null)
        {
            throw TrackingValidation.Missing("models");
        }

        var links = models.Select((m, i) => new RunModel(Id(m.ModelId, $"models[{i}].model_id"), m.Step ?? 0)).ToList();
        if (await tracking.GetRunAsync(project, id, ct).ConfigureAwait(false) is null)
        {
            throw TrackingService.RunNotFound(id);
        }

        await store.LinkRunAsync(project, id, links, outputs, ct).ConfigureAwait(false);
    }

    public Task<(IReadOnlyList<RunModel> Outputs, IReadOnlyList<RunModel> Inputs)> RunModelsAsync(long project, string runId, CancellationToken ct) =>
        store.RunModelsAsync(project, runId, ct);

    /// <summary>MLflow's words for an unknown logged model.</summary>
    public static CairnException NotFound(string modelId) => new(ErrorKind.NotFound, $"Logged model with ID '{modelId}' not found.");

    /// <summary>A model id from a request; a malformed one names no model, so it is not found (as in MLflow).</summary>
    private static string Id(string? modelId, string field = "model_id")
    {
        if (string.IsNullOrEmpty(modelId))
        {
            throw TrackingValidation.Missing(field);
        }

        try
        {
            return LoggedModelIds.Check(modelId, field);
        }
        catch (CairnException)
        {
            throw NotFound(modelId);
        }
    }

    private static int Ordinal(IComparable a, IComparable b) =>
        a is string x && b is string y ? string.CompareOrdinal(x, y) : a.CompareTo(b);

    private static string Name(string name) =>
        name.IndexOfAny(ForbiddenNameCharacters) >= 0
            ? throw CairnException.Invalid("name", $"Invalid model name ('{name}') provided. Model name must be a non-empty string and cannot contain the following characters: / : . % \" '")
            : TrackingValidation.Value(name, "name", "name", TrackingLimits.MaxKeyLength);

    private static List<KeyValue> Params(IReadOnlyList<KeyValue>? parameters)
    {
        var list = (parameters ?? []).Select((p, i) =>
        {
            TrackingValidation.Key(p?.Key, $"params[{i}].key", "Param name");
            return new KeyValue(p!.Key, TrackingValidation.Value(p.Value, $"params[{i}].value", "Param value", TrackingLimits.MaxParamValueLength));
        }).ToList();
        var duplicate = list.GroupBy(p => p.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Select(p => p.Value).Distinct().Count() > 1);
        return duplicate is null ? list.DistinctBy(p => p.Key).ToList() : throw CairnException.Invalid("params", $"Param '{duplicate.Key}' is given twice with different values");
    }

}
