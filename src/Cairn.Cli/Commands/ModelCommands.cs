using System.CommandLine;
using System.Globalization;
using Cairn.Client.Contracts;

namespace Cairn.Cli.Commands;

/// <summary><c>cairn models list|show|register|sign|verify|alias|approve|promotions|card|retention|gc|policy</c>.</summary>
public static partial class ModelCommands
{
    private static readonly Argument<string> RefArgument = new("model") { Description = "name, name/3, name@alias (or models:/…)" };

    public static Command Models(CliContext cli)
    {
        var list = new Command("list", "List registered models with tier, aliases and newest version");
        list.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
            cli.Print(parse, await c.ListModelsAsync(ct), ["NAME", "TIER", "LATEST", "ALIASES", "OWNER", "UPDATED"],
                ms => ms.Select(m => new[]
                {
                    m.Name, m.RiskTier, m.LatestVersion is { } v ? N(v) : "-", string.Join(", ", m.Aliases.Select(a => $"{a.Key}={N(a.Value)}")), m.Owner,
                    CliContext.Time(m.LastUpdatedTime),
                }))));

        var show = new Command("show", "Show a model's versions, or one version with its files and signature state") { RefArgument };
        show.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            var target = ModelRef.Parse(parse.GetValue(RefArgument)!);
            if (target.Version is null && target.Alias is null)
            {
                var versions = await c.ListVersionsAsync(target.Name, ct);
                return cli.Print(parse, versions, ["VERSION", "REGISTERED", "AUTHOR", "DIGEST", "ALIASES", "SOURCE"],
                    vs => vs.Select(v => new[] { N(v.Version), CliContext.Time(v.CreationTime), v.Author, v.Digest[..12], string.Join(", ", v.Aliases), v.Source }));
            }

            var version = await target.ResolveAsync(c, ct);
            var files = await c.ListVersionFilesAsync(version.Name, version.Version, ct);
            var check = await c.VerifyVersionAsync(version.Name, version.Version, ct);
            return cli.Print(parse, new { version, files, verification = check }, ["FIELD", "VALUE", ""], _ => DescribeVersion(version, files, check));
        }));

        var name = new Argument<string>("name") { Description = "Registered model name" };
        var source = new Option<string?>("--source") { Description = "runs:/<run>/<path> or models:/m-<id> — a tree Cairn holds" };
        var package = new Option<string?>("--package") { Description = "or upload a package: a directory (sent as tar.gz), or a .zip, .tar or .tar.gz file" };
        var description = new Option<string?>("--description") { Description = "Free text" };
        var tier = new Option<string?>("--risk-tier") { Description = "low, medium or high (when the model is created here)" };
        var register = new Command("register", "Register the next version of a model (creating the model when new)") { name, source, package, description, tier };
        register.Validators.Add(r =>
        {
            if ((r.GetValue(source) is null) == (r.GetValue(package) is null))
            {
                r.AddError("give exactly one of --source and --package");
            }
        });
        register.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            var model = parse.GetValue(name)!;
            if (parse.GetValue(package) is { } given && !File.Exists(given) && !Directory.Exists(given))
            {
                await cli.Error.WriteLineAsync($"cairn: --package: '{given}' is neither a file nor a directory");
                return ExitCodes.Usage;
            }

            try
            {
                _ = await c.GetModelAsync(model, ct);
            }
            catch (Client.CairnApiException e) when (e.Status == System.Net.HttpStatusCode.NotFound)
            {
                _ = await c.CreateModelAsync(new CreateModelRequest(model, null, parse.GetValue(tier)), ct);
            }

            var v = parse.GetValue(package) is { } local
                ? await UploadPackageAsync(c, model, local, parse.GetValue(description), ct)
                : await c.RegisterVersionAsync(model, new RegisterVersionRequest(parse.GetValue(source), null, parse.GetValue(description)), ct);
            if (!parse.GetValue(CliContext.JsonOption))
            {
                await cli.Output.WriteLineAsync($"Registered {v.Name} version {N(v.Version)}, digest sha256:{v.Digest}");
                return ExitCodes.Ok;
            }

            return cli.Print(parse, v, [], _ => []);
        }));

        return new Command("models", "Model registry")
        {
            list, show, register, Sign(cli), Verify(cli), Alias(cli), Approve(cli), Promotions(cli), Card(cli), Retention(cli), Gc(cli), Policy(cli),
        };
    }

    /// <summary>Sends an archive file as it is, or a directory packed into a gzip-compressed tar in a temporary file.</summary>
    internal static async Task<ModelVersionDto> UploadPackageAsync(Client.CairnClient c, string model, string local, string? description, CancellationToken ct)
    {
        if (File.Exists(local))
        {
            await using var archive = File.OpenRead(local);
            return await c.UploadVersionAsync(model, archive, description, ct);
        }

        await using var packed = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        await using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            await System.Formats.Tar.TarFile.CreateFromDirectoryAsync(local, gzip, includeBaseDirectory: false, ct);
        }

        packed.Position = 0;
        return await c.UploadVersionAsync(model, packed, description, ct);
    }

    private static IEnumerable<IReadOnlyList<string?>> DescribeVersion(ModelVersionDto v, ModelFileDto[] files, VerificationDto check)
    {
        yield return ["model", v.Name, ""];
        yield return ["version", N(v.Version), ""];
        yield return ["digest", "sha256:" + v.Digest, ""];
        yield return ["registered", $"{CliContext.Time(v.CreationTime)} by {v.Author}", ""];
        yield return ["source", v.Source, ""];
        yield return ["run", v.RunId ?? "-", ""];
        yield return ["aliases", v.Aliases.Count == 0 ? "-" : string.Join(", ", v.Aliases), ""];
        yield return ["integrity", check.Intact ? $"intact ({check.Files} files, {check.BytesVerified} bytes re-hashed)" : "TAMPERED: " + check.Problem, ""];
        yield return ["signature", check.Signed ? "valid" : check.SignatureRequired ? "MISSING (required by policy)" : "none", ""];
        foreach (var s in check.Signatures)
        {
            yield return ["signed by", $"{s.KeyName ?? "?"} ({s.KeyId})", s.State];
        }

        foreach (var f in files)
        {
            yield return ["file", f.Path, $"{f.Size} bytes sha256:{f.Sha256}"];
        }
    }

    internal static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
}
