namespace Cairn.Storage.Rows;

/// <summary>An <c>audit_events</c> row.</summary>
internal sealed class AuditRow
{
    public long Seq { get; set; }
    public long OccurredAt { get; set; }
    public string Actor { get; set; } = "";
    public string? Project { get; set; }
    public string Action { get; set; } = "";
    public string Target { get; set; } = "";
    public string RequestId { get; set; } = "";
    public string Outcome { get; set; } = "";
    public long Status { get; set; }
    public string Detail { get; set; } = "";
    public string PrevHash { get; set; } = "";
    public string Hash { get; set; } = "";
}
