using System.CommandLine;
using System.Globalization;

namespace Cairn.Cli.Commands;

/// <summary><c>cairn artifacts ls|get</c>.</summary>
public static class ArtifactCommands
{
    public static Command Artifacts(CliContext cli)
    {
        var run = new Argument<string>("run") { Description = "Run id" };
        var path = new Argument<string?>("path") { Description = "Directory inside the run's artifacts", Arity = ArgumentArity.ZeroOrOne };
        var ls = new Command("ls", "List a run's artifacts") { run, path };
        ls.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
            cli.Print(parse, await c.ListArtifactsAsync(parse.GetValue(run)!, parse.GetValue(path), ct), ["PATH", "SIZE"],
                files => files.Select(f => new[] { f.IsDir ? f.Path + "/" : f.Path, f.Size?.ToString(CultureInfo.InvariantCulture) ?? "-" }))));

        var getRun = new Argument<string>("run") { Description = "Run id" };
        var file = new Argument<string>("path") { Description = "File inside the run's artifacts" };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write it ('-' for standard output; default: the file's name here)" };
        var get = new Command("get", "Download one artifact") { getRun, file, output };
        get.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            var source = parse.GetValue(file)!;
            await using var content = await c.DownloadArtifactAsync(parse.GetValue(getRun)!, source, ct);
            var target = parse.GetValue(output) ?? source[(source.LastIndexOf('/') + 1)..];
            if (target == "-")
            {
                using var reader = new StreamReader(content);
                await cli.Output.WriteAsync(await reader.ReadToEndAsync(ct));
                return ExitCodes.Ok;
            }

            await using (var stream = File.Create(target))
            {
                await content.CopyToAsync(stream, ct);
            }

            await cli.Error.WriteLineAsync($"wrote {target} ({new FileInfo(target).Length} bytes)");
            return ExitCodes.Ok;
        }));

        return new Command("artifacts", "Run artifacts") { ls, get };
    }
}
