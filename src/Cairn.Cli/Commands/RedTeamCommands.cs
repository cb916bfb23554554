using System.CommandLine;
using Cairn.Guardrails.RedTeam;

namespace Cairn.Cli.Commands;

/// <summary>
/// <c>cairn redteam run|attacks</c>: the built-in OWASP LLM01/LLM02/LLM07 attacks against an OpenAI-compatible
/// endpoint, judged by deterministic detectors, reported as JSON, Markdown and HTML (see docs/redteam.md).
/// </summary>
public static class RedTeamCommands
{
    public static Command RedTeam(CliContext cli)
    {
        var categories = CategoriesOption();
        var attacks = new Command("attacks", "List the built-in attack suite") { categories };
        attacks.SetAction(async (parse, ct) =>
        {
            if (!RedTeamCategories.TryParseList(parse.GetValue(categories), out var chosen, out var error))
            {
                await cli.Error.WriteLineAsync("cairn: --categories: " + error);
                return ExitCodes.Usage;
            }

            return cli.Print(parse, AttackSuite.BuiltIn.Select(chosen), ["ID", "CATEGORY", "TECHNIQUE", "TITLE"],
                list => list.Select(a => new[] { a.Id, a.Category, a.Technique, a.Title }));
        });
        return new Command("redteam", "Red-team an LLM endpoint: prompt injection, sensitive information disclosure, system prompt leakage")
        {
            new RedTeamRunCommand(cli, CategoriesOption()).Build(), attacks,
        };
    }

    private static Option<string?> CategoriesOption() => new("--categories") { Description = "Comma-separated OWASP categories: LLM01,LLM02,LLM07 (default: all)" };
}
