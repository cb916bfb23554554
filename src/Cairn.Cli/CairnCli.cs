using System.CommandLine;
using Cairn.Cli.Commands;

namespace Cairn.Cli;

/// <summary>The <c>cairn</c> command tree. Exit codes are listed in <see cref="ExitCodes"/>.</summary>
public static class CairnCli
{
    public static RootCommand Build(CliContext cli)
    {
        var root = new RootCommand("Cairn: ML models and LLM applications from experiment to production.")
        {
            CliContext.UrlOption,
            CliContext.KeyOption,
            CliContext.JsonOption,
            ServerCommands.Server(cli),
            ServerCommands.Login(cli),
            ServerCommands.Db(cli),
            ProjectCommands.Projects(cli),
            ProjectCommands.Members(cli),
            KeyCommands.Keys(cli),
            AuditCommands.Audit(cli),
            TrackingCommands.Experiments(cli),
            TrackingCommands.Runs(cli),
            ArtifactCommands.Artifacts(cli),
            ModelCommands.Models(cli),
            SigningKeyCommands.SigningKeys(cli),
            DeployCommands.Deploy(cli),
            DeployCommands.Predict(cli),
            MetricCommands.Metrics(cli),
            EvalCommands.Datasets(cli),
            EvalCommands.Eval(cli),
            GuardCommands.Guard(cli),
            RedTeamCommands.RedTeam(cli),
        };
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var cli = new CliContext(output, error);
        var parse = Build(cli).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                await error.WriteLineAsync("cairn: " + e.Message).ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run 'cairn --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, ct).ConfigureAwait(false);
    }
}
