using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Cairn.Onnx.Native;

namespace Cairn.Onnx;

/// <summary>
/// A loaded model. <see cref="Run"/> is safe to call from many threads at once on one session; disposing
/// waits for nothing but makes later calls fail, and the native session is released when the last
/// running call ends.
/// </summary>
public sealed unsafe partial class OnnxSession : IDisposable
{
    private readonly OnnxRuntime _runtime;
    private readonly OrtHandle _session;
    private readonly Dictionary<string, int> _inputIndex;
    private readonly Dictionary<string, int> _outputIndex;
    private readonly IntPtr[] _inputNames;   // UTF-8, NUL-terminated, in pinned arrays that live as long as this object
    private readonly IntPtr[] _outputNames;
    private readonly byte[][] _names;

    private OnnxSession(OnnxRuntime runtime, OrtHandle session, OnnxNodeInfo[] inputs, OnnxNodeInfo[] outputs, OnnxModelMetadata metadata)
    {
        _runtime = runtime;
        _session = session;
        Inputs = inputs;
        Outputs = outputs;
        Metadata = metadata;
        _inputIndex = inputs.Select((n, i) => (n.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        _outputIndex = outputs.Select((n, i) => (n.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        _names = inputs.Concat(outputs).Select(n => PinnedUtf8(n.Name)).ToArray();
        _inputNames = _names[..inputs.Length].Select(AddressOf).ToArray();
        _outputNames = _names[inputs.Length..].Select(AddressOf).ToArray();
    }

    public IReadOnlyList<OnnxNodeInfo> Inputs { get; }

    public IReadOnlyList<OnnxNodeInfo> Outputs { get; }

    public OnnxModelMetadata Metadata { get; }

    private OrtApi Api => _runtime.Api;

    internal static OnnxSession Create(OnnxRuntime runtime, ReadOnlySpan<byte> model, OnnxSessionOptions options)
    {
        var api = runtime.Api;
        api.Check(api.CreateSessionOptions(out var rawOptions));
        using var sessionOptions = new OrtHandle(rawOptions, api.ReleaseSessionOptions);
        api.Check(api.SetIntraOpNumThreads(rawOptions, options.IntraOpThreads));
        api.Check(api.SetInterOpNumThreads(rawOptions, options.InterOpThreads));
        api.Check(api.SetSessionExecutionMode(rawOptions, options.ParallelExecution ? 1 : 0));
        api.Check(api.SetSessionGraphOptimizationLevel(rawOptions, (int)options.Optimization));
        AddConfig(api, rawOptions, "session.intra_op.allow_spinning", options.AllowSpinning ? "1" : "0");
        AddConfig(api, rawOptions, "session.inter_op.allow_spinning", options.AllowSpinning ? "1" : "0");

        IntPtr raw;
        fixed (byte* bytes = model)
        {
            var env = runtime.Environment.DangerousGetHandle();
            api.Check(api.CreateSessionFromArray(env, bytes, (nuint)model.Length, rawOptions, out raw));
        }

        var session = new OrtHandle(raw, api.ReleaseSession);
        try
        {
            api.Check(api.SessionGetInputCount(raw, out var inputCount));
            api.Check(api.SessionGetOutputCount(raw, out var outputCount));
            var inputs = new OnnxNodeInfo[(int)inputCount];
            for (var i = 0; i < inputs.Length; i++)
            {
                api.Check(api.SessionGetInputName(raw, (nuint)i, api.Allocator, out var name));
                api.Check(api.SessionGetInputTypeInfo(raw, (nuint)i, out var info));
                inputs[i] = Describe(api, api.TakeString(name), info);
            }

            var outputs = new OnnxNodeInfo[(int)outputCount];
            for (var i = 0; i < outputs.Length; i++)
            {
                api.Check(api.SessionGetOutputName(raw, (nuint)i, api.Allocator, out var name));
                api.Check(api.SessionGetOutputTypeInfo(raw, (nuint)i, out var info));
                outputs[i] = Describe(api, api.TakeString(name), info);
            }

            return new OnnxSession(runtime, session, inputs, outputs, ReadMetadata(api, raw));
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Releases the native session once no <see cref="Run"/> is using it; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose() => _session.Dispose();

    private static byte[] PinnedUtf8(string text)
    {
        var source = OnnxRuntime.Utf8(text);
        var pinned = GC.AllocateArray<byte>(source.Length, pinned: true);
        source.CopyTo(pinned, 0);
        return pinned;
    }

    private static IntPtr AddressOf(byte[] pinned) => (IntPtr)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));

    private static void AddConfig(OrtApi api, IntPtr options, string key, string value)
    {
        fixed (byte* k = OnnxRuntime.Utf8(key))
        fixed (byte* v = OnnxRuntime.Utf8(value))
        {
            api.Check(api.AddSessionConfigEntry(options, k, v));
        }
    }

    /// <summary>Reads a type info (and releases it).</summary>
    private static OnnxNodeInfo Describe(OrtApi api, string name, IntPtr typeInfo)
    {
        using var owned = new OrtHandle(typeInfo, api.ReleaseTypeInfo);
        api.Check(api.GetOnnxTypeFromTypeInfo(typeInfo, out var kind));
        if ((OnnxValueKind)kind != OnnxValueKind.Tensor)
        {
            return new OnnxNodeInfo(name, (OnnxValueKind)kind, TensorElementType.Undefined, [], []);
        }

        // Owned by the type info: not released separately.
        api.Check(api.CastTypeInfoToTensorInfo(typeInfo, out var tensorInfo));
        api.Check(api.GetTensorElementType(tensorInfo, out var element));
        api.Check(api.GetDimensionsCount(tensorInfo, out var rank));
        var dims = new long[(int)rank];
        var symbols = new IntPtr[(int)rank];
        fixed (long* d = dims)
        fixed (IntPtr* s = symbols)
        {
            api.Check(api.GetDimensions(tensorInfo, d, rank));
            api.Check(api.GetSymbolicDimensions(tensorInfo, s, rank));
        }

        return new OnnxNodeInfo(
            name, OnnxValueKind.Tensor, (TensorElementType)element, dims,
            symbols.Select(p => p == IntPtr.Zero ? string.Empty : Marshal.PtrToStringUTF8(p) ?? string.Empty).ToArray());
    }

    private static OnnxModelMetadata ReadMetadata(OrtApi api, IntPtr session)
    {
        api.Check(api.SessionGetModelMetadata(session, out var raw));
        using var owned = new OrtHandle(raw, api.ReleaseModelMetadata);
        string Read(delegate* unmanaged<IntPtr, IntPtr, out IntPtr, IntPtr> getter)
        {
            api.Check(getter(raw, api.Allocator, out var text));
            return api.TakeString(text);
        }

        var custom = new Dictionary<string, string>(StringComparer.Ordinal);
        api.Check(api.ModelMetadataGetCustomMetadataMapKeys(raw, api.Allocator, out var keys, out var count));
        if (keys != IntPtr.Zero)
        {
            var keyList = new List<string>();
            for (var i = 0; i < count; i++)
            {
                keyList.Add(api.TakeString(((IntPtr*)keys)[i]));
            }

            api.Check(api.AllocatorFree(api.Allocator, keys));
            foreach (var key in keyList)
            {
                fixed (byte* k = OnnxRuntime.Utf8(key))
                {
                    api.Check(api.ModelMetadataLookupCustomMetadataMap(raw, api.Allocator, k, out var value));
                    custom[key] = value == IntPtr.Zero ? string.Empty : api.TakeString(value);
                }
            }
        }

        api.Check(api.ModelMetadataGetVersion(raw, out var version));
        return new OnnxModelMetadata(
            Read(api.ModelMetadataGetProducerName), Read(api.ModelMetadataGetGraphName), Read(api.ModelMetadataGetDomain),
            Read(api.ModelMetadataGetDescription), version, custom);
    }
}
