using System.CommandLine;
using System.Globalization;
using Cairn.Core.Errors;
using Cairn.Guardrails.Pii;

namespace Cairn.Cli.Commands;

/// <summary><c>cairn guard scan FILE</c>: PII in a file, found locally by the same recognizers as the API.</summary>
public static class GuardCommands
{
    public static Command Guard(CliContext cli)
    {
        var file = new Argument<FileInfo>("file") { Description = "A UTF-8 text file" };
        var entities = new Option<string[]>("--entities") { Description = "Only these entity types", AllowMultipleArgumentsPerToken = true };
        var threshold = new Option<double>("--threshold") { Description = "Lowest score reported (0-1)", DefaultValueFactory = _ => 0.5 };
        var anonymize = new Option<bool>("--anonymize") { Description = "Print the text with each entity replaced by <TYPE>" };
        var fail = new Option<bool>("--fail-on-findings") { Description = "Exit with code 1 when anything is found (for pipelines)" };
        var scan = new Command("scan", "Find personal data in a file: emails, cards, IBANs, SSNs, IPs, MACs, URLs, crypto addresses, dates of birth")
        {
            file, entities, threshold, anonymize, fail,
        };
        scan.SetAction(async (parse, ct) =>
        {
            try
            {
                var text = await File.ReadAllTextAsync(parse.GetValue(file)!.FullName, ct);
                var types = parse.GetValue(entities) is { Length: > 0 } e ? e : null;
                var found = PiiAnalyzer.Default.Analyze(text, types, parse.GetValue(threshold));
                if (parse.GetValue(anonymize))
                {
                    await cli.Output.WriteAsync(Anonymizer.Anonymize(text, found, new Dictionary<string, AnonymizeOperator>()));
                }
                else
                {
                    var lineStarts = new List<int> { 0 };
                    for (var i = text.IndexOf('\n', StringComparison.Ordinal); i >= 0; i = text.IndexOf('\n', i + 1))
                    {
                        lineStarts.Add(i + 1);
                    }

                    int Line(int at)
                    {
                        var k = lineStarts.BinarySearch(at);
                        return (k >= 0 ? k : ~k - 1) + 1;
                    }

                    cli.Print(parse, found.Select(f => new { type = f.Type, start = f.Start, end = f.End, score = f.Score, text = text[f.Start..f.End] }).ToList(),
                        ["TYPE", "LINE", "SCORE", "TEXT"], list => list.Select(f => new[]
                        {
                            f.type, Line(f.start).ToString(CultureInfo.InvariantCulture), f.score.ToString("0.##", CultureInfo.InvariantCulture), f.text,
                        }));
                }

                return found.Count > 0 && parse.GetValue(fail) ? ExitCodes.Failed : ExitCodes.Ok;
            }
            catch (Exception e) when (e is CairnException or IOException or UnauthorizedAccessException)
            {
                await cli.Error.WriteLineAsync("cairn: " + e.Message);
                return ExitCodes.Usage;
            }
        });
        return new Command("guard", "Guardrails: scan text for personal data and prompt injection, train the injection classifier")
        {
            scan, GuardInjectionCommands.Detect(cli), GuardInjectionCommands.Train(cli), GuardInjectionCommands.EvalPii(cli),
            GuardPolicyCommands.Policy(cli), GuardPolicyCommands.Check(cli),
        };
    }
}
