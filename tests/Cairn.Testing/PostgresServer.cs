using Npgsql;
using Xunit;

namespace Cairn.Testing;

/// <summary>
/// A real PostgreSQL server started as a local process for the test run (there is no Docker):
/// initdb into a temporary folder, pg_ctl start on a free loopback port, stopped at the end.
/// Uses <c>CAIRN_TEST_POSTGRES</c> (an admin connection string) instead when set. When the server
/// binaries are missing the tests skip with a message, except under CI (<c>CI=true</c>), where
/// that is a failure: the PostgreSQL suite must not silently not run.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string? _dataDir;
    private string? _binDir;
    private bool _asPostgresUser;

    public string? AdminConnectionString { get; private set; }

    public string? Unavailable { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var supplied = Environment.GetEnvironmentVariable("CAIRN_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(supplied))
        {
            AdminConnectionString = supplied;
            return;
        }

        _binDir = FindBinDir();
        if (_binDir is null)
        {
            Unavailable = "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (apt-get install postgresql)";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(Unavailable);
            }

            return;
        }

        _asPostgresUser = Environment.UserName == "root";
        _dataDir = Path.Combine(Path.GetTempPath(), $"cairn-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_dataDir);
        if (_asPostgresUser)
        {
            await Run("chown", ["postgres:postgres", _dataDir], asPostgres: false);
        }

        var port = FreePort.Next();
        await Run(Path.Combine(_binDir, "initdb"), ["-D", _dataDir, "-U", "cairn", "--auth=trust", "-E", "UTF8", "--no-sync"], _asPostgresUser);
        await Run(Path.Combine(_binDir, "pg_ctl"),
            ["-D", _dataDir, "-l", Path.Combine(_dataDir, "server.log"), "-w", "-t", "60", "-o",
             $"-p {port} -k {_dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
             "start"],
            _asPostgresUser);
        AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=cairn;Database=postgres;Pooling=false";
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        if (AdminConnectionString is null)
        {
            Assert.Skip(Unavailable ?? "PostgreSQL is unavailable");
        }

        var name = $"cairn_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataDir is null || _binDir is null)
        {
            return;
        }

        try
        {
            await Run(Path.Combine(_binDir, "pg_ctl"), ["-D", _dataDir, "-m", "immediate", "-w", "stop"], _asPostgresUser);
        }
        finally
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    private static string? FindBinDir()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    private static async Task Run(string file, string[] args, bool asPostgres)
    {
        var (program, argv) = asPostgres ? ("runuser", new[] { "-u", "postgres", "--", file }.Concat(args).ToArray()) : (file, args);
        var (code, output) = await ProcessRunner.RunAsync(program, argv, TimeSpan.FromMinutes(2));
        if (code != 0)
        {
            throw new InvalidOperationException($"{file} exited with {code}: {output}");
        }
    }
}
