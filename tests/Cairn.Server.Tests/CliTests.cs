using System.Text.Json;
using Cairn.Cli;
using Cairn.Client;
using Cairn.Client.Contracts;
using Cairn.Testing;
using Xunit;

namespace Cairn.Server.Tests;

/// <summary>The <c>cairn</c> command line against a real server: tables for people, JSON for scripts, meaningful exit codes.</summary>
public sealed class CliTests : IAsyncLifetime
{
    private CairnTestHost _host = null!;
    private readonly TempDirectory _home = new("cairn-cli");

    public async ValueTask InitializeAsync() => _host = await CairnTestHost.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _home.Dispose();
    }

    private static Task<(int Code, string Out, string Err)> Cairn(params string[] args) => CliRunner.RunAsync(args);

    private Task<(int Code, string Out, string Err)> As(string key, params string[] args) =>
        Cairn([.. args, "--url", _host.BaseUrl.ToString(), "--key", key]);

    [Fact]
    public async Task ProjectsKeysMembers_EndToEnd_WorkWithTablesAndJson()
    {
        var created = await As(_host.AdminKey, "projects", "create", "alpha", "--description", "first project");
        Assert.Equal(0, created.Code);
        Assert.Contains("alpha", created.Out, StringComparison.Ordinal);

        var list = await As(_host.AdminKey, "projects", "list");
        Assert.Equal(0, list.Code);
        Assert.Matches("(?m)^NAME +DESCRIPTION", list.Out);
        Assert.Matches("(?m)^alpha +first project", list.Out);

        Assert.Equal(0, (await As(_host.AdminKey, "members", "set", "--project", "alpha", "bob", "editor")).Code);
        var key = await As(_host.AdminKey, "keys", "create", "--project", "alpha", "--name", "bob ci", "--principal", "bob", "--scopes", "read,write", "--json");
        Assert.Equal(0, key.Code);
        var createdKey = JsonSerializer.Deserialize<CreatedKeyDto>(key.Out, CairnJson.Options)!;
        Assert.Equal(["read", "write"], createdKey.Key.Scopes);

        var me = await As(createdKey.Secret, "projects", "list", "--json");
        Assert.Equal(["alpha"], JsonSerializer.Deserialize<ProjectDto[]>(me.Out, CairnJson.Options)!.Select(p => p.Name));

        var keys = await As(_host.AdminKey, "keys", "list", "--project", "alpha", "--json");
        Assert.Contains(JsonSerializer.Deserialize<KeyDto[]>(keys.Out, CairnJson.Options)!, k => k.Id == createdKey.Key.Id && k.RevokedAt is null);

        Assert.Equal(0, (await As(_host.AdminKey, "keys", "revoke", "--project", "alpha", createdKey.Key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Code);
        Assert.Equal(ExitCodes.Unauthorized, (await As(createdKey.Secret, "projects", "list")).Code);
    }

    [Fact]
    public async Task Audit_VerifyAndTail_ReportTheChain()
    {
        await As(_host.AdminKey, "projects", "create", "beta");
        var verify = await As(_host.AdminKey, "audit", "verify");
        Assert.Equal(0, verify.Code);
        Assert.Matches("(?m)^yes ", verify.Out);
        var tail = await As(_host.AdminKey, "audit", "tail", "-n", "5");
        Assert.Equal(0, tail.Code);
        Assert.Contains("CreateProject", tail.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExitCodes_MeanSomething()
    {
        Assert.Equal(ExitCodes.Unauthorized, (await As("cairn_wrong", "projects", "list")).Code);
        Assert.Equal(ExitCodes.NotFound, (await As(_host.AdminKey, "members", "list", "--project", "nope")).Code);
        Assert.Equal(ExitCodes.Usage, (await Cairn("projects", "frobnicate")).Code);
        var unreachable = await Cairn("projects", "list", "--url", $"http://127.0.0.1:{FreePort.Next()}", "--key", "x");
        Assert.Equal(ExitCodes.Unreachable, unreachable.Code);
        Assert.Contains("cannot reach", unreachable.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_SavesUrlAndKeyWithOwnerOnlyPermissions()
    {
        var config = Path.Combine(_home.Path, "config.json");
        Environment.SetEnvironmentVariable("CAIRN_CONFIG", config);
        try
        {
            var login = await As(_host.AdminKey, "login");
            Assert.Equal(0, login.Code);
            Assert.Contains("as admin", login.Out, StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config));
            }

            var list = await Cairn("projects", "list");
            Assert.Equal(0, list.Code);
            Assert.Contains("default", list.Out, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CAIRN_CONFIG", null);
        }
    }

    [Fact]
    public async Task DbUpgrade_OnFreshDataDirectory_AppliesThenReportsCurrent()
    {
        var dir = Path.Combine(_home.Path, "data");
        var first = await Cairn("db", "upgrade", "--data-dir", dir);
        Assert.Equal(0, first.Code);
        Assert.Contains("0001_foundation", first.Out, StringComparison.Ordinal);
        var second = await Cairn("db", "upgrade", "--data-dir", dir);
        Assert.Contains("Schema is current", second.Out, StringComparison.Ordinal);
        var offline = await Cairn("audit", "verify", "--data-dir", dir);
        Assert.Equal(0, offline.Code);
    }

    [Theory]
    [InlineData("--storage-provider", "mongodb", "valid values are: sqlite, postgres")]
    [InlineData("--storage-provider", "postgres", "ConnectionString is required")]
    public async Task Server_InvalidConfiguration_ExitsWithUsageAndNamesTheRule(string option, string value, string message)
    {
        var result = await Cairn("server", "--data-dir", Path.Combine(_home.Path, "bad"), "--urls", $"http://127.0.0.1:{FreePort.Next()}", option, value);
        Assert.Equal(ExitCodes.Usage, result.Code);
        Assert.Contains(message, result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Cairn:Http:AccessLog=maybe", "Cairn:Http:AccessLog")]
    [InlineData("--Cairn:Governance:KeyCacheSeconds=abc", "Cairn:Governance:KeyCacheSeconds")]
    [InlineData("--Cairn:Governance:SessionHours=0", "SessionHours")]
    public async Task Server_UnparseableSetting_ExitsWithUsageBeforeTouchingTheDatabase(string setting, string key)
    {
        var dir = Path.Combine(_home.Path, "unparseable");
        var result = await Cairn("server", "--data-dir", dir, "--urls", $"http://127.0.0.1:{FreePort.Next()}", setting);
        Assert.Equal(ExitCodes.Usage, result.Code);
        Assert.Contains(key, result.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "cairn.db")), "the database was touched before the configuration was checked");
    }

    [Fact]
    public async Task Login_OverAnExistingWorldReadableConfig_TightensItToOwnerOnly()
    {
        var config = Path.Combine(_home.Path, "loose.json");
        await File.WriteAllTextAsync(config, "{}");
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Environment.SetEnvironmentVariable("CAIRN_CONFIG", config);
        try
        {
            Assert.Equal(0, (await As(_host.AdminKey, "login")).Code);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config));
        }
        finally
        {
            Environment.SetEnvironmentVariable("CAIRN_CONFIG", null);
        }
    }
}
