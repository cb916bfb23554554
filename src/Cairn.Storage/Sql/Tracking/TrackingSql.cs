using Cairn.Core.Tracking;
using Cairn.Storage.Rows;

namespace Cairn.Storage.Sql.Tracking;

/// <summary>Column lists and row mapping shared by the tracking store's parts.</summary>
internal static class TrackingSql
{
    public const string ExperimentColumns =
        "project_id AS ProjectId, number AS Number, name AS Name, artifact_location AS ArtifactLocation, " +
        "lifecycle_stage AS LifecycleStage, creation_time AS CreationTime, last_update_time AS LastUpdateTime";

    public const string RunColumns =
        "r.id AS Id, r.experiment_number AS ExperimentNumber, r.name AS Name, r.user_id AS UserId, r.status AS Status, " +
        "r.start_time AS StartTime, r.end_time AS EndTime, r.artifact_uri AS ArtifactUri, r.lifecycle_stage AS LifecycleStage";

    public static Experiment ToDomain(this ExperimentRow r, IReadOnlyList<KeyValue> tags) =>
        new(r.Number, r.ProjectId, r.Name, r.ArtifactLocation, r.LifecycleStage, r.CreationTime, r.LastUpdateTime, tags);

    public static RunInfo ToDomain(this RunRow r) =>
        new(r.Id, r.ExperimentNumber, r.Name, r.UserId, r.Status, r.StartTime, r.EndTime, r.ArtifactUri, r.LifecycleStage);

    /// <summary>NaN is stored as 0 with a flag: SQLite would turn it into NULL.</summary>
    public static (long IsNan, double Value) Encode(double value) => double.IsNaN(value) ? (1, 0) : (0, value);

    public static double Decode(long isNan, double value) => isNan != 0 ? double.NaN : value;
}
