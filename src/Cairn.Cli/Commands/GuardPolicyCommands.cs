using System.CommandLine;
using System.Globalization;

namespace Cairn.Cli.Commands;

/// <summary><c>cairn guard policy put|get|list</c> and <c>cairn guard check</c>: a project's policies on the server.</summary>
public static class GuardPolicyCommands
{
    public static Command Policy(CliContext cli)
    {
        var route = new Argument<string>("route") { Description = "The route the policy governs ('default' for routes without one)" };
        var file = new Argument<FileInfo>("file") { Description = "The policy, as YAML" };
        var put = new Command("put", "Store a route's policy (admin scope); a mistake is reported with its field and line") { route, file };
        put.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            var yaml = await File.ReadAllTextAsync(parse.GetValue(file)!.FullName, ct);
            using var d = await c.PutGuardrailPolicyAsync(parse.GetValue(route)!, yaml, ct);
            await cli.Output.WriteLineAsync($"{d.RootElement.GetProperty("route").GetString()} version {d.RootElement.GetProperty("version")}");
            return ExitCodes.Ok;
        }));
        var getRoute = new Argument<string>("route") { Description = "The route" };
        var get = new Command("get", "Print a route's policy YAML") { getRoute };
        get.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            using var d = await c.GetGuardrailPolicyAsync(parse.GetValue(getRoute)!, ct);
            await cli.Output.WriteAsync(d.RootElement.GetProperty("yaml").GetString());
            return ExitCodes.Ok;
        }));
        var list = new Command("list", "List the project's policies");
        list.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            using var d = await c.ListGuardrailPoliciesAsync(ct);
            return cli.Print(parse, d.RootElement, ["ROUTE", "VERSION", "UPDATED BY", "UPDATED"], e => e.EnumerateArray().Select(x => new[]
            {
                x.GetProperty("route").GetString(), x.GetProperty("version").ToString(), x.GetProperty("updated_by").GetString(),
                DateTimeOffset.FromUnixTimeMilliseconds(x.GetProperty("updated_at").GetInt64()).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            }));
        }));
        return new Command("policy", "Guardrail policies per route, stored on the server") { put, get, list };
    }

    public static Command Check(CliContext cli)
    {
        var file = new Argument<FileInfo>("file") { Description = "A UTF-8 text file, read whole" };
        var route = new Option<string>("--route") { Description = "The route whose policy runs", Required = true };
        var stage = new Option<string>("--stage") { Description = "input or output", DefaultValueFactory = _ => "input" };
        var check = new Command("check", "Run a route's policy on the server over a file; exit 1 when it blocks") { file, route, stage };
        check.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            var text = await File.ReadAllTextAsync(parse.GetValue(file)!.FullName, ct);
            using var d = await c.CheckGuardrailsAsync(parse.GetValue(route)!, parse.GetValue(stage)!, text, ct);
            var r = d.RootElement;
            cli.Print(parse, r, ["CHECK", "FIRED", "ACTION", "MS", "FINDINGS"], x => x.GetProperty("checks").EnumerateArray().Select(k => new[]
            {
                k.GetProperty("name").GetString(), k.GetProperty("fired").GetBoolean() ? "yes" : "no", k.GetProperty("action").GetString(),
                k.GetProperty("elapsed_ms").GetDouble().ToString("0.###", CultureInfo.InvariantCulture),
                string.Join(", ", k.GetProperty("findings").EnumerateArray().Take(5).Select(f => $"{f.GetProperty("label").GetString()}@{f.GetProperty("start")}")),
            }));
            if (!parse.GetValue(CliContext.JsonOption))
            {
                await cli.Output.WriteLineAsync($"verdict: {r.GetProperty("action").GetString()}");
                if (r.GetProperty("text").ValueKind == System.Text.Json.JsonValueKind.String)
                {
                    await cli.Output.WriteLineAsync(r.GetProperty("text").GetString());
                }
            }

            return r.GetProperty("allowed").GetBoolean() ? ExitCodes.Ok : ExitCodes.Failed;
        }));
        return check;
    }
}
