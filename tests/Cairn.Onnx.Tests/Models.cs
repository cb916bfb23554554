using System.Text.Json;

namespace Cairn.Onnx.Tests;

/// <summary>The committed models (written by models/generate.py) and scikit-learn's predictions for them.</summary>
internal static class Models
{
    public static byte[] Bytes(string relative) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "models", relative));

    public static OnnxRuntime Runtime => OnnxRuntime.Load();

    public static Expected Expectations(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "models", "sklearn", name + ".expected.json")));
        var root = json.RootElement;
        return new Expected(
            root.GetProperty("inputs").EnumerateArray().Select(r => r.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray()).ToArray(),
            root.GetProperty("labels").EnumerateArray().Select(v => v.GetInt64()).ToArray(),
            root.GetProperty("probabilities").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray());
    }

    public sealed record Expected(float[][] Rows, long[] Labels, double[][] Probabilities)
    {
        public float[] Flat => Rows.SelectMany(r => r).ToArray();
    }
}
