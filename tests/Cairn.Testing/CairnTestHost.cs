using System.Net.Http.Headers;
using Cairn.Governance.Keys;
using Cairn.Server;
using Cairn.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Cairn.Testing;

/// <summary>A real Cairn server (Kestrel on a free loopback port) over its own temporary data folder.</summary>
public sealed class CairnTestHost : IAsyncDisposable
{
    private readonly TempDirectory _data;

    private CairnTestHost(WebApplication app, TempDirectory data, string adminKey, Uri baseUrl)
    {
        App = app;
        _data = data;
        AdminKey = adminKey;
        BaseUrl = baseUrl;
    }

    public WebApplication App { get; }

    public string AdminKey { get; }

    public Uri BaseUrl { get; }

    public string DataDirectory => _data.Path;

    public static async Task<CairnTestHost> StartAsync(params string[] extraArgs)
    {
        var data = new TempDirectory("cairn-host");
        var adminKey = ApiKeySecret.Generate();
        string[] args =
        [
            "--data-dir", data.Path, "--urls", "http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning", "--Cairn:Http:AccessLog=false", .. extraArgs,
        ];
        var app = CairnServer.Build(args);
        await StartupTasks.PrepareAsync(app.Services, TextWriter.Null, adminKey, CancellationToken.None);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CairnTestHost(app, data, adminKey, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>An HTTP client for this server; with a key, it sends it as a bearer token.</summary>
    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = BaseUrl };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        _data.Dispose();
    }
}
