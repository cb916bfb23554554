using Cairn.Cli;
using Cairn.Client;
using Cairn.Client.Contracts;
using Cairn.Testing;
using Xunit;

namespace Cairn.Server.Tests;

/// <summary>The whole server on a real PostgreSQL: schema applied by <c>cairn db upgrade</c>, never silently at start.</summary>
public sealed class PostgresServerTests(PostgresServer postgres) : IDisposable
{
    private readonly TempDirectory _data = new("cairn-pg-host");

    public void Dispose() => _data.Dispose();

    private static Task<(int Code, string Out, string Err)> Cairn(params string[] args) => CliRunner.RunAsync(args);

    [Fact]
    public async Task Server_OnPostgres_RefusesAnOldSchemaThenServesAfterDbUpgrade()
    {
        var cs = await postgres.CreateDatabaseAsync();
        var refused = await Cairn("server", "--storage-provider", "postgres", "--connection-string", cs, "--data-dir", _data.Path, "--urls", $"http://127.0.0.1:{FreePort.Next()}");
        Assert.Equal(ExitCodes.Usage, refused.Code);
        Assert.Contains("cairn db upgrade", refused.Err, StringComparison.Ordinal);

        var upgrade = await Cairn("db", "upgrade", "--storage-provider", "postgres", "--connection-string", cs);
        Assert.Equal(0, upgrade.Code);
        Assert.Contains("0001_foundation", upgrade.Out, StringComparison.Ordinal);

        await using var host = await CairnTestHost.StartAsync("--storage-provider", "postgres", "--connection-string", cs);
        using var http = host.Client();
        Assert.Contains("\"database\":\"postgres\"", await http.GetStringAsync("/readyz"), StringComparison.Ordinal);

        using var admin = new CairnClient(host.BaseUrl, host.AdminKey);
        await admin.CreateProjectAsync("alpha");
        await admin.SetMemberAsync("alpha", "bob", "editor");
        var key = await admin.CreateKeyAsync("alpha", new CreateKeyRequest("ci", ["read", "write"], "bob"));
        using var bob = new CairnClient(host.BaseUrl, key.Secret);
        Assert.Equal("alpha", (await bob.GetMeAsync()).Project);
        var chain = await admin.VerifyAuditAsync();
        Assert.True(chain.Intact);
        Assert.True(chain.EventsChecked >= 3);
    }

    [Fact]
    public async Task DbUpgrade_TwoAtOnceOnAnEmptyDatabase_BothSucceed()
    {
        var cs = await postgres.CreateDatabaseAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Cairn("db", "upgrade", "--storage-provider", "postgres", "--connection-string", cs))));
        Assert.All(results, r => Assert.True(r.Code == 0, r.Err));
        Assert.Single(results, r => r.Out.Contains("0001_foundation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NulCharacters_OnPostgres_Are400NotA500()
    {
        var cs = await postgres.CreateDatabaseAsync();
        Assert.Equal(0, (await Cairn("db", "upgrade", "--storage-provider", "postgres", "--connection-string", cs)).Code);
        await using var host = await CairnTestHost.StartAsync("--storage-provider", "postgres", "--connection-string", cs);
        using var http = host.Client(host.AdminKey);
        var created = await http.PostAsync("/api/v1/projects", new StringContent("{\"name\":\"nul\",\"description\":\"a\\u0000b\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await http.GetAsync("/api/v1/audit/events?actor=%00")).StatusCode);
    }
}
