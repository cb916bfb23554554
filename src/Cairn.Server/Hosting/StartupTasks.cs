using Cairn.Core.Errors;
using Cairn.Governance.Keys;
using Cairn.Storage;
using Cairn.Storage.Sql;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Hosting;

/// <summary>Prepares the database before the server takes requests: migrations, then the first admin key.</summary>
public static partial class StartupTasks
{
    /// <summary>Applies migrations (always on SQLite; on PostgreSQL only with AutoMigrate) and bootstraps the admin with <paramref name="suppliedAdminKey"/> or a new key printed to <paramref name="console"/>.</summary>
    public static async Task PrepareAsync(IServiceProvider services, TextWriter console, string? suppliedAdminKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(console);
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var runner = services.GetRequiredService<MigrationRunner>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Cairn.Startup");
        var isSqlite = services.GetRequiredService<ConnectionFactory>().Provider == SqlProvider.Sqlite;
        if (isSqlite || options.AutoMigrate)
        {
            foreach (var name in await runner.UpgradeAsync(ct).ConfigureAwait(false))
            {
                LogMigrationApplied(logger, name);
            }
        }
        else
        {
            var applied = await runner.AppliedVersionAsync(ct).ConfigureAwait(false);
            if (applied != runner.Expected.Count)
            {
                throw new CairnException(
                    ErrorKind.Unavailable,
                    $"The PostgreSQL schema is at version {applied} but this build needs {runner.Expected.Count}: run 'cairn db upgrade' (or set Cairn:Storage:AutoMigrate=true)");
            }
        }

        var (created, generated) = await services.GetRequiredService<AdminBootstrap>().RunAsync(suppliedAdminKey, ct).ConfigureAwait(false);
        if (generated is not null)
        {
            await console.WriteLineAsync(
                $"""

                 ==================================================================
                  Cairn created the first administrator key. It is shown only once:

                    {generated}

                  Sign in to the web UI with it, or: cairn login --key <key>
                 ==================================================================

                 """).ConfigureAwait(false);
        }
        else if (created)
        {
            LogAdminFromEnvironment(logger, AdminBootstrap.AdminKeyVariable);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Name}")]
    private static partial void LogMigrationApplied(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first administrator with the key from {Variable}")]
    private static partial void LogAdminFromEnvironment(ILogger logger, string variable);
}
