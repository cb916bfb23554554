using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cairn.Storage.Sql;

/// <summary>Opens connections to the configured database, with SQLite's per-connection pragmas applied.</summary>
public sealed class ConnectionFactory : IDisposable
{
    private readonly string _connectionString;
    private readonly string _sqlitePragmas;
    private readonly NpgsqlDataSource? _postgres;

    // SQLite admits one writer; queueing writers here wakes the next at once, where SQLite's busy
    // handler would make it sleep with back-off (tens of milliseconds of tail latency).
    private readonly SemaphoreSlim _sqliteWriter = new(1, 1);

    public ConnectionFactory(IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        Provider = o.Provider.Equals("postgres", StringComparison.OrdinalIgnoreCase) ? SqlProvider.Postgres : SqlProvider.Sqlite;
        if (Provider == SqlProvider.Postgres)
        {
            _connectionString = o.ConnectionString!;
            _postgres = NpgsqlDataSource.Create(_connectionString);
        }
        else
        {
            Directory.CreateDirectory(o.DataDirectory);
            var file = Path.GetFullPath(Path.Combine(o.DataDirectory, "cairn.db"));
            _connectionString = string.IsNullOrWhiteSpace(o.ConnectionString)
                ? new SqliteConnectionStringBuilder { DataSource = file, Pooling = true, ForeignKeys = true, DefaultTimeout = 30 }.ToString()
                : o.ConnectionString;
        }

        _sqlitePragmas = $"PRAGMA synchronous={o.SqliteSynchronous.ToUpperInvariant()}; PRAGMA busy_timeout=30000;";
    }

    /// <summary>The provider in use.</summary>
    public SqlProvider Provider { get; }

    /// <summary>
    /// A membership test against one list parameter made by <see cref="ListParameter{T}"/>: an array
    /// with <c>= ANY</c> on PostgreSQL; on SQLite a JSON array read by <c>json_each</c>, because
    /// binding hundreds of named parameters is slow there.
    /// </summary>
    public string InList(string column, string parameter) =>
        Provider == SqlProvider.Postgres ? $"{column} = ANY({parameter})" : $"{column} IN (SELECT value FROM json_each({parameter}))";

    /// <summary>The value to bind for <see cref="InList"/>.</summary>
    public object ListParameter<T>(IEnumerable<T> values) =>
        Provider == SqlProvider.Postgres ? values.ToArray() : System.Text.Json.JsonSerializer.Serialize(values);

    /// <summary>Opens a connection and begins a write transaction, one writer at a time on SQLite.</summary>
    public async Task<WriteScope> BeginWriteAsync(CancellationToken ct)
    {
        var writer = Provider == SqlProvider.Sqlite ? _sqliteWriter : null;
        if (writer is not null)
        {
            await writer.WaitAsync(ct).ConfigureAwait(false);
        }

        DbConnection? connection = null;
        try
        {
            connection = await OpenAsync(ct).ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            return new WriteScope(connection, transaction, writer);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            writer?.Release();
            throw;
        }
    }

    /// <summary>Opens a connection.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(ct).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = _sqlitePragmas;
            await pragma.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public void Dispose()
    {
        _postgres?.Dispose();
        _sqliteWriter.Dispose();
    }
}
