using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cairn.Core.Errors;
using Cairn.Evaluation.Datasets;
using Cairn.Onnx;
using Cairn.Serving;

namespace Cairn.Evaluation.Runs;

/// <summary>
/// The aligned inputs of an evaluation, one entry per dataset row, in the shape the metric catalog takes:
/// <c>labels</c>, <c>predictions</c>, <c>scores</c> and <c>references</c> as JSON arrays.
/// </summary>
public sealed class EvaluationInputs
{
    public required int Rows { get; init; }

    public JsonArray? Labels { get; init; }

    public JsonArray? Predictions { get; init; }

    public JsonArray? Scores { get; init; }

    public JsonArray? References { get; init; }

    /// <summary>The JSON a metric of the catalog takes, with every row.</summary>
    public JsonElement Request(MetricSpec metric, string task)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var info = MetricCatalog.All.First(m => m.Name == metric.Name);
        var request = new JsonObject { ["metric"] = metric.Name, ["options"] = metric.Options.DeepClone() };
        if (task == "text")
        {
            request["predictions"] = Predictions!.DeepClone();
            request["references"] = References!.DeepClone();
        }
        else
        {
            request["labels"] = Labels!.DeepClone();
            if (info.Inputs.Contains("scores", StringComparison.Ordinal))
            {
                request["scores"] = (Scores ?? throw CairnException.Invalid($"metrics", $"'{metric.Name}' needs scores: give scores_column, scores, or a model with a probability output")).DeepClone();
            }
            else
            {
                request["predictions"] = Predictions!.DeepClone();
            }
        }

