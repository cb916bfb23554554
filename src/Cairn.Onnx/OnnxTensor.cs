namespace Cairn.Onnx;

/// <summary>
/// A named dense tensor in row-major order: <see cref="Data"/> is a <c>float[]</c>, <c>double[]</c>,
/// <c>int[]</c>, <c>long[]</c>, <c>bool[]</c> or <c>string[]</c> whose length is the product of <see cref="Shape"/>.
/// </summary>
public sealed class OnnxTensor
{
    public OnnxTensor(string name, TensorElementType elementType, long[] shape, Array data)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        if (data.GetType() != TensorElementTypes.ArrayType(elementType))
        {
            throw new ArgumentException($"tensor '{name}': {elementType} data must be a {TensorElementTypes.ArrayType(elementType).Name}, not {data.GetType().Name}", nameof(data));
        }

        if (shape.Any(d => d < 0))
        {
            throw new ArgumentException($"tensor '{name}': dimensions must not be negative", nameof(shape));
        }

        var count = ElementCount(shape);
        if (count != data.LongLength)
        {
            throw new ArgumentException($"tensor '{name}': shape [{string.Join(", ", shape)}] holds {count} elements but {data.LongLength} were given", nameof(data));
        }

        Name = name;
        ElementType = elementType;
        Shape = shape;
        Data = data;
    }

    public string Name { get; }

    public TensorElementType ElementType { get; }

    public long[] Shape { get; }

    public Array Data { get; }

    public static OnnxTensor Of(string name, float[] data, params long[] shape) => new(name, TensorElementType.Float, shape, data);

    public static OnnxTensor Of(string name, double[] data, params long[] shape) => new(name, TensorElementType.Double, shape, data);

    public static OnnxTensor Of(string name, int[] data, params long[] shape) => new(name, TensorElementType.Int32, shape, data);

    public static OnnxTensor Of(string name, long[] data, params long[] shape) => new(name, TensorElementType.Int64, shape, data);

    public static OnnxTensor Of(string name, bool[] data, params long[] shape) => new(name, TensorElementType.Bool, shape, data);

    public static OnnxTensor Of(string name, string[] data, params long[] shape) => new(name, TensorElementType.String, shape, data);

    /// <summary>The product of the dimensions (1 for a scalar).</summary>
    public static long ElementCount(IReadOnlyList<long> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (var d in shape)
        {
            count = checked(count * d);
        }

        return count;
    }

    /// <summary>The data as <typeparamref name="T"/>[]; throws when the element type differs.</summary>
    public T[] As<T>() => Data as T[] ?? throw new InvalidCastException($"tensor '{Name}' holds {ElementType}, not {typeof(T).Name}");
}
