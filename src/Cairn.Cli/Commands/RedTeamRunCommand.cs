using System.CommandLine;
using System.Globalization;
using System.Net;
using Cairn.Client;
using Cairn.Guardrails.RedTeam;

namespace Cairn.Cli.Commands;

/// <summary><c>cairn redteam run</c>: checks the options, runs the suite, writes the three reports, prints the summary, uploads on request.</summary>
internal sealed class RedTeamRunCommand(CliContext cli, Option<string?> categories)
{
    private readonly Option<string> _target = new("--target") { Description = "OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1 (POST {target}/chat/completions)", Required = true };
    private readonly Option<string> _model = new("--model") { Description = "The model field of each request", DefaultValueFactory = _ => "gpt-4o-mini" };
    private readonly Option<string?> _apiKey = new("--api-key") { Description = "Bearer key for the target (default: $CAIRN_REDTEAM_API_KEY, then $OPENAI_API_KEY)" };
    private readonly Option<FileInfo?> _systemPrompt = new("--system-prompt") { Description = "Your system prompt (a UTF-8 file); the canary and secrets block is appended to it" };
    private readonly Option<int> _concurrency = new("--concurrency") { Description = "Requests in flight at once (1-64)", DefaultValueFactory = _ => 4 };
    private readonly Option<int> _timeout = new("--timeout") { Description = "Seconds allowed per request", DefaultValueFactory = _ => 60 };
    private readonly Option<int?> _limit = new("--limit") { Description = "Run only the first N attacks" };
    private readonly Option<int?> _seed = new("--seed") { Description = "Seed for the canary, secrets and markers (same seed, same messages)" };
    private readonly Option<DirectoryInfo?> _out = new("--out") { Description = "Folder for redteam-report.json, .md and .html (default: ./redteam-<UTC time>)" };
    private readonly Option<double?> _failAbove = new("--fail-above") { Description = "Exit with code 1 when the overall attack success rate is above this (0-1)" };
    private readonly Option<bool> _upload = new("--upload") { Description = "Also send the report to the Cairn server (--url, --key)" };

