using System.CommandLine;
using System.Globalization;
using Cairn.Client.Contracts;
using Cairn.Client;
using Cairn.Core.Storage;
using Cairn.Governance.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Cairn.Cli.Commands;

/// <summary><c>cairn audit verify|tail</c>.</summary>
public static class AuditCommands
{
    public static Command Audit(CliContext cli)
    {
        var storage = new StorageArguments();
        var verify = new Command("verify", "Walk the audit hash chain and name the first broken link (exit 3 when broken). With storage options it reads the database directly.");
        storage.AddTo(verify);
        verify.SetAction(async (parse, ct) =>
        {
            if (storage.AnyGiven(parse))
            {
                await using var services = storage.BuildStorage(parse);
                var result = await AuditService.VerifyAsync(services.GetRequiredService<IAuditStore>(), ct);
                return Report(cli, parse, new AuditVerificationDto(result.Intact, result.EventsChecked, result.HeadSeq, result.HeadHash, result.BrokenAtSeq, result.Problem));
            }

            return await cli.WithClientAsync(parse, async c => Report(cli, parse, await c.VerifyAuditAsync(ct)));
        });

        var count = new Option<int>("-n", "--lines") { Description = "How many recent events", DefaultValueFactory = _ => 20 };
        var project = new Option<string?>("--project", "-p") { Description = "Only this project (administrators)" };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new events" };
        var tail = new Command("tail", "Print recent audit events, oldest first") { count, project, follow };
        tail.SetAction((parse, ct) => cli.WithClientAsync(parse, c => TailAsync(cli, parse, c, parse.GetValue(count), parse.GetValue(project), parse.GetValue(follow), ct)));

        return new Command("audit", "The tamper-evident audit log") { verify, tail };
    }

    private static int Report(CliContext cli, ParseResult parse, AuditVerificationDto v)
    {
        cli.Print(parse, v, ["INTACT", "EVENTS", "HEAD", "BROKEN AT", "PROBLEM"], x =>
            [[x.Intact ? "yes" : "NO", x.EventsChecked.ToString(CultureInfo.InvariantCulture), x.HeadSeq.ToString(CultureInfo.InvariantCulture),
              x.BrokenAtSeq?.ToString(CultureInfo.InvariantCulture) ?? "-", x.Problem ?? "-"]]);
        return v.Intact ? ExitCodes.Ok : ExitCodes.AuditBroken;
    }

    private static async Task<int> TailAsync(CliContext cli, ParseResult parse, CairnClient client, int count, string? project, bool follow, CancellationToken ct)
    {
        var events = await client.ListAuditEventsAsync(new AuditFilter(project, Limit: Math.Clamp(count, 1, 1000)), ct);
        var last = Print(cli, parse, events.Reverse().ToArray(), header: true);
        while (follow && !ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var fresh = (await client.ListAuditEventsAsync(new AuditFilter(project, Limit: 1000), ct)).Where(e => e.Seq > last).Reverse().ToArray();
            last = Math.Max(last, Print(cli, parse, fresh, header: false));
        }

        return ExitCodes.Ok;
    }

    private static long Print(CliContext cli, ParseResult parse, AuditEventDto[] events, bool header)
    {
        if (parse.GetValue(CliContext.JsonOption))
        {
            foreach (var e in events)
            {
                cli.Output.WriteLine(System.Text.Json.JsonSerializer.Serialize(e, CairnJson.Options));
            }
        }
        else if (header || events.Length > 0)
        {
            var rows = events.Select(e => new[]
            {
                e.Seq.ToString(CultureInfo.InvariantCulture), CliContext.Time(e.OccurredAt), e.Actor, e.Project, e.Action, e.Target, e.Outcome, e.Detail,
            });
            var lines = new StringWriter();
            TableWriter.Write(lines, ["SEQ", "TIME", "ACTOR", "PROJECT", "ACTION", "TARGET", "OUTCOME", "DETAIL"], rows);
            var text = lines.ToString();
            cli.Output.Write(header ? text : text[(text.IndexOf('\n', StringComparison.Ordinal) + 1)..]);
        }

        return events.Length == 0 ? 0 : events.Max(e => e.Seq);
    }
}
