using System.Globalization;
using System.Text.Json;
using Cairn.Core.Errors;
using Cairn.Core.Serving;
using Cairn.Onnx;

namespace Cairn.Serving;

/// <summary>
/// Turns JSON data into a tensor for one model input, checking it against the model's signature and the
/// deployment's limits: element type, rank, fixed dimensions, element count, rows, NaN policy. Every
/// refusal is a 400 naming the field and the rule.
/// </summary>
public static class TensorReader
{
    /// <summary>Checks a requested shape against the input's signature and the row limit.</summary>
    public static void CheckShape(OnnxNodeInfo input, string field, long[] shape, DeploymentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(settings);
        if (shape.Any(d => d < 0))
        {
            throw CairnException.Invalid(field, $"input '{input.Name}': dimensions must not be negative");
        }

        if (shape.Length != input.Rank)
        {
            throw CairnException.Invalid(field, $"input '{input.Name}' has rank {input.Rank} ({Describe(input)}); the request gives rank {shape.Length} [{string.Join(", ", shape)}]");
        }

        for (var i = 0; i < shape.Length; i++)
        {
            if (input.Dimensions[i] >= 0 && input.Dimensions[i] != shape[i])
            {
                throw CairnException.Invalid(field, $"input '{input.Name}' needs dimension {i} to be {input.Dimensions[i]} ({Describe(input)}); the request gives {shape[i]}");
            }
        }

        if (shape.Length > 0 && shape[0] > settings.MaxRows)
        {
            throw CairnException.Invalid(field, $"input '{input.Name}': {shape[0]} rows exceed this deployment's limit of {settings.MaxRows}");
        }

        try
        {
            _ = OnnxTensor.ElementCount(shape);
        }
        catch (OverflowException)
        {
            throw CairnException.Invalid(field, $"input '{input.Name}': shape [{string.Join(", ", shape)}] holds more elements than any request can carry");
        }
    }

    /// <summary>Reads row-major data (flat or nested arrays) of the given shape into a tensor for the input.</summary>
    public static OnnxTensor Read(OnnxNodeInfo input, string field, long[] shape, JsonElement data, DeploymentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(settings);
        CheckShape(input, field, shape, settings);
        var count = OnnxTensor.ElementCount(shape);
        var elements = new List<JsonElement>((int)Math.Min(count, 1 << 20));
        Flatten(data, elements, field, count);
        return Read(input, field, shape, elements, settings);
    }

    /// <summary>Reads elements already in row-major order into a tensor for the input (the shape is checked too).</summary>
    public static OnnxTensor Read(OnnxNodeInfo input, string field, long[] shape, IReadOnlyList<JsonElement> elements, DeploymentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(elements);
        ArgumentNullException.ThrowIfNull(settings);
        CheckShape(input, field, shape, settings);
        var count = OnnxTensor.ElementCount(shape);
        if (elements.Count != count)
        {
            throw CairnException.Invalid(field, $"input '{input.Name}': shape [{string.Join(", ", shape)}] holds {count} elements but the data has {elements.Count}");
        }

        var reject = settings.NanPolicy != "allow";
        Array array = input.ElementType switch
        {
            TensorElementType.Float => Convert(elements, field, input, e => CheckFinite((float)Number(e, field, input), reject, field, input)),
            TensorElementType.Double => Convert(elements, field, input, e => CheckFinite(Number(e, field, input), reject, field, input)),
            TensorElementType.Int32 => Convert(elements, field, input, e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var v) ? v : throw Wrong(field, input, e, "32-bit integers")),
            TensorElementType.Int64 => Convert(elements, field, input, e => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var v) ? v : throw Wrong(field, input, e, "64-bit integers")),
            TensorElementType.Bool => Convert(elements, field, input, e => e.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Wrong(field, input, e, "true or false"),
            }),
            TensorElementType.String => Convert(elements, field, input, e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Wrong(field, input, e, "strings")),
            _ => throw CairnException.Invalid(field, $"input '{input.Name}' takes {TensorElementTypes.ProtocolName(input.ElementType)}, which Cairn does not serve"),
        };
        return new OnnxTensor(input.Name, input.ElementType, shape, array);
    }

    /// <summary>The signature of an input for messages, e.g. <c>FP32[batch, 30]</c>.</summary>
    public static string Describe(OnnxNodeInfo input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var dims = input.Dimensions.Select((d, i) => d >= 0 ? d.ToString(CultureInfo.InvariantCulture) : input.SymbolicDimensions.ElementAtOrDefault(i) is { Length: > 0 } s ? s : "?");
        return $"{TensorElementTypes.ProtocolName(input.ElementType)}[{string.Join(", ", dims)}]";
    }

    private static T[] Convert<T>(IReadOnlyList<JsonElement> elements, string field, OnnxNodeInfo input, Func<JsonElement, T> read)
    {
        var array = new T[elements.Count];
        for (var i = 0; i < array.Length; i++)
        {
            array[i] = read(elements[i]);
        }

        return array;
    }

    private static void Flatten(JsonElement data, List<JsonElement> into, string field, long limit)
    {
        if (data.ValueKind != JsonValueKind.Array)
        {
            into.Add(data);
            return;
        }

        foreach (var item in data.EnumerateArray())
        {
            if (into.Count > limit)
            {
                return; // more than the shape holds; the count check reports it
            }

            Flatten(item, into, field, limit);
        }
    }

    private static double Number(JsonElement e, string field, OnnxNodeInfo input)
    {
        if (e.ValueKind == JsonValueKind.Number)
        {
            return e.GetDouble();
        }

        // JSON has no NaN or infinity; accept the strings NumPy and pandas write for them.
        if (e.ValueKind == JsonValueKind.String && e.GetString() is "NaN" or "nan" or "Infinity" or "inf" or "-Infinity" or "-inf")
        {
            return e.GetString()!.TrimStart('-') is "NaN" or "nan" ? double.NaN : e.GetString()!.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
        }

        throw Wrong(field, input, e, "numbers");
    }

    private static T CheckFinite<T>(T value, bool reject, string field, OnnxNodeInfo input)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        if (reject && !T.IsFinite(value))
        {
            throw CairnException.Invalid(field, $"input '{input.Name}' holds NaN or an infinity, which this deployment's NaN policy (reject) refuses");
        }

        return value;
    }

    private static CairnException Wrong(string field, OnnxNodeInfo input, JsonElement e, string expected) =>
        CairnException.Invalid(field, $"input '{input.Name}' takes {TensorElementTypes.ProtocolName(input.ElementType)} ({expected}); found {Show(e)}");

    private static string Show(JsonElement e)
    {
        var text = e.GetRawText();
        return text.Length <= 40 ? text : text[..40] + "…";
    }
}
