namespace Cairn.Onnx;

/// <summary>What kind of value an input or output is (<c>ONNXType</c>).</summary>
public enum OnnxValueKind
{
    Unknown = 0,
    Tensor = 1,
    Sequence = 2,
    Map = 3,
    Opaque = 4,
    SparseTensor = 5,
    Optional = 6,
}

/// <summary>
/// One input or output of a model. <see cref="Dimensions"/> holds -1 for a dimension the model leaves
/// open; <see cref="SymbolicDimensions"/> then names it (e.g. "batch"), or is empty.
/// </summary>
public sealed record OnnxNodeInfo(string Name, OnnxValueKind Kind, TensorElementType ElementType, long[] Dimensions, string[] SymbolicDimensions)
{
    /// <summary>The number of dimensions.</summary>
    public int Rank => Dimensions.Length;

    /// <summary>Whether the first dimension is open, so rows can be stacked into one call.</summary>
    public bool HasBatchDimension => Dimensions.Length > 0 && Dimensions[0] < 0;
}

/// <summary>A model's own description, from its ONNX metadata.</summary>
public sealed record OnnxModelMetadata(
    string ProducerName, string GraphName, string Domain, string Description, long Version, IReadOnlyDictionary<string, string> Custom);
