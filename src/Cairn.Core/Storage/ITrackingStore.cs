using Cairn.Core.Tracking;

namespace Cairn.Core.Storage;

/// <summary>
/// Experiments, runs, params, tags and metrics, always within one project. Experiment ids are
/// numbered per project, so each project has its own Default experiment <c>0</c>.
/// </summary>
public interface ITrackingStore
{
    /// <summary>Creates an experiment with the next number; AlreadyExists on a duplicate name. A null artifact location becomes <c>mlflow-artifacts:/&lt;id&gt;</c>.</summary>
    Task<Experiment> CreateExperimentAsync(long projectId, string name, string? artifactLocation, IReadOnlyList<KeyValue> tags, long now, CancellationToken ct);

    /// <summary>Creates the project's Default experiment (id 0) when it does not exist yet.</summary>
    Task EnsureDefaultExperimentAsync(long projectId, long now, CancellationToken ct);

    /// <summary>An experiment by id, or null.</summary>
    Task<Experiment?> GetExperimentAsync(long projectId, long experimentId, CancellationToken ct);

    /// <summary>An experiment by name, or null.</summary>
    Task<Experiment?> GetExperimentByNameAsync(long projectId, string name, CancellationToken ct);

    /// <summary>Experiments matching parsed clauses (name, creation_time, last_update_time, tags), in the given order (default creation_time DESC, then id).</summary>
    Task<(IReadOnlyList<Experiment> Items, int? NextOffset)> SearchExperimentsAsync(
        long projectId, ViewType view, IReadOnlyList<SearchClause> filter, IReadOnlyList<SearchOrder> orderBy, int maxResults, int offset, CancellationToken ct);

    /// <summary>Renames an experiment; AlreadyExists when the name is taken.</summary>
    Task RenameExperimentAsync(long projectId, long experimentId, string newName, long now, CancellationToken ct);

    /// <summary>Deletes or restores an experiment and its runs.</summary>
    Task SetExperimentStageAsync(long projectId, long experimentId, string stage, long now, CancellationToken ct);

    /// <summary>Sets (or replaces) an experiment tag.</summary>
    Task SetExperimentTagAsync(long projectId, long experimentId, KeyValue tag, long now, CancellationToken ct);

    /// <summary>Creates a run with its initial tags.</summary>
    Task<Run> CreateRunAsync(long projectId, RunInfo info, IReadOnlyList<KeyValue> tags, CancellationToken ct);

    /// <summary>A run with its data, or null.</summary>
    Task<Run?> GetRunAsync(long projectId, string runId, CancellationToken ct);

    /// <summary>Updates status, end time and name; returns the new info.</summary>
    Task<RunInfo> UpdateRunAsync(long projectId, string runId, string? status, long? endTime, string? runName, CancellationToken ct);

    /// <summary>Deletes or restores a run.</summary>
    Task SetRunStageAsync(long projectId, string runId, string stage, long now, CancellationToken ct);

    /// <summary>
    /// Logs metrics, params and tags in one transaction: all or nothing. A param already logged with
    /// a different value fails the whole batch (Invalid); exact duplicate metric points are kept once.
    /// </summary>
    Task LogBatchAsync(long projectId, string runId, IReadOnlyList<MetricPoint> metrics, IReadOnlyList<KeyValue> parameters, IReadOnlyList<KeyValue> tags, CancellationToken ct);

    /// <summary>Links datasets to an active run: datasets are unique per experiment by (name, digest); an existing link keeps its tags.</summary>
    Task LogInputsAsync(long projectId, string runId, IReadOnlyList<DatasetInput> inputs, CancellationToken ct);

    /// <summary>Deletes a run tag; NotFound when absent.</summary>
    Task DeleteRunTagAsync(long projectId, string runId, string key, CancellationToken ct);

    /// <summary>A metric's history ordered by timestamp, step and value (as MLflow 3.x pages it).</summary>
    Task<(IReadOnlyList<MetricPoint> Items, int? NextOffset)> GetMetricHistoryAsync(long projectId, string runId, string key, int maxResults, int offset, CancellationToken ct);

    /// <summary>Runs matching a parsed query, in order, one page.</summary>
    Task<(IReadOnlyList<Run> Items, int? NextOffset)> SearchRunsAsync(RunQuery query, CancellationToken ct);
}
