namespace Cairn.Onnx;

/// <summary>ONNX tensor element types (<c>ONNXTensorElementDataType</c>); Cairn reads and writes the named ones.</summary>
public enum TensorElementType
{
    Undefined = 0,
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    UInt16 = 4,
    Int16 = 5,
    Int32 = 6,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Float16 = 10,
    Double = 11,
    UInt32 = 12,
    UInt64 = 13,
}

/// <summary>Names and sizes of element types.</summary>
public static class TensorElementTypes
{
    /// <summary>Whether Cairn can create and read tensors of this type.</summary>
    public static bool IsSupported(TensorElementType type) =>
        type is TensorElementType.Float or TensorElementType.Double or TensorElementType.Int32 or TensorElementType.Int64
            or TensorElementType.Bool or TensorElementType.String;

    /// <summary>The Open Inference Protocol's datatype name (FP32, INT64, BOOL, BYTES, …).</summary>
    public static string ProtocolName(TensorElementType type) => type switch
    {
        TensorElementType.Float => "FP32",
        TensorElementType.Double => "FP64",
        TensorElementType.Int32 => "INT32",
        TensorElementType.Int64 => "INT64",
        TensorElementType.Bool => "BOOL",
        TensorElementType.String => "BYTES",
        TensorElementType.UInt8 => "UINT8",
        TensorElementType.Int8 => "INT8",
        TensorElementType.UInt16 => "UINT16",
        TensorElementType.Int16 => "INT16",
        TensorElementType.Float16 => "FP16",
        TensorElementType.UInt32 => "UINT32",
        TensorElementType.UInt64 => "UINT64",
        _ => "UNDEFINED",
    };

    /// <summary>The managed array type that carries elements of this type.</summary>
    internal static Type ArrayType(TensorElementType type) => type switch
    {
        TensorElementType.Float => typeof(float[]),
        TensorElementType.Double => typeof(double[]),
        TensorElementType.Int32 => typeof(int[]),
        TensorElementType.Int64 => typeof(long[]),
        TensorElementType.Bool => typeof(bool[]),
        TensorElementType.String => typeof(string[]),
        _ => throw new NotSupportedException($"tensors of {type} are not supported"),
    };
}
