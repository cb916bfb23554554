using Cairn.Core.Tracking;

namespace Cairn.Core.Storage;

/// <summary>MLflow 3.x logged models, always within one project.</summary>
public interface ILoggedModelStore
{
    /// <summary>Creates a model in an active experiment with its tags and params; NotFound for an unknown experiment, Invalid for a deleted one or an unknown source run.</summary>
    Task<LoggedModel> CreateAsync(long projectId, LoggedModel model, CancellationToken ct);

    /// <summary>A model, or null; deleted models only when <paramref name="includeDeleted"/>.</summary>
    Task<LoggedModel?> GetAsync(long projectId, string modelId, bool includeDeleted, CancellationToken ct);

    /// <summary>Sets the status (finalize); returns the model, or null when unknown.</summary>
    Task<LoggedModel?> SetStatusAsync(long projectId, string modelId, string status, long now, CancellationToken ct);

    /// <summary>Soft-deletes a model; false when unknown.</summary>
    Task<bool> DeleteAsync(long projectId, string modelId, long now, CancellationToken ct);

    /// <summary>Sets (or replaces) tags; false when the model is unknown.</summary>
    Task<bool> SetTagsAsync(long projectId, string modelId, IReadOnlyList<KeyValue> tags, long now, CancellationToken ct);

    /// <summary>Deletes a tag; null when the model is unknown, false when the tag is absent.</summary>
    Task<bool?> DeleteTagAsync(long projectId, string modelId, string key, long now, CancellationToken ct);

    /// <summary>Logs params, write-once: the same value again is fine, a different one fails the whole call (Invalid). False when the model is unknown.</summary>
    Task<bool> LogParamsAsync(long projectId, string modelId, IReadOnlyList<KeyValue> parameters, long now, CancellationToken ct);

    /// <summary>Every active model of the given experiments, newest first.</summary>
    Task<IReadOnlyList<LoggedModel>> ListAsync(long projectId, IReadOnlyList<long> experimentIds, CancellationToken ct);

    /// <summary>Links models to an active run as its outputs (with their steps) or inputs; NotFound for an unknown run or model.</summary>
    Task LinkRunAsync(long projectId, string runId, IReadOnlyList<RunModel> models, bool outputs, CancellationToken ct);

    /// <summary>A run's model outputs and inputs.</summary>
    Task<(IReadOnlyList<RunModel> Outputs, IReadOnlyList<RunModel> Inputs)> RunModelsAsync(long projectId, string runId, CancellationToken ct);
}
