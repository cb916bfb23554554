using System.Net;
using Cairn.Testing;
using Xunit;

namespace Cairn.Server.Tests;

/// <summary>Health, readiness and the Prometheus exposition.</summary>
public sealed class OperationsTests : IAsyncLifetime
{
    private CairnTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await CairnTestHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Healthz_Anonymous_IsOk()
    {
        using var http = _host.Client();
        Assert.Equal("ok", await http.GetStringAsync("/healthz"));
    }

    [Fact]
    public async Task Readyz_Anonymous_ReportsDatabaseAndSchema()
    {
        using var http = _host.Client();
        var body = await http.GetStringAsync("/readyz");
        Assert.Contains("\"status\":\"ready\"", body, StringComparison.Ordinal);
        Assert.Contains("\"database\":\"sqlite\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_SchemaBehindThisBuild_Is503AndSaysWhatToRun()
    {
        await using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_host.DataDirectory, "cairn.db")};Pooling=False"))
        {
            await Dapper.SqlMapper.ExecuteAsync(db, "DELETE FROM schema_migrations");
        }

        using var http = _host.Client();
        var response = await http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("cairn db upgrade", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("ok", await http.GetStringAsync("/healthz"));
    }

    [Fact]
    public async Task Metrics_WithoutKey_Is401()
    {
        using var http = _host.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Metrics_AfterRequests_CountsByRouteAndStatusWithLatencyHistogram()
    {
        using var http = _host.Client(_host.AdminKey);
        for (var i = 0; i < 3; i++)
        {
            (await http.GetAsync("/api/v1/me")).EnsureSuccessStatusCode();
        }

        await http.GetAsync("/api/v1/projects/nope");
        var response = await http.GetAsync("/metrics");
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var text = await response.Content.ReadAsStringAsync();
        var meCount = Line(text, "http_server_request_duration_seconds_count{", "http_route=\"/api/v1/me\"", "http_response_status_code=\"200\"");
        Assert.EndsWith(" 3", meCount, StringComparison.Ordinal);
        Line(text, "http_server_request_duration_seconds_count{", "http_route=\"/api/v1/projects/{project}\"", "http_response_status_code=\"404\"");
        Line(text, "http_server_request_duration_seconds_bucket{", "http_route=\"/api/v1/me\"", "le=\"+Inf\"");
        Line(text, "http_server_active_requests{");
        Line(text, "process_resident_memory_bytes ");
        Line(text, "dotnet_gc_collections_total{");
    }

    [Fact]
    public async Task Metrics_Exposition_ParsesWithPrometheusPromtool()
    {
        var promtool = new[] { "/usr/bin/promtool", "/usr/local/bin/promtool" }.FirstOrDefault(File.Exists);
        if (promtool is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "promtool is missing on CI: apt-get install prometheus");
            Assert.Skip("promtool not installed (apt-get install prometheus)");
        }

        using var http = _host.Client(_host.AdminKey);
        await http.GetAsync("/api/v1/me");
        var text = await http.GetStringAsync("/metrics");
        var file = Path.Combine(_host.DataDirectory, "metrics.txt");
        await File.WriteAllTextAsync(file, text);
        var (code, output) = await ProcessRunner.RunAsync("/bin/sh", ["-c", $"{promtool} check metrics < '{file}'"], TimeSpan.FromSeconds(30));

        // Exit 1 is a parse failure; exit 3 is lint advice on runtime metric names we keep as OpenTelemetry names them.
        Assert.True(code is 0 or 3, $"promtool exit {code}: {output}");
        Assert.DoesNotContain("parsing error", output, StringComparison.Ordinal);
        var advice = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(advice, line => line.StartsWith("process_", StringComparison.Ordinal) || line.StartsWith("http_", StringComparison.Ordinal));
    }

    private static string Line(string text, params string[] parts)
    {
        var line = text.Split('\n').FirstOrDefault(l => parts.All(p => l.Contains(p, StringComparison.Ordinal)));
        Assert.True(line is not null, $"no line with {string.Join(" and ", parts)}");
        return line;
    }
}
