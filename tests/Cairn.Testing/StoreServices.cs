using Cairn.Governance;
using Cairn.Storage;
using Cairn.Storage.Sql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cairn.Testing;

/// <summary>Stores and governance services over a real database, without a web host.</summary>
public static class StoreServices
{
    /// <summary>A migrated SQLite database in <paramref name="dataDirectory"/>.</summary>
    public static Task<ServiceProvider> SqliteAsync(string dataDirectory, TimeProvider? time = null) =>
        BuildAsync(new() { ["Provider"] = "sqlite", ["DataDirectory"] = dataDirectory }, time);

    /// <summary>A migrated PostgreSQL database at <paramref name="connectionString"/>, artifacts in <paramref name="dataDirectory"/>.</summary>
    public static Task<ServiceProvider> PostgresAsync(string connectionString, string dataDirectory, TimeProvider? time = null) =>
        BuildAsync(new() { ["Provider"] = "postgres", ["ConnectionString"] = connectionString, ["DataDirectory"] = dataDirectory }, time);

    private static async Task<ServiceProvider> BuildAsync(Dictionary<string, string?> storage, TimeProvider? time)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(storage.ToDictionary(kv => $"{StorageOptions.Section}:{kv.Key}", kv => kv.Value))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddCairnStorage(configuration.GetSection(StorageOptions.Section));
        services.AddCairnGovernance(configuration.GetSection(GovernanceOptions.Section));
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<MigrationRunner>().UpgradeAsync(CancellationToken.None);
        return provider;
    }
}
