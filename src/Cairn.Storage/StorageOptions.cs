namespace Cairn.Storage;

/// <summary>Where Cairn keeps its data. Bound from <c>Cairn:Storage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Cairn:Storage";

    /// <summary>Folder for the SQLite database and the artifact store. Default <c>./cairn-data</c>.</summary>
    public string DataDirectory { get; set; } = "./cairn-data";

    /// <summary><c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>PostgreSQL connection string (required for <c>postgres</c>); for SQLite, overrides the database file.</summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>normal</c> (default: survives a process crash) or <c>full</c> (also survives power loss, slower). SQLite only.</summary>
    public string SqliteSynchronous { get; set; } = "normal";

    /// <summary>Apply pending migrations at start. Always true for SQLite; default false for PostgreSQL (use <c>cairn db upgrade</c>).</summary>
    public bool AutoMigrate { get; set; }

    /// <summary>
    /// How long a resolved model alias is served from memory (default 2 s; 0 turns the cache off). Writes made
    /// through this process invalidate it at once; this bounds how late a write by another replica is seen.
    /// </summary>
    public double RegistryCacheSeconds { get; set; } = 2;
}
