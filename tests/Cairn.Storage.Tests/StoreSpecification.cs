using Cairn.Core.Access;
using Cairn.Core.Storage;
using Cairn.Storage.Sql;
using Cairn.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Cairn.Storage.Tests;

/// <summary>
/// What every store implementation must do. SQLite and PostgreSQL inherit it unchanged; a
/// deliberate difference would be an explicit, reasoned override here.
/// </summary>
public abstract partial class StoreSpecification : IAsyncLifetime
{
    private readonly TempDirectory _data = new("cairn-store");
    private ServiceProvider? _services;

    protected FakeTimeProvider Time { get; } = new();

    protected IServiceProvider Services => _services!;

    protected IProjectStore Projects => Services.GetRequiredService<IProjectStore>();

    protected IKeyStore Keys => Services.GetRequiredService<IKeyStore>();

    protected ISessionStore Sessions => Services.GetRequiredService<ISessionStore>();

    protected IAuditStore Audit => Services.GetRequiredService<IAuditStore>();

    protected long Now => Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>SQL returning one line per column: <c>table.column NOT NULL|NULL</c>, by table and position.</summary>
    protected abstract string SchemaQuery { get; }

    public async ValueTask InitializeAsync() => _services = await OpenAsync(_data.Path, Time);

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        _data.Dispose();
    }

    protected abstract Task<ServiceProvider> OpenAsync(string dataDirectory, TimeProvider time);

    protected async Task<int> ExecuteAsync(string sql, object? args = null)
    {
        await using var connection = await Services.GetRequiredService<ConnectionFactory>().OpenAsync(CancellationToken.None);
        return await connection.ExecuteAsync(sql, args);
    }

    protected async Task<Principal> BootstrapAsync()
    {
        Assert.True(await Keys.BootstrapAsync("admin", "default", "cairn_admin0", new string('a', 64), Now, CancellationToken.None));
        return (await Keys.GetPrincipalAsync("admin", CancellationToken.None))!;
    }

    [Fact]
    public async Task Migrations_Applied_ProduceExactlyTheExpectedSchema()
    {
        var expected = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "expected-schema.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        await using var connection = await Services.GetRequiredService<ConnectionFactory>().OpenAsync(CancellationToken.None);
        var actual = (await connection.QueryAsync<string>(SchemaQuery)).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Migrations_RunAgain_ApplyNothingAndReportCurrent()
    {
        var runner = Services.GetRequiredService<MigrationRunner>();
        Assert.Empty(await runner.UpgradeAsync(CancellationToken.None));
        var (applied, expected) = await Services.GetRequiredService<IDatabaseStatus>().GetSchemaVersionAsync(CancellationToken.None);
        Assert.Equal(expected, applied);
        Assert.Equal(MigrationCatalog.For(Services.GetRequiredService<ConnectionFactory>().Provider).Count, applied);
    }

    [Fact]
    public async Task Migrations_AppliedScriptChanged_AreRefused()
    {
        await ExecuteAsync("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Services.GetRequiredService<MigrationRunner>().UpgradeAsync(CancellationToken.None));
        Assert.Contains("different checksum", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bootstrap_EmptyDatabase_CreatesAdminOwnerAndKey()
    {
        await BootstrapAsync();
        var caller = await Keys.FindCallerAsync(new string('a', 64), Now, CancellationToken.None);
        Assert.NotNull(caller);
        Assert.True(caller.IsAdmin);
        Assert.Equal("default", caller.Project);
        Assert.Equal(ProjectRole.Owner, caller.Role);
        Assert.Equal(Scope.All, caller.Effective);
    }

    [Fact]
    public async Task Bootstrap_SecondTime_ChangesNothing()
    {
        await BootstrapAsync();
        Assert.False(await Keys.BootstrapAsync("other", "other", "cairn_other0", new string('b', 64), Now, CancellationToken.None));
        Assert.Null(await Keys.FindCallerAsync(new string('b', 64), Now, CancellationToken.None));
        Assert.Single(await Projects.ListProjectsAsync(CancellationToken.None));
    }
}
