using System.Reflection;

namespace Cairn.Guardrails.Injection;

/// <summary>
/// Logistic regression over <see cref="InjectionFeatures"/>: the probability that a text is an injection. Weights
/// are stored as half-precision floats after a header (<c>CINJ</c>, version, size, bias); the shipped model is
/// an embedded resource written by <c>scripts/train-injection-classifier.sh</c>.
/// </summary>
public sealed class InjectionModel(float[] weights, float bias)
{
    private const uint Magic = 0x4A4E4943; // "CINJ"

    private static readonly Lazy<InjectionModel?> Shipped = new(LoadShipped);

    /// <summary>The model that ships with Cairn, or null in a build made before it was trained.</summary>
    public static InjectionModel? Default => Shipped.Value;

    public IReadOnlyList<float> Weights => weights;

    public float Bias => bias;

    public double Probability((int[] Index, float[] Value) features)
    {
        double z = bias;
        for (var i = 0; i < features.Index.Length; i++)
        {
            z += weights[features.Index[i]] * features.Value[i];
        }

        return 1 / (1 + Math.Exp(-z));
    }

    public void Write(Stream stream)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(1);
        w.Write(weights.Length);
        w.Write(bias);
        foreach (var x in weights)
        {
            w.Write((Half)x);
        }
    }

    public static InjectionModel Read(Stream stream)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (r.ReadUInt32() != Magic || r.ReadInt32() != 1)
        {
            throw new InvalidDataException("not an injection model (CINJ version 1)");
        }

        var size = r.ReadInt32();
        if (size != InjectionFeatures.Size)
        {
            throw new InvalidDataException($"the model has {size} weights; this build's features number {InjectionFeatures.Size}");
        }

        var bias = r.ReadSingle();
        var weights = new float[size];
        for (var i = 0; i < size; i++)
        {
            weights[i] = (float)r.ReadHalf();
        }

        return new InjectionModel(weights, bias);
    }

    private static InjectionModel? LoadShipped()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Cairn.Guardrails.Injection.injection-model.bin");
        return stream is null ? null : Read(stream);
    }
}
