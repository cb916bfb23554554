using Cairn.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cairn.Storage.Tests;

/// <summary>The store specification on a real PostgreSQL server (a fresh database per test).</summary>
public sealed class PostgresStoreTests(PostgresServer server) : StoreSpecification
{
    protected override async Task<ServiceProvider> OpenAsync(string dataDirectory, TimeProvider time) =>
        await StoreServices.PostgresAsync(await server.CreateDatabaseAsync(), dataDirectory, time);

    protected override string SchemaQuery =>
        """
        SELECT table_name || '.' || column_name || ' ' || CASE WHEN is_nullable = 'NO' THEN 'NOT NULL' ELSE 'NULL' END
        FROM information_schema.columns
        WHERE table_schema = current_schema()
        ORDER BY table_name, ordinal_position
        """;
}
