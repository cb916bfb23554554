namespace Cairn.Storage.Rows;

/// <summary>A <c>runs</c> row.</summary>
internal sealed class RunRow
{
    public string Id { get; set; } = "";
    public long ExperimentNumber { get; set; }
    public string Name { get; set; } = "";
    public string UserId { get; set; } = "";
    public string Status { get; set; } = "";
    public long StartTime { get; set; }
    public long? EndTime { get; set; }
    public string ArtifactUri { get; set; } = "";
    public string LifecycleStage { get; set; } = "";
}
