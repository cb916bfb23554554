using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cairn.Client;
using Cairn.Client.Contracts;
using Cairn.Testing;
using Xunit;

namespace Cairn.Server.Tests.Registry;

/// <summary>
/// A server whose default project has an author (dana, editor), two approvers (erin, finn) and a viewer
/// (vic), each with a key; helpers upload run artifacts, register versions and drive openssl.
/// </summary>
internal sealed class RegistryScene : IAsyncDisposable
{
    private readonly TempDirectory _work = new("cairn-registry");

    private RegistryScene(CairnTestHost host, IReadOnlyDictionary<string, string> keys)
    {
        Host = host;
        Keys = keys;
    }

    public CairnTestHost Host { get; }

    public IReadOnlyDictionary<string, string> Keys { get; }

    public string Work => _work.Path;

    public static async Task<RegistryScene> StartAsync()
    {
        var host = await CairnTestHost.StartAsync();
        using var admin = new CairnClient(host.BaseUrl, host.AdminKey);
        var keys = new Dictionary<string, string> { ["admin"] = host.AdminKey };
        foreach (var (who, role) in new[] { ("dana", "editor"), ("erin", "approver"), ("finn", "approver"), ("vic", "viewer") })
        {
            await admin.SetMemberAsync("default", who, role);
            var scopes = role == "viewer" ? new[] { "read" } : ["read", "write"];
            keys[who] = (await admin.CreateKeyAsync("default", new CreateKeyRequest($"{who} key", scopes, who))).Secret;
        }

        return new RegistryScene(host, keys);
    }

    public HttpClient Http(string who) => Host.Client(Keys[who]);

    public CairnClient Client(string who) => new(Host.BaseUrl, Keys[who]);

    /// <summary>Creates a run in experiment 0 and uploads files under its artifacts; returns the run id.</summary>
    public async Task<string> RunWithFilesAsync(string who, IReadOnlyDictionary<string, string> metrics, params (string Path, byte[] Content)[] files)
    {
        using var client = Client(who);
        var run = await client.CreateRunAsync(new CreateRunRequest(0, "train", 1));
        if (metrics.Count > 0)
        {
            await client.LogBatchAsync(run.Id, new LogBatchRequest(
                metrics.Select(m => new MetricPointDto(m.Key, double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture), 1)).ToList()));
        }

        using var http = Http(who);
        foreach (var (path, content) in files)
        {
            using var body = new ByteArrayContent(content);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            (await http.PutAsync($"/api/v1/runs/{run.Id}/artifacts/{path}", body)).EnsureSuccessStatusCode();
        }

        return run.Id;
    }

    /// <summary>The version digest computed here from the files: SHA-256 over "sha256 size path\n" lines in ordinal path order.</summary>
    public static string ManifestText(params (string Path, byte[] Content)[] files) =>
        string.Concat(files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => $"{Convert.ToHexStringLower(SHA256.HashData(f.Content))} {f.Content.Length} {f.Path}\n"));

    /// <summary>Makes an ECDSA P-256 key pair with openssl; returns (private key file, public key PEM).</summary>
    public async Task<(string PrivateKey, string PublicPem)> OpensslKeyAsync(string name)
    {
        var key = Path.Combine(Work, name + ".pem");
        var pub = Path.Combine(Work, name + ".pub");
        await Openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key);
        await Openssl("ec", "-in", key, "-pubout", "-out", pub);
        return (key, await File.ReadAllTextAsync(pub));
    }

    /// <summary>Signs text with openssl (<c>dgst -sha256 -sign</c>): the ECDSA signature over its SHA-256, base64 of DER.</summary>
    public async Task<string> OpensslSignAsync(string privateKey, string text)
    {
        var input = Path.Combine(Work, Guid.NewGuid().ToString("N") + ".txt");
        var signature = input + ".sig";
        await File.WriteAllTextAsync(input, text, new UTF8Encoding(false));
        await Openssl("dgst", "-sha256", "-sign", privateKey, "-out", signature, input);
        return Convert.ToBase64String(await File.ReadAllBytesAsync(signature));
    }

    private static async Task Openssl(params string[] args)
    {
        var (code, output) = await ProcessRunner.RunAsync("openssl", args, TimeSpan.FromSeconds(30));
        Assert.True(code == 0, $"openssl {string.Join(' ', args)} failed: {output}");
    }

    public static T Json<T>(string text) => JsonSerializer.Deserialize<T>(text, CairnJson.Options)!;

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _work.Dispose();
    }
}
