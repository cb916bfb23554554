using Cairn.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cairn.Storage.Tests;

/// <summary>The store specification on SQLite (a temporary database file).</summary>
public sealed class SqliteStoreTests : StoreSpecification
{
    protected override Task<ServiceProvider> OpenAsync(string dataDirectory, TimeProvider time) => StoreServices.SqliteAsync(dataDirectory, time);

    protected override string SchemaQuery =>
        """
        SELECT m.name || '.' || p.name || ' ' || CASE WHEN p."notnull" = 1 OR p.pk > 0 THEN 'NOT NULL' ELSE 'NULL' END
        FROM sqlite_master m JOIN pragma_table_info(m.name) p
        WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
        ORDER BY m.name, p.cid
        """;
}
