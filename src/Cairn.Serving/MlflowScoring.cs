using System.Text.Json;
using Cairn.Core.Errors;
using Cairn.Onnx;

namespace Cairn.Serving;

/// <summary>
/// MLflow's scoring protocol (<c>POST /invocations</c>): <c>dataframe_split</c>, <c>dataframe_records</c>,
/// <c>instances</c> or <c>inputs</c>, answered with <c>{"predictions": …}</c>. Named columns map onto the model:
/// - a model with one input of shape [batch, F] takes F columns as its features, matched by name when the model's
///   metadata lists <c>feature_names</c> (comma-separated), otherwise in the order given;
/// - a model with several inputs of shape [batch] or [batch, 1] takes one column per input, by input name.
/// </summary>
public static class MlflowScoring
{
    public const string Formats = "one of dataframe_split, dataframe_records, instances or inputs";

    /// <summary>Reads a request body into the model's input tensors.</summary>
    public static IReadOnlyList<OnnxTensor> Read(JsonElement body, ServedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw CairnException.Invalid("body", "must be a JSON object with " + Formats);
        }

        var keys = body.EnumerateObject().Select(p => p.Name).Where(k => k is "dataframe_split" or "dataframe_records" or "instances" or "inputs").ToList();
        if (keys.Count != 1)
        {
            throw CairnException.Invalid("body", keys.Count == 0 ? "must hold " + Formats : $"holds {string.Join(" and ", keys)}; give exactly one");
        }

