namespace Cairn.Storage.Rows;

/// <summary>A <c>project_members</c> row with names.</summary>
internal sealed class MemberRow
{
    public string Project { get; set; } = "";
    public string Principal { get; set; } = "";
    public string Role { get; set; } = "";
    public long CreatedAt { get; set; }
}
