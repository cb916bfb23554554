using System.CommandLine;
using Cairn.Client.Contracts;

namespace Cairn.Cli.Commands;

/// <summary><c>cairn keys create|list|revoke</c>.</summary>
public static class KeyCommands
{
    public static Command Keys(CliContext cli)
    {
        var project = ProjectCommands.ProjectOption();
        var list = new Command("list", "List a project's keys") { project };
        list.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
            cli.Print(parse, await c.ListKeysAsync(await ProjectCommands.ProjectOf(parse, project, c, ct), ct),
                ["ID", "NAME", "HOLDER", "PREFIX", "SCOPES", "CREATED", "EXPIRES", "STATE"],
                ks => ks.Select(k => new[]
                {
                    k.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), k.Name, k.Principal, k.Prefix, string.Join(',', k.Scopes),
                    CliContext.Time(k.CreatedAt), CliContext.Time(k.ExpiresAt), k.RevokedAt is null ? "active" : "revoked",
                }))));

        var name = new Option<string>("--name") { Description = "A label for the key", Required = true };
        var scopes = new Option<string>("--scopes") { Description = "Comma-separated: read, write, deploy, admin, deanonymize", DefaultValueFactory = _ => "read" };
        var principal = new Option<string?>("--principal") { Description = "Holder, a member of the project (default: you)" };
        var expires = new Option<int?>("--expires-in-days") { Description = "Lifetime in days (default: no expiry)" };
        var create = new Command("create", "Create a key; its secret is printed once") { project, name, scopes, principal, expires };
        create.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            var request = new CreateKeyRequest(
                parse.GetValue(name), parse.GetValue(scopes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                parse.GetValue(principal), parse.GetValue(expires));
            var created = await c.CreateKeyAsync(await ProjectCommands.ProjectOf(parse, project, c, ct), request, ct);
            if (parse.GetValue(CliContext.JsonOption))
            {
                return cli.Print(parse, created, [], _ => []);
            }

            await cli.Output.WriteLineAsync($"Created key {created.Key.Id} for {created.Key.Principal} in {created.Key.Project} ({string.Join(',', created.Key.Scopes)}).");
            await cli.Output.WriteLineAsync("Secret (shown only once):");
            await cli.Output.WriteLineAsync(created.Secret);
            return ExitCodes.Ok;
        }));

        var id = new Argument<long>("id") { Description = "Key id (see 'cairn keys list')" };
        var revoke = new Command("revoke", "Revoke a key") { project, id };
        revoke.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            await c.RevokeKeyAsync(await ProjectCommands.ProjectOf(parse, project, c, ct), parse.GetValue(id), ct);
            await cli.Output.WriteLineAsync($"Revoked key {parse.GetValue(id)}.");
            return ExitCodes.Ok;
        }));

        return new Command("keys", "API keys") { create, list, revoke };
    }
}
