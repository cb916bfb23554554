using System.CommandLine;
using System.Globalization;
using Cairn.Client.Contracts;

namespace Cairn.Cli.Commands;

/// <summary><c>cairn experiments list</c>, <c>cairn runs list|show|compare</c>.</summary>
public static class TrackingCommands
{
    public static Command Experiments(CliContext cli)
    {
        var filter = new Option<string?>("--filter") { Description = "e.g. \"name LIKE 'fraud%'\"" };
        var list = new Command("list", "List the experiments of your key's project") { filter };
        list.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
            cli.Print(parse, await c.ListExperimentsAsync(parse.GetValue(filter), ct), ["ID", "NAME", "STAGE", "CREATED"],
                es => es.Select(e => new[] { e.Id.ToString(CultureInfo.InvariantCulture), e.Name, e.LifecycleStage, CliContext.Time(e.CreationTime) }))));
        return new Command("experiments", "Experiments") { list };
    }

    public static Command Runs(CliContext cli)
    {
        var experiment = new Option<long>("--experiment", "-e") { Description = "Experiment id (default 0, the project's Default)" };
        var filter = new Option<string?>("--filter") { Description = "MLflow filter, e.g. \"metrics.acc > 0.9 and params.lr = '0.01'\"" };
        var orderBy = new Option<string[]>("--order-by") { Description = "e.g. \"metrics.acc DESC\" (repeatable)", AllowMultipleArgumentsPerToken = false };
        var max = new Option<int>("-n", "--max-results") { Description = "Runs to show", DefaultValueFactory = _ => 50 };
        var list = new Command("list", "Search an experiment's runs") { experiment, filter, orderBy, max };
        list.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            var page = await c.SearchRunsAsync(parse.GetValue(experiment), parse.GetValue(filter), parse.GetValue(orderBy), parse.GetValue(max), null, ct);
            var metricKeys = page.Runs.SelectMany(r => r.Metrics.Keys).Distinct().Order(StringComparer.Ordinal).Take(6).ToList();
            return cli.Print(parse, page, ["RUN", "NAME", "STATUS", "START", .. metricKeys],
                p => p.Runs.Select(r => (IReadOnlyList<string?>)[r.Id, r.Name, r.Status, CliContext.Time(r.StartTime), .. metricKeys.Select(k => r.Metrics.TryGetValue(k, out var m) ? Number(m.Value) : "-")]));
        }));

        var runId = new Argument<string>("run") { Description = "Run id" };
        var show = new Command("show", "Show a run's info, params, metrics and tags") { runId };
        show.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            var run = await c.GetRunAsync(parse.GetValue(runId)!, ct);
            return cli.Print(parse, run, ["FIELD", "KEY", "VALUE"], r => Describe(r));
        }));

        var runIds = new Argument<string[]>("runs") { Description = "Two or more run ids", Arity = new ArgumentArity(2, 20) };
        var compare = new Command("compare", "Compare params and latest metrics of runs side by side ('*' marks differences)") { runIds };
        compare.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            var runs = new List<RunDto>();
            foreach (var id in parse.GetValue(runIds)!)
            {
                runs.Add(await c.GetRunAsync(id, ct));
            }

            return cli.Print(parse, runs, ["", "KEY", .. runs.Select(r => r.Name)], rs => Compare(rs));
        }));

        return new Command("runs", "Runs") { list, show, compare };
    }

    private static IEnumerable<IReadOnlyList<string?>> Describe(RunDto r)
    {
        yield return ["info", "id", r.Id];
        yield return ["info", "name", r.Name];
        yield return ["info", "experiment", r.ExperimentId.ToString(CultureInfo.InvariantCulture)];
        yield return ["info", "status", r.Status];
        yield return ["info", "start", CliContext.Time(r.StartTime)];
        yield return ["info", "end", CliContext.Time(r.EndTime)];
        yield return ["info", "artifacts", r.ArtifactUri];
        foreach (var (k, v) in r.Params.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            yield return ["param", k, v];
        }

        foreach (var (k, m) in r.Metrics.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            yield return ["metric", k, $"{Number(m.Value)} (step {m.Step})"];
        }

        foreach (var (k, v) in r.Tags.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            yield return ["tag", k, v];
        }
    }

    private static IEnumerable<IReadOnlyList<string?>> Compare(IReadOnlyList<RunDto> runs)
    {
        foreach (var key in runs.SelectMany(r => r.Params.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var values = runs.Select(r => r.Params.TryGetValue(key, out var v) ? v : "-").ToList();
            yield return [values.Distinct().Count() > 1 ? "param *" : "param", key, .. values];
        }

        foreach (var key in runs.SelectMany(r => r.Metrics.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var values = runs.Select(r => r.Metrics.TryGetValue(key, out var m) ? Number(m.Value) : "-").ToList();
            yield return [values.Distinct().Count() > 1 ? "metric *" : "metric", key, .. values];
        }
    }

    internal static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
