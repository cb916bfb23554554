namespace Cairn.Storage.Rows;

/// <summary>An <c>api_keys</c> row joined with project and principal names.</summary>
internal sealed class KeyRow
{
    public long Id { get; set; }
    public string Project { get; set; } = "";
    public string Principal { get; set; } = "";
    public string Name { get; set; } = "";
    public string Prefix { get; set; } = "";
    public long Scopes { get; set; }
    public long CreatedAt { get; set; }
    public long? ExpiresAt { get; set; }
    public long? RevokedAt { get; set; }
}
