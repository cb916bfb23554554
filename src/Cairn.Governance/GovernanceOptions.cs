namespace Cairn.Governance;

/// <summary>Access and audit settings. Bound from <c>Cairn:Governance</c>.</summary>
public sealed class GovernanceOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Cairn:Governance";

    /// <summary>Seconds a resolved key is cached per replica (default 10; 0 disables the cache).</summary>
    public double KeyCacheSeconds { get; set; } = 10;

    /// <summary>Hours a web UI session lasts (default 12).</summary>
    public double SessionHours { get; set; } = 12;

    /// <summary>Name of the first administrator created on an empty database (default <c>admin</c>).</summary>
    public string AdminName { get; set; } = "admin";

    /// <summary>Name of the project created on an empty database (default <c>default</c>).</summary>
    public string DefaultProject { get; set; } = "default";

    /// <summary>Audit events written per transaction at most (default 512).</summary>
    public int AuditBatchSize { get; set; } = 512;
}
