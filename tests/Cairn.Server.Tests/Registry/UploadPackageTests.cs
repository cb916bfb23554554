using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cairn.Client;
using Cairn.Client.Contracts;
using Cairn.Testing;
using Xunit;

namespace Cairn.Server.Tests.Registry;

/// <summary>
/// Versions registered from an uploaded package. The archives are made by GNU tar and Python's zipfile,
/// not by Cairn; the expected digests are computed here from the bytes put in.
/// </summary>
public sealed class UploadPackageTests
{
    private static readonly (string Path, byte[] Content)[] Files =
    [
        ("MLmodel", "flavors:\n  onnx: {}\n"u8.ToArray()),
        ("model.onnx", RandomNumberGenerator.GetBytes(70_000)),
        ("extra/labels.txt", "benign\nmalignant\n"u8.ToArray()),
    ];

    [Fact]
    public async Task TarGzFromGnuTar_And_ZipFromPython_RegisterVersionsWithTheExpectedManifest()
    {
        await using var scene = await RegistryScene.StartAsync();
        using var http = scene.Http("dana");
        (await http.PostAsJsonAsync("/api/v1/models", new { name = "pkg" })).EnsureSuccessStatusCode();
        var tree = WriteTree(scene.Work, "tree");

        var tarGz = Path.Combine(scene.Work, "model.tar.gz");
        await RunAsync("tar", ["-czf", tarGz, "-C", tree, "."]);
        var zip = Path.Combine(scene.Work, "model.zip");
        await RunAsync("python3", ["-c", "import sys,zipfile,os\nwith zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED) as z:\n  for p in sys.argv[3:]: z.write(os.path.join(sys.argv[2],p),p)", zip, tree, .. Files.Select(f => f.Path)]);

        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(RegistryScene.ManifestText(Files))));
        var number = 0;
        foreach (var archive in new[] { tarGz, zip })
        {
            var bytes = await File.ReadAllBytesAsync(archive);
            using var response = await http.PostAsync("/api/v1/models/pkg/versions/upload?description=from%20a%20package&tag=format=onnx", new ByteArrayContent(bytes));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var version = (await response.Content.ReadFromJsonAsync<ModelVersionDto>(CairnJson.Options))!;
            Assert.Equal(++number, version.Version);
            Assert.Equal(expected, version.Digest);
            Assert.Equal("upload:sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), version.Source);
            Assert.Equal("from a package", version.Description);
            Assert.Equal("dana", version.Author);
            Assert.Equal("onnx", version.Tags["format"]);
        }

        foreach (var (path, content) in Files)
        {
            Assert.Equal(content, await http.GetByteArrayAsync($"/api/v1/models/pkg/versions/2/files/{path}"));
        }

        // The MLflow client reads the same version through the registry tree of the artifact proxy.
        var mlflow = await http.GetByteArrayAsync("/api/2.0/mlflow-artifacts/artifacts/registry/pkg/1/extra/labels.txt");
        Assert.Equal(Files[2].Content, mlflow);
    }

    [Theory]
    [InlineData("../escape.txt", "refused")]
    [InlineData("/etc/cairn.txt", "relative")]
    [InlineData("a/%2e%2e/b.txt", "percent")]
    [InlineData("a\\\\b.txt", "separator")]
    public async Task ZipSlipEntries_AreRefused_AndNothingStaysBehind(string entry, string rule)
    {
        await using var scene = await RegistryScene.StartAsync();
        using var http = scene.Http("dana");
        (await http.PostAsJsonAsync("/api/v1/models", new { name = "pkg" })).EnsureSuccessStatusCode();
        var zip = Path.Combine(scene.Work, "evil.zip");
        await RunAsync("python3", ["-c", "import sys,zipfile\nwith zipfile.ZipFile(sys.argv[1],'w') as z:\n  z.writestr('MLmodel','flavors: {}')\n  z.writestr(zipfile.ZipInfo(sys.argv[2]),'unique-payload-of-this-test')", zip, entry.Replace("\\\\", "\\", StringComparison.Ordinal)]);
        var before = BlobCount(scene);

        using var response = await http.PostAsync("/api/v1/models/pkg/versions/upload", new ByteArrayContent(await File.ReadAllBytesAsync(zip)));
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("package", problem, StringComparison.Ordinal);
        Assert.Contains(rule, problem, StringComparison.Ordinal);
        Assert.Equal(before, BlobCount(scene));
        Assert.Empty((await scene.Client("dana").ListVersionsAsync("pkg")));
        Assert.False(File.Exists(Path.Combine(scene.Host.DataDirectory, "..", "escape.txt")));
    }

    [Fact]
    public async Task LinksDuplicatesJunkAndEmptyBodies_Are400s_UnknownModel404()
    {
        await using var scene = await RegistryScene.StartAsync();
        using var http = scene.Http("dana");
        (await http.PostAsJsonAsync("/api/v1/models", new { name = "pkg" })).EnsureSuccessStatusCode();

        var linked = WriteTree(scene.Work, "linked");
        File.CreateSymbolicLink(Path.Combine(linked, "passwd"), "/etc/passwd");
        var withLink = Path.Combine(scene.Work, "link.tar");
        await RunAsync("tar", ["-cf", withLink, "-C", linked, "."]);
        await ExpectBadRequestAsync(http, await File.ReadAllBytesAsync(withLink), "SymbolicLink");

        var twice = Path.Combine(scene.Work, "twice.zip");
        await RunAsync("python3", ["-c", "import sys,zipfile,warnings\nwarnings.simplefilter('ignore')\nwith zipfile.ZipFile(sys.argv[1],'w') as z:\n  z.writestr('a.txt','1')\n  z.writestr('a.txt','2')", twice]);
        await ExpectBadRequestAsync(http, await File.ReadAllBytesAsync(twice), "appears twice");

        var empty = Path.Combine(scene.Work, "empty.tar.gz");
        Directory.CreateDirectory(Path.Combine(scene.Work, "nothing"));
        await RunAsync("tar", ["-czf", empty, "-C", Path.Combine(scene.Work, "nothing"), "."]);
        await ExpectBadRequestAsync(http, await File.ReadAllBytesAsync(empty), "holds no file");

        await ExpectBadRequestAsync(http, "{\"source\": \"runs:/x\"}"u8.ToArray(), "zip, tar or tar.gz");
        await ExpectBadRequestAsync(http, [0x1f, 0x8b, 8, 0, 1, 2, 3], "package");
        await ExpectBadRequestAsync(http, [], "body is empty");

        using var unknown = await http.PostAsync("/api/v1/models/nope/versions/upload", new ByteArrayContent(await File.ReadAllBytesAsync(withLink)));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var viewer = scene.Http("vic");
        using var denied = await viewer.PostAsync("/api/v1/models/pkg/versions/upload", new ByteArrayContent(await File.ReadAllBytesAsync(twice)));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task CliRegister_WithADirectory_PacksAndUploadsIt()
    {
        await using var scene = await RegistryScene.StartAsync();
        var tree = WriteTree(scene.Work, "cli-tree");
        string[] asDana = ["--url", scene.Host.BaseUrl.ToString(), "--key", scene.Keys["dana"]];
        var (code, output, error) = await CliRunner.RunAsync(["models", "register", "fromdir", "--package", tree, "--risk-tier", "low", .. asDana]);
        Assert.True(code == 0, output + error);
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(RegistryScene.ManifestText(Files))));
        Assert.Contains($"Registered fromdir version 1, digest sha256:{expected}", output, StringComparison.Ordinal);

        (code, _, error) = await CliRunner.RunAsync(["models", "register", "fromdir", "--package", Path.Combine(scene.Work, "missing"), .. asDana]);
        Assert.NotEqual(0, code);
        Assert.Contains("neither a file nor a directory", error, StringComparison.Ordinal);
    }

    private static async Task ExpectBadRequestAsync(HttpClient http, byte[] body, string says)
    {
        using var response = await http.PostAsync("/api/v1/models/pkg/versions/upload", new ByteArrayContent(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Contains(says, text, StringComparison.Ordinal);
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty("package", out _), text);
    }

    private static string WriteTree(string work, string name)
    {
        var root = Path.Combine(work, name);
        foreach (var (path, content) in Files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, path))!);
            File.WriteAllBytes(Path.Combine(root, path), content);
        }

        return root;
    }

    private static int BlobCount(RegistryScene scene) =>
        Directory.EnumerateFiles(Path.Combine(scene.Host.DataDirectory, "blobs", "sha256"), "*", SearchOption.AllDirectories).Count();

    private static async Task RunAsync(string file, string[] args)
    {
        var (code, output) = await ProcessRunner.RunAsync(file, args, TimeSpan.FromMinutes(1));
        Assert.True(code == 0, $"{file} failed: {output}");
    }
}
