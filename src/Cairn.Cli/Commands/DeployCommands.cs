using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Cairn.Client.Contracts;

namespace Cairn.Cli.Commands;

/// <summary><c>cairn deploy create|list|show|delete</c> and <c>cairn predict</c>.</summary>
public static class DeployCommands
{
    public static Command Deploy(CliContext cli)
    {
        var list = new Command("list", "List deployments with readiness and recent latency");
        list.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
            cli.Print(parse, await c.ListDeploymentsAsync(ct), ["NAME", "MODEL", "VERSION", "READY", "REQUESTS", "ERRORS", "P50 MS", "P99 MS", "BATCHING"],
                ds => ds.Select(d => new[]
                {
                    d.Name, d.Model, N(d.Version), d.Ready ? "yes" : "NO: " + d.Problem, N(d.Requests), N(d.Errors), Ms(d.LatencyP50Ms), Ms(d.LatencyP99Ms),
                    d.Batching ? $"up to {d.Settings.MaxBatchSize}" : "-",
                }))));

        var nameArgument = new Argument<string>("name") { Description = "Deployment name" };
        var show = new Command("show", "Show a deployment, its signature and settings") { nameArgument };
        show.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            var d = await c.GetDeploymentAsync(parse.GetValue(nameArgument)!, ct);
            return cli.Print(parse, d, ["FIELD", "VALUE"], _ => Describe(d));
        }));

        var delete = new Command("delete", "Unload and remove a deployment") { nameArgument };
        delete.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            await c.DeleteDeploymentAsync(parse.GetValue(nameArgument)!, ct);
            await cli.Output.WriteLineAsync($"Deleted deployment {parse.GetValue(nameArgument)}");
            return ExitCodes.Ok;
        }));

        return new Command("deploy", "Serve registry versions: create, list, show and delete deployments") { Create(cli), list, show, delete };
    }

    public static Command Predict(CliContext cli)
    {
        var deployment = new Argument<string>("deployment") { Description = "Deployment name" };
        var input = new Option<FileInfo?>("--input", "-i")
        {
            Description = "A .json file (an Open Inference Protocol request with \"inputs\", or any MLflow scoring format) or a .csv file with a header row",
        };
        var image = new Option<FileInfo?>("--image") { Description = "A PNG file, for an OCR deployment" };
        var predict = new Command("predict", "Send one request to a deployment and print the answer") { deployment, input, image };
        predict.Validators.Add(r =>
        {
            if ((r.GetValue(input) is null) == (r.GetValue(image) is null))
            {
                r.AddError("give exactly one of --input and --image");
            }
        });
        predict.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            var file = (parse.GetValue(input) ?? parse.GetValue(image))!;
            if (!file.Exists)
            {
                await cli.Error.WriteLineAsync($"cairn: '{file.FullName}' does not exist");
                return ExitCodes.Usage;
            }

            var bytes = await File.ReadAllBytesAsync(file.FullName, ct);
            var name = parse.GetValue(deployment)!;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            JsonDocument answer;
            if (parse.GetValue(image) is not null)
            {
                answer = await c.ScoreAsync(name, Body(bytes, "image/png"), ct);
            }
            else if (file.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase))
            {
                answer = await c.ScoreAsync(name, Body(bytes, "text/csv"), ct);
            }
            else if (IsOpenInference(bytes))
            {
                using var request = JsonDocument.Parse(bytes);
                answer = await c.InferAsync(name, request.RootElement, ct);
            }
            else
            {
                answer = await c.ScoreAsync(name, Body(bytes, "application/json"), ct);
            }

            using (answer)
            {
                await cli.Output.WriteLineAsync(JsonSerializer.Serialize(answer.RootElement, Indented));
            }

            if (!parse.GetValue(CliContext.JsonOption))
            {
                await cli.Error.WriteLineAsync($"({System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms)");
            }

            return ExitCodes.Ok;
        }));
        return predict;
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static Command Create(CliContext cli)
    {
        var name = new Argument<string>("name") { Description = "Deployment name: a-z, 0-9, '-', '_', '.'" };
        var model = new Option<string?>("--model") { Description = "Registered model (default: the deployment's name with --onnx)" };
        var version = new Option<long?>("--version") { Description = "Version number" };
        var alias = new Option<string?>("--alias") { Description = "or an alias, resolved once now" };
        var onnx = new Option<FileInfo?>("--onnx") { Description = "or a local .onnx file: registered as the next version of --model (as model.onnx), then deployed" };
        var file = new Option<string?>("--file") { Description = "The .onnx file inside the version, when it holds several" };
        var task = new Option<string?>("--task") { Description = "tensor (default) or ocr" };
        var detector = new Option<string?>("--ocr-detector") { Description = "For --task ocr: a text detector .onnx inside the version (pages instead of single lines)" };
        var dictionary = new Option<string?>("--ocr-dictionary") { Description = "For --task ocr: the recogniser's dictionary inside the version (default: its only .txt)" };
        var maxRows = new Option<int?>("--max-rows") { Description = "Most rows in one request (default 10000)" };
        var timeout = new Option<int?>("--timeout-ms") { Description = "A request's run is terminated after this long (default 10000)" };
        var concurrency = new Option<int?>("--max-concurrency") { Description = "Runs in flight at once (default 64)" };
        var queue = new Option<int?>("--max-queue") { Description = "Requests waiting beyond those; more get 429 (default 256)" };
        var batch = new Option<int?>("--max-batch-size") { Description = "Dynamic batching: rows stacked into one run (default 0, off)" };
        var delay = new Option<double?>("--max-queue-delay-ms") { Description = "Dynamic batching: how long a batch waits to fill (default 2)" };
        var nan = new Option<string?>("--nan-policy") { Description = "reject (default) or allow" };
        var create = new Command("create", "Deploy a registry version (or a local .onnx file) and load it")
        {
            name, model, version, alias, onnx, file, task, detector, dictionary, maxRows, timeout, concurrency, queue, batch, delay, nan,
        };
        create.Validators.Add(r =>
        {
            var sources = (r.GetValue(version) is null ? 0 : 1) + (r.GetValue(alias) is null ? 0 : 1) + (r.GetValue(onnx) is null ? 0 : 1);
            if (sources != 1)
            {
                r.AddError("give exactly one of --version, --alias and --onnx");
            }
            else if (r.GetValue(onnx) is null && r.GetValue(model) is null)
            {
                r.AddError("--model is required with --version or --alias");
            }
        });
        create.SetAction((parse, ct) => cli.WithClientAsync(parse, async c =>
        {
            var deployment = parse.GetValue(name)!;
            var modelName = parse.GetValue(model) ?? deployment;
            var number = parse.GetValue(version);
            if (parse.GetValue(onnx) is { } local)
            {
                if (!local.Exists)
                {
                    await cli.Error.WriteLineAsync($"cairn: --onnx: '{local.FullName}' does not exist");
                    return ExitCodes.Usage;
                }

                number = (await RegisterFileAsync(c, modelName, local, ct)).Version;
            }

            var settings = new DeploymentSettingsDto(
                parse.GetValue(maxRows), null, parse.GetValue(nan), parse.GetValue(timeout), parse.GetValue(concurrency), parse.GetValue(queue),
                parse.GetValue(batch), parse.GetValue(delay), parse.GetValue(task), parse.GetValue(dictionary), parse.GetValue(detector));
            var d = await c.CreateDeploymentAsync(new CreateDeploymentRequest(deployment, modelName, number, parse.GetValue(alias), parse.GetValue(file), settings), ct);
            if (parse.GetValue(CliContext.JsonOption))
            {
                return cli.Print(parse, d, [], _ => []);
            }

            await cli.Output.WriteLineAsync(d.Ready
                ? $"Deployed {d.Model} version {N(d.Version)} ({d.File}) as {d.Name}: ready"
                : $"Deployed {d.Model} version {N(d.Version)} ({d.File}) as {d.Name}: NOT READY: {d.Problem}");
            return d.Ready ? ExitCodes.Ok : ExitCodes.Failed;
        }));
        return create;
    }

    /// <summary>Registers a single .onnx file as the next version of the model (creating the model when new).</summary>
    private static async Task<ModelVersionDto> RegisterFileAsync(Client.CairnClient c, string model, FileInfo onnx, CancellationToken ct)
    {
        try
        {
            _ = await c.GetModelAsync(model, ct);
        }
        catch (Client.CairnApiException e) when (e.Status == System.Net.HttpStatusCode.NotFound)
        {
            _ = await c.CreateModelAsync(new CreateModelRequest(model), ct);
        }

        var staging = Directory.CreateTempSubdirectory("cairn-deploy-");
        try
        {
            onnx.CopyTo(Path.Combine(staging.FullName, "model.onnx"));
            return await ModelCommands.UploadPackageAsync(c, model, staging.FullName, "deployed from " + onnx.Name, ct);
        }
        finally
        {
            staging.Delete(recursive: true);
        }
    }

    private static bool IsOpenInference(byte[] json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("inputs", out var inputs)
                && inputs.ValueKind == JsonValueKind.Array && inputs.EnumerateArray().All(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty("datatype", out _));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static ByteArrayContent Body(byte[] bytes, string type)
    {
        var body = new ByteArrayContent(bytes);
        body.Headers.ContentType = new MediaTypeHeaderValue(type);
        return body;
    }

    private static IEnumerable<IReadOnlyList<string?>> Describe(DeploymentDto d)
    {
        yield return ["name", d.Name];
        yield return ["model", $"{d.Model} version {N(d.Version)} ({d.File})"];
        yield return ["ready", d.Ready ? "yes" : "NO: " + d.Problem];
        yield return ["task", d.Settings.Task ?? "tensor"];
        yield return ["served", $"{N(d.Requests)} requests, {N(d.Errors)} errors, p50 {Ms(d.LatencyP50Ms)} ms, p99 {Ms(d.LatencyP99Ms)} ms"];
        foreach (var i in d.Inputs)
        {
            yield return ["input", $"{i.Name}: {i.Datatype}[{string.Join(", ", i.Shape)}]"];
        }

        foreach (var o in d.Outputs)
        {
            yield return ["output", $"{o.Name}: {o.Datatype}[{string.Join(", ", o.Shape)}]"];
        }

        var s = d.Settings;
        yield return ["limits", $"max_rows {s.MaxRows}, timeout {s.TimeoutMs} ms, concurrency {s.MaxConcurrency}, queue {s.MaxQueue}, nan {s.NanPolicy}"];
        yield return ["batching", d.Batching ? $"up to {s.MaxBatchSize} rows, waiting at most {s.MaxQueueDelayMs} ms" : "off"];
    }

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Ms(double? ms) => ms is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";
}
