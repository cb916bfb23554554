namespace Cairn.Core.Tracking;

/// <summary>An experiment of a project: a named group of runs.</summary>
/// <param name="Id">Identifier, a decimal string on the wire.</param>
/// <param name="ProjectId">Owning project.</param>
/// <param name="Name">Unique within the project.</param>
/// <param name="ArtifactLocation">Root of its runs' artifacts, e.g. <c>mlflow-artifacts:/7</c>.</param>
/// <param name="LifecycleStage">active or deleted.</param>
/// <param name="CreationTime">ms since the epoch.</param>
/// <param name="LastUpdateTime">ms since the epoch.</param>
/// <param name="Tags">Experiment tags.</param>
public sealed record Experiment(
    long Id, long ProjectId, string Name, string ArtifactLocation, string LifecycleStage, long CreationTime, long LastUpdateTime,
    IReadOnlyList<KeyValue> Tags);
