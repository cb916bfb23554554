using System.Text.Json;
using Cairn.Onnx;

namespace Cairn.Serving;

/// <summary>Writes tensor data as JSON: flat row-major, or one value (or array) per row.</summary>
public static class TensorJson
{
    public static void WriteFlat(Utf8JsonWriter json, OnnxTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(tensor);
        json.WriteStartArray();
        WriteRange(json, tensor, 0, tensor.Data.Length);
        json.WriteEndArray();
    }

    /// <summary>Row <paramref name="row"/> of a tensor whose first dimension is rows: a scalar for rank 1, else a flat array.</summary>
    public static void WriteRow(Utf8JsonWriter json, OnnxTensor tensor, int row)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(tensor);
        var width = tensor.Shape.Length <= 1 ? 1 : (int)OnnxTensor.ElementCount(tensor.Shape[1..]);
        if (tensor.Shape.Length <= 1)
        {
            WriteRange(json, tensor, row, 1);
            return;
        }

        json.WriteStartArray();
        WriteRange(json, tensor, row * width, width);
        json.WriteEndArray();
    }

    private static void WriteRange(Utf8JsonWriter json, OnnxTensor tensor, int start, int count)
    {
        switch (tensor.Data)
        {
            case float[] f:
                for (var i = start; i < start + count; i++)
                {
                    WriteFloat(json, f[i]);
                }

                break;
            case double[] d:
                for (var i = start; i < start + count; i++)
                {
                    WriteFloat(json, d[i]);
                }

                break;
            case int[] n:
                for (var i = start; i < start + count; i++)
                {
                    json.WriteNumberValue(n[i]);
                }

                break;
            case long[] l:
                for (var i = start; i < start + count; i++)
                {
                    json.WriteNumberValue(l[i]);
                }

                break;
            case bool[] b:
                for (var i = start; i < start + count; i++)
                {
                    json.WriteBooleanValue(b[i]);
                }

                break;
            case string[] s:
                for (var i = start; i < start + count; i++)
                {
                    json.WriteStringValue(s[i]);
                }

                break;
        }
    }

    // JSON has no NaN or infinity: written as the strings NumPy's JSON and pandas use.
    private static void WriteFloat(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static void WriteFloat(Utf8JsonWriter json, float value)
    {
        if (float.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            WriteFloat(json, (double)value);
        }
    }
}
