namespace Cairn.Core.Tracking;

/// <summary>A run's identity and state.</summary>
/// <param name="RunId">32 lowercase hex characters.</param>
/// <param name="ExperimentId">Owning experiment.</param>
/// <param name="RunName">Display name (mirrored in the <c>mlflow.runName</c> tag).</param>
/// <param name="UserId">Who started it.</param>
/// <param name="Status">A <see cref="RunStatus"/> value.</param>
/// <param name="StartTime">ms since the epoch (0 when not given).</param>
/// <param name="EndTime">ms since the epoch, or null while it runs.</param>
/// <param name="ArtifactUri">Root of its artifacts, e.g. <c>mlflow-artifacts:/7/&lt;run&gt;/artifacts</c>.</param>
/// <param name="LifecycleStage">active or deleted.</param>
public sealed record RunInfo(
    string RunId, long ExperimentId, string RunName, string UserId, string Status, long StartTime, long? EndTime, string ArtifactUri, string LifecycleStage);
