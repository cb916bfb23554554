namespace Cairn.Core.Tracking;

/// <summary>An MLflow 3.x logged model: a model with its own artifact tree, logged from a run or on its own.</summary>
/// <param name="ModelId"><c>m-</c> followed by 32 lowercase hex characters.</param>
/// <param name="ExperimentId">Owning experiment.</param>
/// <param name="Name">Display name (no <c>/ : . % " '</c>).</param>
/// <param name="ModelType">Free text such as "Agent" or "Classifier", or null.</param>
/// <param name="SourceRunId">The run that produced it, or null.</param>
/// <param name="Status">A <see cref="LoggedModelStatus"/> value.</param>
/// <param name="StatusMessage">Details of the status, or null.</param>
/// <param name="LifecycleStage">active or deleted.</param>
/// <param name="ArtifactUri"><c>&lt;experiment artifact location&gt;/models/&lt;id&gt;/artifacts</c>.</param>
/// <param name="CreationTime">ms since the epoch.</param>
/// <param name="LastUpdatedTime">ms since the epoch.</param>
/// <param name="Tags">Mutable tags.</param>
/// <param name="Params">Write-once params.</param>
public sealed record LoggedModel(
    string ModelId, long ExperimentId, string Name, string? ModelType, string? SourceRunId, string Status, string? StatusMessage, string LifecycleStage,
    string ArtifactUri, long CreationTime, long LastUpdatedTime, IReadOnlyList<KeyValue> Tags, IReadOnlyList<KeyValue> Params);

/// <summary>The upload states of a logged model (MLflow's names).</summary>
public static class LoggedModelStatus
{
    /// <summary>Created; files still uploading.</summary>
    public const string Pending = "LOGGED_MODEL_PENDING";

    /// <summary>Files completely uploaded.</summary>
    public const string Ready = "LOGGED_MODEL_READY";

    /// <summary>The upload failed.</summary>
    public const string UploadFailed = "LOGGED_MODEL_UPLOAD_FAILED";
}

/// <summary>A link between a run and a logged model: the run produced it (output, at a step) or consumed it (input).</summary>
/// <param name="ModelId">The logged model.</param>
/// <param name="Step">Step at which an output was produced (0 for inputs).</param>
public sealed record RunModel(string ModelId, long Step);
