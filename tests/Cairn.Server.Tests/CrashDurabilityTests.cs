using System.Diagnostics;
using System.Net;
using Cairn.Client;
using Cairn.Core.Storage;
using Cairn.Governance.Audit;
using Cairn.Governance.Keys;
using Cairn.Testing;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Cairn.Server.Tests;

/// <summary>
/// Starts the real <c>cairn server</c> process, writes from several clients, kills it with SIGKILL
/// in the middle, and checks that every acknowledged write — and its audit event — survived, and
/// that SQLite's integrity check passes.
/// </summary>
public sealed class CrashDurabilityTests : IDisposable
{
    private readonly TempDirectory _data = new("cairn-crash");
    private readonly string _adminKey = ApiKeySecret.Generate();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Kill9_DuringConcurrentWrites_LosesNoAcknowledgedWrite()
    {
        var port = FreePort.Next();
        var server = StartServer(port);
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        try
        {
            var url = new Uri($"http://127.0.0.1:{port}/");
            await WaitReadyAsync(url);
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                using var client = new CairnClient(url, _adminKey);
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    try
                    {
                        var p = await client.CreateProjectAsync($"crash-{w}-{i}", "written before the crash", CancellationToken.None);
                        acknowledged.Add(p.Name);
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                }
            })).ToList();

            var deadline = Stopwatch.StartNew();
            while (acknowledged.Count < 40 && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(50);
            }

            server.Kill(entireProcessTree: true); // SIGKILL: no shutdown hooks run
            await server.WaitForExitAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }

            server.Dispose();
        }

        Assert.True(acknowledged.Count >= 40, $"only {acknowledged.Count} writes before the deadline");
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(_data.Path, "cairn.db")};Pooling=False"))
        {
            Assert.Equal("ok", await db.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
            var stored = (await db.QueryAsync<string>("SELECT name FROM projects")).ToHashSet();
            Assert.All(acknowledged, name => Assert.Contains(name, stored));
            var details = (await db.QueryAsync<string>("SELECT detail FROM audit_events WHERE action = 'CreateProject' AND outcome = 'success'")).ToHashSet();
            Assert.All(acknowledged, name => Assert.Contains($"project {name} created", details));
        }

        await using (var stores = await StoreServices.SqliteAsync(_data.Path))
        {
            var chain = await AuditService.VerifyAsync(stores.GetRequiredService<IAuditStore>(), CancellationToken.None);
            Assert.True(chain.Intact, chain.Problem);
        }

        var again = StartServer(FreePort.Next(), out var againUrl);
        try
        {
            await WaitReadyAsync(againUrl);
            using var client = new CairnClient(againUrl, _adminKey);
            var names = (await client.ListProjectsAsync()).Select(p => p.Name).ToHashSet();
            Assert.All(acknowledged, name => Assert.Contains(name, names));
        }
        finally
        {
            again.Kill(entireProcessTree: true);
            again.Dispose();
        }
    }

    private Process StartServer(int port) => StartServer(port, out _);

    private Process StartServer(int port, out Uri url)
    {
        url = new Uri($"http://127.0.0.1:{port}/");
        var process = ServerProcess.Start(_data.Path, port, new Dictionary<string, string> { ["CAIRN_ADMIN_KEY"] = _adminKey }, "--Cairn:Http:AccessLog=false");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitReadyAsync(Uri url)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if ((await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{url} did not become ready");
    }
}
