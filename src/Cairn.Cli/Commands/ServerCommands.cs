using System.CommandLine;
using Cairn.Server;
using Cairn.Storage.Sql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cairn.Cli.Commands;

/// <summary><c>cairn server</c>, <c>cairn db upgrade</c> and <c>cairn login</c>.</summary>
public static class ServerCommands
{
    public static Command Server(CliContext cli)
    {
        var storage = new StorageArguments();
        var urls = new Option<string?>("--urls") { Description = "Where to listen (default http://127.0.0.1:5000)" };
        var command = new Command("server", "Run the Cairn server (API and web UI); other --Section:Key=value settings pass through") { urls };
        storage.AddTo(command);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) =>
        {
            var args = storage.ToArgs(parse);
            if (parse.GetValue(urls) is { } u)
            {
                args.AddRange(["--urls", u]);
            }

            args.AddRange(parse.UnmatchedTokens);
            return CairnServer.RunAsync([.. args], cli.Output, cli.Error, ct);
        });
        return command;
    }

    public static Command Db(CliContext cli)
    {
        var storage = new StorageArguments();
        var upgrade = new Command("upgrade", "Apply pending database migrations");
        storage.AddTo(upgrade);
        upgrade.SetAction(async (parse, ct) =>
        {
            try
            {
                await using var services = storage.BuildStorage(parse);
                var runner = services.GetRequiredService<MigrationRunner>();
                var applied = await runner.UpgradeAsync(ct);
                await cli.Output.WriteLineAsync(applied.Count == 0
                    ? $"Schema is current (version {runner.Expected.Count})."
                    : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}. Schema version {runner.Expected.Count}.");
                return ExitCodes.Ok;
            }
            catch (OptionsValidationException e)
            {
                await cli.Error.WriteLineAsync("cairn: invalid configuration:\n  " + string.Join("\n  ", e.Failures));
                return ExitCodes.Usage;
            }
        });
        return new Command("db", "Database administration") { upgrade };
    }

    public static Command Login(CliContext cli)
    {
        var login = new Command("login", "Check a key against a server and save both for later commands");
        login.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            var me = await c.GetMeAsync(ct);
            new CliConfig(CliContext.ResolveUrl(parse), CliContext.ResolveKey(parse)).Save();
            await cli.Output.WriteLineAsync($"Signed in to {CliContext.ResolveUrl(parse)} as {me.Principal} (project {me.Project}, {me.Role}). Saved to {CliConfig.PathOf()}.");
            return ExitCodes.Ok;
        }));
        return login;
    }
}