        return JsonSerializer.SerializeToElement(request);
    }

    /// <summary>Reads labels, references and predictions from the dataset, the request, or by running a model over the feature columns.</summary>
    public static async Task<EvaluationInputs> BuildAsync(EvaluationPlan plan, DatasetTable table, IInferenceModel? model, ServedModel? served, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(table);
        var n = table.Count;
        JsonArray? labels = null, references = null;
        if (plan.Task == "text")
        {
            var cols = plan.ReferenceColumns.Select(c => table.Values(c, "reference_columns")).ToArray();
            references = new JsonArray(Enumerable.Range(0, n).Select(i => (JsonNode)new JsonArray(cols.Select(c => (JsonNode)JsonValue.Create(c[i])).ToArray())).ToArray());
        }
        else
        {
            labels = Column(table, plan.LabelColumn!, "label_column", numeric: plan.Task == "regression" ? true : null);
        }

        JsonArray? predictions, scores = null;
        switch (plan.Source.Kind)
        {
            case "column":
                predictions = Column(table, plan.Source.PredictionsColumn!, "predictions_column", numeric: plan.Task switch
                {
                    "regression" => true,
                    "text" => false,
                    _ => null,
                });
                if (plan.Source.ScoresColumn is { } sc)
                {
                    scores = new JsonArray(table.Numbers(sc, "scores_column").Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
                }

                break;
            case "list":
                predictions = List(plan.Source.Predictions!.Value, n, "predictions");
                scores = plan.Source.Scores is { } s ? List(s, n, "scores") : null;
                break;
            default:
                (predictions, scores) = await RunModelAsync(plan, table, model, served, ct).ConfigureAwait(false);
                break;
        }

        return new EvaluationInputs { Rows = n, Labels = labels, Predictions = predictions, Scores = scores, References = references };
    }

    private static JsonArray Column(DatasetTable table, string column, string field, bool? numeric)
    {
        var asNumbers = numeric ?? table.IsNumeric(column, field);
        return asNumbers
            ? new JsonArray(table.Numbers(column, field).Select(v => (JsonNode)JsonValue.Create(v)).ToArray())
            : new JsonArray(table.Values(column, field).Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
    }

    private static JsonArray List(JsonElement list, int rows, string field)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw CairnException.Invalid(field, "must be a list with one entry per dataset row");
        }

        if (list.GetArrayLength() != rows)
        {
            throw CairnException.Invalid(field, $"has {list.GetArrayLength()} entries but the dataset has {rows} rows");
        }

        return JsonNode.Parse(list.GetRawText())!.AsArray();
    }

    private static async Task<(JsonArray Predictions, JsonArray? Scores)> RunModelAsync(EvaluationPlan plan, DatasetTable table, IInferenceModel? model, ServedModel? served, CancellationToken ct)
    {
        var m = model ?? served?.Model ?? throw CairnException.Conflict($"deployment {plan.Source.Deployment} is not ready: {served?.Problem}");
        var input = m.Inputs[0];
        var k = plan.FeatureColumns.Length;
        if (input.Dimensions.Length != 2 || (input.Dimensions[1] > 0 && input.Dimensions[1] != k))
        {
            throw CairnException.Invalid("feature_columns", $"the model's input '{input.Name}' has shape [{string.Join(", ", input.Dimensions)}]; {k} feature columns do not fit it");
        }

        var features = plan.FeatureColumns.Select(c => table.Numbers(c, "feature_columns")).ToArray();
        var labelOutput = plan.Source.LabelOutput ?? (m.Outputs.Any(o => o.Name == "label") ? "label" : m.Outputs[0].Name);
        var scoreOutput = plan.Task == "classification"
            ? plan.Source.ScoreOutput ?? (m.Outputs.Any(o => o.Name == "probabilities") ? "probabilities" : null)
            : null;
        foreach (var name in new[] { labelOutput, scoreOutput }.OfType<string>())
        {
            if (m.Outputs.All(o => o.Name != name))
            {
                throw CairnException.Invalid(name == labelOutput ? "label_output" : "score_output", $"the model has no output '{name}'; its outputs are: {string.Join(", ", m.Outputs.Select(o => o.Name))}");
            }
        }

        string[] wanted = scoreOutput is null ? [labelOutput] : [labelOutput, scoreOutput];
        var predictions = new JsonArray();
        var scores = scoreOutput is null ? null : new JsonArray();
        const int batch = 1024;
        for (var start = 0; start < table.Count; start += batch)
        {
            var rows = Math.Min(batch, table.Count - start);
            OnnxTensor tensor;
            if (input.ElementType == TensorElementType.Double)
            {
                var data = new double[rows * k];
                for (var r = 0; r < rows; r++)
                {
                    for (var c = 0; c < k; c++)
                    {
                        data[(r * k) + c] = features[c][start + r];
                    }
                }

                tensor = OnnxTensor.Of(input.Name, data, rows, k);
            }
            else
            {
                var data = new float[rows * k];
                for (var r = 0; r < rows; r++)
                {
                    for (var c = 0; c < k; c++)
                    {
                        data[(r * k) + c] = (float)features[c][start + r];
                    }
                }

                tensor = OnnxTensor.Of(input.Name, data, rows, k);
            }

            var outputs = served is not null ? await served.RunAsync([tensor], wanted, ct).ConfigureAwait(false) : RunDirect(m, tensor, wanted, ct);
            var label = outputs.First(o => o.Name == labelOutput);
            Append(predictions, label, rows);
            if (scoreOutput is not null)
            {
                var p = outputs.First(o => o.Name == scoreOutput);
                var width = p.Shape.Length == 2 ? (int)p.Shape[1] : 1;
                var values = ToDoubles(p);
                for (var r = 0; r < rows; r++)
                {
                    scores!.Add(width == 2 ? JsonValue.Create(values[(r * 2) + 1])
                        : width == 1 ? JsonValue.Create(values[r])
                        : new JsonArray(Enumerable.Range(0, width).Select(c => (JsonNode)JsonValue.Create(values[(r * width) + c])).ToArray()));
                }
            }
        }

        return (predictions, scores);
    }

    // A registry version run in process: ONNX Runtime's refusals become 4xx, as they do for a deployment.
    private static IReadOnlyList<OnnxTensor> RunDirect(IInferenceModel model, OnnxTensor input, string[] outputs, CancellationToken ct)
    {
        try
        {
            return model.Run([input], outputs, ct);
        }
        catch (OnnxRuntimeException e) when (e.Code is OrtErrorCode.InvalidArgument)
        {
            throw CairnException.Invalid("feature_columns", "the model refused the input: " + e.RuntimeMessage);
        }
        catch (OnnxRuntimeException e)
        {
            throw new CairnException(ErrorKind.Unprocessable, $"the model failed on the dataset ({e.Code}): {e.RuntimeMessage}");
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException)
        {
            throw new CairnException(ErrorKind.Unprocessable, "the model cannot be evaluated this way: " + e.Message);
        }
    }

    private static void Append(JsonArray into, OnnxTensor t, int rows)
    {
        if (t.ElementType == TensorElementType.String)
        {
            foreach (var s in t.As<string>().Take(rows))
            {
                into.Add(s);
            }

            return;
        }

        var values = ToDoubles(t);
        var width = values.Length / rows;
        for (var r = 0; r < rows; r++)
        {
            into.Add(values[r * width]);
        }
    }

    private static double[] ToDoubles(OnnxTensor t) => t.ElementType switch
    {
        TensorElementType.Float => t.As<float>().Select(v => (double)v).ToArray(),
        TensorElementType.Double => t.As<double>(),
        TensorElementType.Int64 => t.As<long>().Select(v => (double)v).ToArray(),
        TensorElementType.Int32 => t.As<int>().Select(v => (double)v).ToArray(),
        TensorElementType.Bool => t.As<bool>().Select(v => v ? 1.0 : 0.0).ToArray(),
        _ => throw CairnException.Invalid("label_output", $"output '{t.Name}' holds {t.ElementType}, which is not a label, score or value"),
    };

    /// <summary>The text of a label for grouping and comparison: numbers in invariant round-trip form.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<double>(out var d) => d.ToString("R", CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        null => "",
        _ => node.ToJsonString(),
    };
}
