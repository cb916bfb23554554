namespace Cairn.Onnx;

/// <summary>ONNX Runtime's error codes (<c>OrtErrorCode</c>).</summary>
public enum OrtErrorCode
{
    Ok = 0,
    Fail = 1,
    InvalidArgument = 2,
    NoSuchFile = 3,
    NoModel = 4,
    EngineError = 5,
    RuntimeException = 6,
    InvalidProtobuf = 7,
    ModelLoaded = 8,
    NotImplemented = 9,
    InvalidGraph = 10,
    ExecutionProviderFailure = 11,
}

/// <summary>An error ONNX Runtime reported, with its code and message.</summary>
public sealed class OnnxRuntimeException(OrtErrorCode code, string message) : Exception($"ONNX Runtime: {message}")
{
    public OrtErrorCode Code { get; } = code;

    /// <summary>ONNX Runtime's own message.</summary>
    public string RuntimeMessage { get; } = message;
}

/// <summary>The native library could not be found or loaded; the reason says where it was looked for.</summary>
public sealed class OnnxRuntimeUnavailableException(string reason) : Exception(reason);
