namespace Cairn.Core.Storage;

/// <summary>Whether the database is reachable and its schema current.</summary>
public interface IDatabaseStatus
{
    /// <summary>The provider name, e.g. <c>sqlite</c>.</summary>
    string Provider { get; }

    /// <summary>The applied and the expected schema versions; throws when the database cannot be reached.</summary>
    Task<(int Applied, int Expected)> GetSchemaVersionAsync(CancellationToken ct);
}
