using System.Globalization;
using System.Text.Json;
using Cairn.Core.Errors;
using Cairn.Onnx;

namespace Cairn.Serving;

/// <summary>
/// The Open Inference Protocol (KServe V2) over JSON: reads an inference request against a model's
/// signature and writes the response. Tensor data is row-major, flat or nested.
/// </summary>
public static class OpenInference
{
    /// <summary>A parsed request: its id (echoed), the input tensors and the outputs asked for (null for all).</summary>
    public sealed record Request(string? Id, IReadOnlyList<OnnxTensor> Inputs, IReadOnlyList<string>? Outputs);

    public static Request Read(JsonElement body, ServedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var session = model.Model!;
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw CairnException.Invalid("body", "must be a JSON object with an 'inputs' array");
        }

        string? id = null;
        if (body.TryGetProperty("id", out var idElement))
        {
            id = idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : throw CairnException.Invalid("id", "must be a string");
        }

        if (!body.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array || inputs.GetArrayLength() == 0)
        {
            throw CairnException.Invalid("inputs", $"must be a non-empty array of tensors; the model takes {Signature(session.Inputs)}");
        }

        var tensors = new List<OnnxTensor>();
        var index = 0;
        foreach (var input in inputs.EnumerateArray())
        {
            tensors.Add(ReadInput(input, $"inputs[{index++}]", model, tensors));
        }

        foreach (var missing in session.Inputs.Where(i => tensors.All(t => t.Name != i.Name)))
        {
            throw CairnException.Invalid("inputs", $"input '{missing.Name}' ({TensorReader.Describe(missing)}) is missing");
        }

        List<string>? outputs = null;
        if (body.TryGetProperty("outputs", out var wanted) && wanted.ValueKind != JsonValueKind.Null)
        {
            if (wanted.ValueKind != JsonValueKind.Array)
            {
                throw CairnException.Invalid("outputs", "must be an array of {\"name\": …}");
            }

            outputs = [];
            var o = 0;
            foreach (var output in wanted.EnumerateArray())
            {
                var field = $"outputs[{o++}].name";
                var name = output.ValueKind == JsonValueKind.Object && output.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
                    ? n.GetString()!
                    : throw CairnException.Invalid(field, "is required");
                if (session.Outputs.All(x => x.Name != name))
                {
                    throw CairnException.Invalid(field, $"'{name}' is not an output of the model (outputs: {string.Join(", ", session.Outputs.Select(x => x.Name))})");
                }

                outputs.Add(name);
            }
        }

        return new Request(id, tensors, outputs);
    }

    /// <summary>Writes the response: model name and version, the request's id, and each output tensor.</summary>
    public static void Write(Utf8JsonWriter json, ServedModel model, string? id, IReadOnlyList<OnnxTensor> outputs)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(outputs);
        json.WriteStartObject();
        json.WriteString("model_name", model.Deployment.Name);
        json.WriteString("model_version", model.Deployment.ModelVersion.ToString(CultureInfo.InvariantCulture));
        if (id is not null)
        {
            json.WriteString("id", id);
        }

        json.WriteStartArray("outputs");
        foreach (var tensor in outputs)
        {
            json.WriteStartObject();
            json.WriteString("name", tensor.Name);
            WriteTypeAndShape(json, tensor.ElementType, tensor.Shape);
            json.WritePropertyName("data");
            TensorJson.WriteFlat(json, tensor);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Model metadata: name, versions, platform, and each input and output with datatype and shape (-1 for open dimensions).</summary>
    public static void WriteMetadata(Utf8JsonWriter json, ServedModel model)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(model);
        json.WriteStartObject();
        json.WriteString("name", model.Deployment.Name);
        json.WriteStartArray("versions");
        json.WriteStringValue(model.Deployment.ModelVersion.ToString(CultureInfo.InvariantCulture));
        json.WriteEndArray();
        json.WriteString("platform", "onnxruntime_onnx");
        foreach (var (property, nodes) in new[] { ("inputs", model.Model!.Inputs), ("outputs", model.Model!.Outputs) })
        {
            json.WriteStartArray(property);
            foreach (var node in nodes)
            {
                json.WriteStartObject();
                json.WriteString("name", node.Name);
                WriteTypeAndShape(json, node.ElementType, node.Dimensions);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteTypeAndShape(Utf8JsonWriter json, TensorElementType type, long[] shape)
    {
        json.WriteString("datatype", TensorElementTypes.ProtocolName(type));
        json.WriteStartArray("shape");
        foreach (var d in shape)
        {
            json.WriteNumberValue(d);
        }

        json.WriteEndArray();
    }

    /// <summary>Signatures of inputs or outputs for messages: <c>input: FP32[batch, 30]</c>, ….</summary>
    public static string Signature(IEnumerable<OnnxNodeInfo> nodes) => string.Join(", ", nodes.Select(n => $"{n.Name}: {TensorReader.Describe(n)}"));

    private static OnnxTensor ReadInput(JsonElement input, string field, ServedModel model, List<OnnxTensor> earlier)
    {
        var session = model.Model!;
        if (input.ValueKind != JsonValueKind.Object)
        {
            throw CairnException.Invalid(field, "must be an object with name, shape, datatype and data");
        }

        var name = input.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
            ? n.GetString()!
            : throw CairnException.Invalid(field + ".name", "is required");
        var spec = session.Inputs.FirstOrDefault(i => i.Name == name)
            ?? throw CairnException.Invalid(field + ".name", $"'{name}' is not an input of the model (inputs: {Signature(session.Inputs)})");
        if (earlier.Any(t => t.Name == name))
        {
            throw CairnException.Invalid(field + ".name", $"input '{name}' is given twice");
        }

        var datatype = input.TryGetProperty("datatype", out var d) && d.ValueKind == JsonValueKind.String
            ? d.GetString()!
            : throw CairnException.Invalid(field + ".datatype", "is required");
        var expected = TensorElementTypes.ProtocolName(spec.ElementType);
        if (!string.Equals(datatype, expected, StringComparison.Ordinal))
        {
            throw CairnException.Invalid(field + ".datatype", $"input '{name}' takes {expected}, not {datatype}");
        }

        if (!input.TryGetProperty("shape", out var s) || s.ValueKind != JsonValueKind.Array)
        {
            throw CairnException.Invalid(field + ".shape", "is required: an array of dimensions");
        }

        var shape = new long[s.GetArrayLength()];
        var k = 0;
        foreach (var dim in s.EnumerateArray())
        {
            shape[k++] = dim.ValueKind == JsonValueKind.Number && dim.TryGetInt64(out var v) && v >= 0
                ? v
                : throw CairnException.Invalid(field + ".shape", "dimensions must be non-negative integers");
        }

        if (!input.TryGetProperty("data", out var data))
        {
            throw CairnException.Invalid(field + ".data", "is required");
        }

        return TensorReader.Read(spec, field, shape, data, model.Deployment.Settings);
    }
}