        var key = keys[0];
        var value = body.GetProperty(key);
        var (columns, rows) = key switch
        {
            "dataframe_split" => Split(value),
            "dataframe_records" => Records(value, key),
            _ when value.ValueKind == JsonValueKind.Object => Columnar(value, key),
            _ when value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 && value[0].ValueKind == JsonValueKind.Object => Records(value, key),
            _ => (null, Rows(value, key)),
        };
        return Tensors(model, key, columns, rows);
    }

    /// <summary>Writes <c>{"predictions": …}</c>: one value per row for a single output, else one object per row.</summary>
    public static void Write(Utf8JsonWriter json, IReadOnlyList<OnnxTensor> outputs)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(outputs);
        json.WriteStartObject();
        json.WriteStartArray("predictions");
        var rows = outputs.Count == 0 || outputs[0].Shape.Length == 0 ? 1 : (int)outputs[0].Shape[0];
        for (var r = 0; r < rows; r++)
        {
            if (outputs.Count == 1)
            {
                TensorJson.WriteRow(json, outputs[0], r);
                continue;
            }

            json.WriteStartObject();
            foreach (var output in outputs)
            {
                json.WritePropertyName(output.Name);
                TensorJson.WriteRow(json, output, r);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static (List<string>? Columns, List<JsonElement[]> Rows) Split(JsonElement split)
    {
        if (split.ValueKind != JsonValueKind.Object || !split.TryGetProperty("data", out var data))
        {
            throw CairnException.Invalid("dataframe_split", "must be an object with 'columns' and 'data'");
        }

        List<string>? columns = null;
        if (split.TryGetProperty("columns", out var c))
        {
            columns = c.ValueKind == JsonValueKind.Array && c.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
                ? c.EnumerateArray().Select(e => e.GetString()!).ToList()
                : throw CairnException.Invalid("dataframe_split.columns", "must be an array of column names");
        }

        var rows = Rows(data, "dataframe_split.data");
        if (columns is not null && rows.FirstOrDefault(r => r.Length != columns.Count) is { } bad)
        {
            throw CairnException.Invalid("dataframe_split.data", $"every row must have {columns.Count} values, one per column; a row has {bad.Length}");
        }

        return (columns, rows);
    }

    private static (List<string>? Columns, List<JsonElement[]> Rows) Records(JsonElement records, string field)
    {
        if (records.ValueKind != JsonValueKind.Array || records.GetArrayLength() == 0)
        {
            throw CairnException.Invalid(field, "must be a non-empty array of records");
        }

        List<string>? columns = null;
        var rows = new List<JsonElement[]>();
        var index = 0;
        foreach (var record in records.EnumerateArray())
        {
            if (record.ValueKind != JsonValueKind.Object)
            {
                throw CairnException.Invalid($"{field}[{index}]", "must be an object of column: value");
            }

            columns ??= record.EnumerateObject().Select(p => p.Name).ToList();
            var row = new JsonElement[columns.Count];
            var seen = 0;
            foreach (var property in record.EnumerateObject())
            {
                var at = columns.IndexOf(property.Name);
                if (at < 0)
                {
                    throw CairnException.Invalid($"{field}[{index}]", $"column '{property.Name}' is not in the first record");
                }

                row[at] = property.Value;
                seen++;
            }

            if (seen != columns.Count)
            {
                throw CairnException.Invalid($"{field}[{index}]", $"must have the same {columns.Count} columns as the first record");
            }

            rows.Add(row);
            index++;
        }

        return (columns, rows);
    }

    private static (List<string>? Columns, List<JsonElement[]> Rows) Columnar(JsonElement value, string field)
    {
        var columns = value.EnumerateObject().Select(p => p.Name).ToList();
        var lists = value.EnumerateObject().Select(p => p.Value.ValueKind == JsonValueKind.Array
            ? p.Value.EnumerateArray().ToArray()
            : throw CairnException.Invalid($"{field}.{p.Name}", "must be an array with one value per row")).ToList();
        if (lists.Count == 0 || lists.Any(l => l.Length != lists[0].Length))
        {
            throw CairnException.Invalid(field, "must hold at least one column, and every column the same number of rows");
        }

        var rows = Enumerable.Range(0, lists[0].Length).Select(r => lists.Select(l => l[r]).ToArray()).ToList();
        return (columns, rows);
    }

    private static List<JsonElement[]> Rows(JsonElement data, string field)
    {
        if (data.ValueKind != JsonValueKind.Array || data.GetArrayLength() == 0)
        {
            throw CairnException.Invalid(field, "must be a non-empty array of rows");
        }

        return data.EnumerateArray().Select(r => r.ValueKind == JsonValueKind.Array ? r.EnumerateArray().ToArray() : [r]).ToList();
    }

    private static IReadOnlyList<OnnxTensor> Tensors(ServedModel model, string field, List<string>? columns, List<JsonElement[]> rows)
    {
        var session = model.Model!;
        var settings = model.Deployment.Settings;
        if (session.Inputs is [var only] && only.Rank == 2)
        {
            var width = rows[0].Length;
            if (rows.Any(r => r.Length != width))
            {
                throw CairnException.Invalid(field, "every row must have the same number of values");
            }

            var order = FeatureOrder(session, only, columns, width, field);
            var elements = new List<JsonElement>(rows.Count * order.Length);
            foreach (var row in rows)
            {
                elements.AddRange(order.Select(i => row[i]));
            }

            return [TensorReader.Read(only, field, [rows.Count, order.Length], elements, settings)];
        }

        if (columns is null)
        {
            throw CairnException.Invalid(field, $"the model has inputs {OpenInference.Signature(session.Inputs)}; send named columns, one per input");
        }

        return session.Inputs.Select(input =>
        {
            var at = columns.IndexOf(input.Name);
            if (at < 0)
            {
                throw CairnException.Invalid(field, $"column '{input.Name}' ({TensorReader.Describe(input)}) is missing; columns given: {string.Join(", ", columns)}");
            }

            long[] shape = input.Rank == 2 ? [rows.Count, 1] : [rows.Count];
            return TensorReader.Read(input, field, shape, rows.Select(r => r[at]).ToList(), settings);
        }).ToList();
    }

    private static int[] FeatureOrder(IInferenceModel session, OnnxNodeInfo input, List<string>? columns, int width, string field)
    {
        var features = session.Metadata.Custom.TryGetValue("feature_names", out var listed)
            ? listed.Split(',', StringSplitOptions.TrimEntries)
            : null;
        if (columns is null || features is null)
        {
            if (input.Dimensions[1] >= 0 && width != input.Dimensions[1])
            {
                throw CairnException.Invalid(field, $"input '{input.Name}' ({TensorReader.Describe(input)}) takes {input.Dimensions[1]} features per row; rows have {width}");
            }

            return Enumerable.Range(0, width).ToArray();
        }

        var unknown = columns.Where(c => !features.Contains(c, StringComparer.Ordinal)).ToList();
        var missing = features.Where(f => !columns.Contains(f, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0 || missing.Count > 0)
        {
            throw CairnException.Invalid(field, (missing.Count > 0 ? $"missing columns: {string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? ", …" : "")}. " : "")
                + (unknown.Count > 0 ? $"unknown columns: {string.Join(", ", unknown.Take(10))}. " : "") + $"The model's features are its metadata's feature_names ({features.Length}).");
        }

        return features.Select(f => columns.IndexOf(f)).ToArray();
    }
}
