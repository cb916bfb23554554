namespace Cairn.Client;

/// <summary>Filters for listing audit events, newest first.</summary>
/// <param name="Project">Only this project (instance administrators); defaults to the key's project for others.</param>
/// <param name="Actor">Substring of the actor.</param>
/// <param name="Action">Exact action name.</param>
/// <param name="Outcome">success, denied or failure.</param>
/// <param name="Before">Only events before this sequence number.</param>
/// <param name="Limit">At most this many (1–1000).</param>
public sealed record AuditFilter(string? Project = null, string? Actor = null, string? Action = null, string? Outcome = null, long? Before = null, int Limit = 100);
