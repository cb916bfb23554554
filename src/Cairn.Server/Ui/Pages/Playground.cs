using System.Globalization;
using System.Text.Json;
using Cairn.Onnx;
using Cairn.Serving;
using Cairn.Serving.Vision;

namespace Cairn.Server.Ui.Pages;

/// <summary>
/// The "try it" form of a deployment, built from its signature: one number field per feature when the model
/// takes a single <c>[batch, F]</c> input of up to 100 numbers (labelled by the model's <c>feature_names</c>),
/// an image upload for OCR, else one JSON field per input holding its data for one row. The answer runs
/// through the same validation as the protocols.
/// </summary>
internal sealed class Playground
{
    private const int MaxFeatureFields = 100;

    private Playground(ServedModel served, string[]? features)
    {
        Served = served;
        Features = features;
    }

    public ServedModel Served { get; }

    /// <summary>The feature fields' labels, or null when the form uses JSON fields (or an image).</summary>
    public string[]? Features { get; }

    public bool IsImage => Served.Model is OcrModel;

    public IReadOnlyList<OnnxNodeInfo> Inputs => Served.Model!.Inputs;

    public static Playground For(ServedModel served)
    {
        ArgumentNullException.ThrowIfNull(served);
        string[]? features = null;
        if (served.Model is { } model && model is not OcrModel && model.Inputs is [{ Rank: 2, ElementType: not TensorElementType.String and not TensorElementType.Bool } only]
            && only.Dimensions[1] is > 0 and <= MaxFeatureFields)
        {
            var width = (int)only.Dimensions[1];
            var named = model.Metadata.Custom.TryGetValue("feature_names", out var list) ? list.Split(',').Select(n => n.Trim()).ToArray() : [];
            features = named.Length == width ? named : [.. Enumerable.Range(0, width).Select(i => $"{only.Name}[{i}]")];
        }

        return new Playground(served, features);
    }

    /// <summary>A one-row example for a JSON field: zeros (or empty strings, or false) in the input's shape, open dimensions taken as 1.</summary>
    public static string Example(OnnxNodeInfo input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var zero = input.ElementType switch { TensorElementType.String => "\"\"", TensorElementType.Bool => "false", _ => "0" };
        var text = zero;
        foreach (var d in input.Dimensions.Reverse())
        {
            text = "[" + string.Join(", ", Enumerable.Repeat(text, d > 0 ? (int)Math.Min(d, 64) : 1)) + "]";
        }

        return text;
    }

    /// <summary>The request as Open Inference JSON: from the feature fields, the JSON fields, or the uploaded image.</summary>
    public JsonDocument Request(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("inputs");
            if (IsImage)
            {
                var file = form.Files["image"] ?? throw Cairn.Core.Errors.CairnException.Invalid("image", "choose a PNG file");
                using var content = new MemoryStream();
                file.CopyTo(content);
                WriteInput(json, "image", "BYTES", [1], w => w.WriteStringValue(Convert.ToBase64String(content.ToArray())));
            }
            else if (Features is { } features)
            {
                var input = Inputs[0];
                WriteInput(json, input.Name, TensorElementTypes.ProtocolName(input.ElementType), [1, features.Length], w =>
                {
                    for (var i = 0; i < features.Length; i++)
                    {
                        var value = form[$"f{i}"].ToString();
                        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                        {
                            throw Cairn.Core.Errors.CairnException.Invalid(features[i], $"'{value}' is not a number");
                        }

                        w.WriteNumberValue(number);
                    }
                });
            }
            else
            {
                foreach (var input in Inputs)
                {
                    JsonDocument data;
                    try
                    {
                        data = JsonDocument.Parse(form["in-" + input.Name].ToString());
                    }
                    catch (JsonException e)
                    {
                        throw Cairn.Core.Errors.CairnException.Invalid(input.Name, "is not valid JSON: " + e.Message);
                    }

                    using (data)
                    {
                        var shape = Shape(data.RootElement);
                        WriteInput(json, input.Name, TensorElementTypes.ProtocolName(input.ElementType), shape, w => data.RootElement.WriteTo(w));
                    }
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.ToArray());
    }

    /// <summary>An output's values for display: the first 64, then how many more.</summary>
    public static string Show(OnnxTensor output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var values = output.Data.Cast<object>().Take(64).Select(v => v switch
        {
            float f => f.ToString("G6", CultureInfo.InvariantCulture),
            double d => d.ToString("G6", CultureInfo.InvariantCulture),
            _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty,
        });
        var more = output.Data.Length > 64 ? $" … ({output.Data.Length - 64} more)" : string.Empty;
        return string.Join(", ", values) + more;
    }

    private static long[] Shape(JsonElement data)
    {
        var shape = new List<long>();
        for (var e = data; e.ValueKind == JsonValueKind.Array; e = e.GetArrayLength() > 0 ? e[0] : default)
        {
            shape.Add(e.GetArrayLength());
            if (e.GetArrayLength() == 0)
            {
                break;
            }
        }

        return [.. shape];
    }

    private static void WriteInput(Utf8JsonWriter json, string name, string datatype, long[] shape, Action<Utf8JsonWriter> data)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("datatype", datatype);
        json.WriteStartArray("shape");
        foreach (var d in shape)
        {
            json.WriteNumberValue(d);
        }

        json.WriteEndArray();
        json.WritePropertyName("data");
        json.WriteStartArray();
        data(json);
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
