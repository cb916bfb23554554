namespace Cairn.Storage.Rows;

/// <summary>A <c>principals</c> row.</summary>
internal sealed class PrincipalRow
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public long IsAdmin { get; set; }
    public long CreatedAt { get; set; }
}
