namespace Cairn.Storage.Rows;

/// <summary>A key joined with its holder, project and role.</summary>
internal sealed class CallerRow
{
    public long KeyId { get; set; }
    public string KeyPrefix { get; set; } = "";
    public long PrincipalId { get; set; }
    public string Principal { get; set; } = "";
    public long IsAdmin { get; set; }
    public long ProjectId { get; set; }
    public string Project { get; set; } = "";
    public string? Role { get; set; }
    public long KeyScopes { get; set; }
    public long? ExpiresAt { get; set; }
}
