using System.Diagnostics;
using System.Text.Json;
using Cairn.Governance.Keys;
using Cairn.Testing;
using Xunit;

namespace Cairn.Server.Tests;

/// <summary>The real <c>cairn server</c> process: configuration from the environment, and JSON logs carrying W3C trace ids.</summary>
public sealed class ServerProcessTests : IDisposable
{
    private readonly TempDirectory _data = new("cairn-proc");

    public void Dispose() => _data.Dispose();

    private Process Start(int port, IReadOnlyDictionary<string, string> environment) => ServerProcess.Start(_data.Path, port, environment);

    [Fact]
    public async Task Server_InvalidProviderFromEnvironment_ExitsWithUsageNamingTheKey()
    {
        using var process = Start(FreePort.Next(), new Dictionary<string, string> { ["CAIRN__STORAGE__PROVIDER"] = "mongodb" });
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("Cairn:Storage:Provider 'mongodb' is not valid; valid values are: sqlite, postgres", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_FirstStartWithoutAdminKey_PrintsAWorkingKeyOnce()
    {
        var port = FreePort.Next();
        var output = new List<string>();
        using var process = Start(port, new Dictionary<string, string>());
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.Add(e.Data); } } };
        process.BeginOutputReadLine();
        try
        {
            string? key = null;
            var clock = Stopwatch.StartNew();
            while (key is null && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
                lock (output)
                {
                    key = output.Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(ApiKeySecret.Marker, StringComparison.Ordinal));
                }
            }

            Assert.NotNull(key);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            await WaitForAsync(async () => (await http.GetAsync("/api/v1/me")).IsSuccessStatusCode);

            const string traceId = "0af7651916cd43dd8448eb211c80319c";
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/projects");
            request.Headers.Add("traceparent", $"00-{traceId}-b7ad6b7169203331-01");
            (await http.SendAsync(request)).EnsureSuccessStatusCode();

            JsonElement? line = null;
            await WaitForAsync(() =>
            {
                lock (output)
                {
                    line = output.Where(l => l.StartsWith('{') && l.Contains(traceId, StringComparison.Ordinal))
                        .Select(l => JsonDocument.Parse(l).RootElement).FirstOrDefault(e => e.GetProperty("Category").GetString()!.EndsWith("AccessLogMiddleware", StringComparison.Ordinal));
                }

                return Task.FromResult(line is { ValueKind: JsonValueKind.Object });
            });
            var entry = line!.Value;
            Assert.Equal("GET /api/v1/projects 200", string.Join(' ', entry.GetProperty("State").GetProperty("Method").GetString(), entry.GetProperty("State").GetProperty("Path").GetString(), entry.GetProperty("State").GetProperty("Status").GetInt32()));
            Assert.Contains(entry.GetProperty("Scopes").EnumerateArray(), s => s.TryGetProperty("TraceId", out var t) && t.GetString() == traceId);
            lock (output)
            {
                Assert.Single(output, l => l.Contains(key, StringComparison.Ordinal));
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("condition not met within 60 s");
    }
}
