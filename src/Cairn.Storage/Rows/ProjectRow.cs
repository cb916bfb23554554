namespace Cairn.Storage.Rows;

/// <summary>A <c>projects</c> row.</summary>
internal sealed class ProjectRow
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public long CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}
