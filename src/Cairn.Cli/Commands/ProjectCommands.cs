using System.CommandLine;

namespace Cairn.Cli.Commands;

/// <summary><c>cairn projects list|create</c> and <c>cairn members list|set|remove</c>.</summary>
public static class ProjectCommands
{
    public static Command Projects(CliContext cli)
    {
        var list = new Command("list", "List the projects your key can see");
        list.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
            cli.Print(parse, await c.ListProjectsAsync(ct), ["NAME", "DESCRIPTION", "CREATED", "BY"],
                ps => ps.Select(p => new[] { p.Name, p.Description, CliContext.Time(p.CreatedAt), p.CreatedBy }))));

        var name = new Argument<string>("name") { Description = "Project slug (a-z, 0-9, '.', '_', '-')" };
        var description = new Option<string?>("--description") { Description = "Free text" };
        var create = new Command("create", "Create a project (instance administrators)") { name, description };
        create.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            var p = await c.CreateProjectAsync(parse.GetValue(name)!, parse.GetValue(description), ct);
            return cli.Print(parse, p, ["NAME", "DESCRIPTION"], x => [[x.Name, x.Description]]);
        }));

        return new Command("projects", "Projects") { list, create };
    }

    public static Command Members(CliContext cli)
    {
        var project = ProjectOption();
        var list = new Command("list", "List a project's members") { project };
        list.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
            cli.Print(parse, await c.ListMembersAsync(await ProjectOf(parse, project, c, ct), ct), ["PRINCIPAL", "ROLE", "SINCE"],
                ms => ms.Select(m => new[] { m.Principal, m.Role, CliContext.Time(m.CreatedAt) }))));

        var principal = new Argument<string>("principal") { Description = "Principal name" };
        var role = new Argument<string>("role") { Description = "viewer, editor, approver or owner" };
        var set = new Command("set", "Grant or change a role") { project, principal, role };
        set.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            var m = await c.SetMemberAsync(await ProjectOf(parse, project, c, ct), parse.GetValue(principal)!, parse.GetValue(role)!, ct);
            return cli.Print(parse, m, ["PRINCIPAL", "ROLE"], x => [[x.Principal, x.Role]]);
        }));

        var removed = new Argument<string>("principal") { Description = "Principal name" };
        var remove = new Command("remove", "Remove a member and revoke their keys in the project") { project, removed };
        remove.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            await c.RemoveMemberAsync(await ProjectOf(parse, project, c, ct), parse.GetValue(removed)!, ct);
            return ExitCodes.Ok;
        }));

        return new Command("members", "Project members and roles") { list, set, remove };
    }

    /// <summary>The <c>--project</c> option; defaults to the key's own project.</summary>
    public static Option<string?> ProjectOption() => new("--project", "-p") { Description = "Project (default: the key's project)" };

    /// <summary>The project named on the command line, or the key's own.</summary>
    public static async Task<string> ProjectOf(ParseResult parse, Option<string?> option, Cairn.Client.CairnClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(client);
        return parse.GetValue(option) ?? (await client.GetMeAsync(ct)).Project;
    }
}