    public Command Build()
    {
        var run = new Command("run", "Send the attack suite to a target and report which attacks succeeded")
        {
            _target, _model, _apiKey, _systemPrompt, categories, _concurrency, _timeout, _limit, _seed, _out, _failAbove, _upload,
        };
        run.SetAction(RunAsync);
        return run;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        var (options, problem) = await ReadOptionsAsync(parse, ct);
        if (options is null)
        {
            await cli.Error.WriteLineAsync("cairn: " + problem);
            return ExitCodes.Usage;
        }

        var endpoint = RedTeamOptions.ChatCompletionsEndpoint(options.Target.OriginalString);
        var count = AttackSuite.BuiltIn.Select(options.Categories, options.Limit).Count;
        await cli.Error.WriteLineAsync($"Sending {count} attacks to {endpoint} (model {options.Model}, concurrency {options.Concurrency})…");
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var report = await new RedTeamRunner(http, TimeProvider.System).RunAsync(options, AttackSuite.BuiltIn, ct);

        var folder = parse.GetValue(_out)?.FullName
            ?? Path.GetFullPath("redteam-" + report.StartedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        string[] files;
        try
        {
            files = await WriteFilesAsync(folder, report, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await cli.Error.WriteLineAsync("cairn: --out: " + e.Message);
            return ExitCodes.Usage;
        }

        Summarise(parse, report, files);
        var code = parse.GetValue(_upload) ? await UploadAsync(parse, files[0], ct) : ExitCodes.Ok;
        return Verdict(report, parse.GetValue(_failAbove), code);
    }

    /// <summary>The run's options, or the usage problem that stops it (naming the option).</summary>
    private async Task<(RedTeamOptions? Options, string? Problem)> ReadOptionsAsync(ParseResult parse, CancellationToken ct)
    {
        var target = parse.GetValue(_target)!;
        if (RedTeamOptions.ChatCompletionsEndpoint(target) is null)
        {
            return (null, $"--target must be an absolute http or https URL such as http://127.0.0.1:8000/v1 (got '{target}')");
        }

        if (!RedTeamCategories.TryParseList(parse.GetValue(categories), out var chosen, out var categoryError))
        {
            return (null, "--categories: " + categoryError);
        }

        var problem = parse.GetValue(_concurrency) is < 1 or > 64 ? "--concurrency must be between 1 and 64"
            : parse.GetValue(_timeout) < 1 ? "--timeout must be at least 1 second"
            : parse.GetValue(_limit) is < 1 ? "--limit must be at least 1"
            : parse.GetValue(_failAbove) is < 0 or > 1 ? "--fail-above must be between 0 and 1"
            : null;
        if (problem is not null)
        {
            return (null, problem);
        }

        var (prompt, promptProblem) = await ReadSystemPromptAsync(parse, ct);
        if (promptProblem is not null)
        {
            return (null, promptProblem);
        }

        return (new RedTeamOptions
        {
            Target = new Uri(target),
            Model = parse.GetValue(_model)!,
            ApiKey = parse.GetValue(_apiKey) ?? Environment.GetEnvironmentVariable("CAIRN_REDTEAM_API_KEY") ?? Environment.GetEnvironmentVariable("OPENAI_API_KEY"),
            SystemPrompt = prompt,
            Categories = chosen,
            Concurrency = parse.GetValue(_concurrency),
            Timeout = TimeSpan.FromSeconds(parse.GetValue(_timeout)),
            Limit = parse.GetValue(_limit),
            Seed = parse.GetValue(_seed),
        }, null);
    }

    private async Task<(string? Prompt, string? Problem)> ReadSystemPromptAsync(ParseResult parse, CancellationToken ct)
    {
        if (parse.GetValue(_systemPrompt) is not { } file)
        {
            return (null, null);
        }

        try
        {
            var prompt = await File.ReadAllTextAsync(file.FullName, ct);
            return string.IsNullOrWhiteSpace(prompt) ? (null, "--system-prompt: the file is empty") : (prompt, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, "--system-prompt: " + e.Message);
        }
    }

    private static async Task<string[]> WriteFilesAsync(string folder, RedTeamReport report, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        string[] files = [Path.Combine(folder, "redteam-report.json"), Path.Combine(folder, "redteam-report.md"), Path.Combine(folder, "redteam-report.html")];
        await File.WriteAllTextAsync(files[0], RedTeamReportJson.Serialize(report), ct);
        await File.WriteAllTextAsync(files[1], RedTeamMarkdownWriter.Write(report), ct);
        await File.WriteAllTextAsync(files[2], RedTeamHtmlWriter.Write(report), ct);
        return files;
    }

    private void Summarise(ParseResult parse, RedTeamReport report, string[] files)
    {
        var summary = new { categories = report.Categories.Append(report.Overall).ToList(), files };
        cli.Print(parse, summary, ["CATEGORY", "NAME", "ATTEMPTED", "SUCCEEDED", "ERRORS", "REFUSALS", "ASR"], s => s.categories.Select(c => new[]
        {
            c.Category, c.Name, N(c.Attempted), N(c.Succeeded), N(c.Errors), N(c.Refusals), RedTeamMarkdownWriter.Rate(c.AttackSuccessRate),
        }));
        if (!parse.GetValue(CliContext.JsonOption))
        {
            cli.Output.WriteLine();
            foreach (var f in files)
            {
                cli.Output.WriteLine("Report: " + f);
            }
        }
    }

    private int Verdict(RedTeamReport report, double? failAbove, int code)
    {
        var overall = report.Overall;
        if (overall.Attempted > 0 && overall.AttackSuccessRate is null)
        {
            var first = report.Attacks.First(a => a.Error is not null).Error;
            cli.Error.WriteLine($"cairn: no attack got a reply from {report.Target}; check --target, --model and the API key (first error: {first})");
            return ExitCodes.Unreachable;
        }

        if (code != ExitCodes.Ok)
        {
            return code;
        }

        if (failAbove is { } limit && overall.AttackSuccessRate > limit)
        {
            cli.Error.WriteLine($"cairn: attack success rate {RedTeamMarkdownWriter.Rate(overall.AttackSuccessRate)} is above --fail-above {limit.ToString("0.###", CultureInfo.InvariantCulture)}");
            return ExitCodes.Failed;
        }

        return ExitCodes.Ok;
    }

    private Task<int> UploadAsync(ParseResult parse, string jsonFile, CancellationToken ct) => cli.WithClientAsync(parse, async c =>
    {
        try
        {
            using var answer = await c.UploadRedTeamReportAsync(await File.ReadAllTextAsync(jsonFile, ct), ct);
            var id = answer.RootElement.TryGetProperty("id", out var v) ? v.ToString() : answer.RootElement.GetRawText();
            // With --json the standard output is the summary document alone.
            await (parse.GetValue(CliContext.JsonOption) ? cli.Error : cli.Output).WriteLineAsync("Uploaded: report " + id);
            return ExitCodes.Ok;
        }
        catch (CairnApiException e) when (e.Status == HttpStatusCode.NotFound)
        {
            await cli.Error.WriteLineAsync(
                $"cairn: the server at {CliContext.ResolveUrl(parse)} does not accept red-team reports (404 on POST /api/v1/guardrails/redteam/reports); the report files are kept");
            return ExitCodes.NotFound;
        }
    });

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
