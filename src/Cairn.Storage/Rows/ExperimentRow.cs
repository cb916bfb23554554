namespace Cairn.Storage.Rows;

/// <summary>An <c>experiments</c> row.</summary>
internal sealed class ExperimentRow
{
    public long ProjectId { get; set; }
    public long Number { get; set; }
    public string Name { get; set; } = "";
    public string ArtifactLocation { get; set; } = "";
    public string LifecycleStage { get; set; } = "";
    public long CreationTime { get; set; }
    public long LastUpdateTime { get; set; }
}
