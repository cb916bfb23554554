using System.Text;
using Cairn.Onnx.Native;

namespace Cairn.Onnx;

/// <summary>
/// The loaded native library and one ONNX Runtime environment (logging, global state) for the process.
/// Load it once with <see cref="TryLoad"/> and share it: sessions keep a reference.
/// </summary>
public sealed unsafe class OnnxRuntime
{
    private static readonly Lock Gate = new();
    private static OnnxRuntime? _shared;

    private OnnxRuntime(OrtApi api, OrtHandle environment, OrtHandle cpuMemory, string path)
    {
        Api = api;
        Environment = environment;
        CpuMemory = cpuMemory;
        LibraryPath = path;
    }

    /// <summary>ONNX Runtime's version string, e.g. "1.30.0".</summary>
    public string Version => Api.Version;

    /// <summary>Where the library was loaded from.</summary>
    public string LibraryPath { get; }

    internal OrtApi Api { get; }

    internal OrtHandle Environment { get; }

    /// <summary>Describes ordinary process memory, for tensors over managed arrays.</summary>
    internal OrtHandle CpuMemory { get; }

    /// <summary>
    /// The process's runtime, loaded on first use (see <see cref="OrtLibrary"/> for the search order), or
    /// null with the reason when the library is missing or unusable. The rest of Cairn runs either way.
    /// </summary>
    public static OnnxRuntime? TryLoad(out string? problem)
    {
        lock (Gate)
        {
            if (_shared is not null)
            {
                problem = null;
                return _shared;
            }

            var (library, path, missing) = OrtLibrary.Get();
            if (library == IntPtr.Zero)
            {
                problem = missing;
                return null;
            }

            var api = OrtApi.TryCreate(library, out problem);
            if (api is null)
            {
                return null;
            }

            IntPtr env;
            fixed (byte* name = "cairn\0"u8)
            {
                api.Check(api.CreateEnv(3 /* ORT_LOGGING_LEVEL_ERROR */, name, out env));
            }

            var environment = new OrtHandle(env, api.ReleaseEnv);
            api.Check(api.CreateCpuMemoryInfo(0 /* OrtDeviceAllocator */, 0 /* OrtMemTypeDefault */, out var memory));
            _shared = new OnnxRuntime(api, environment, new OrtHandle(memory, api.ReleaseMemoryInfo), path!);
            return _shared;
        }
    }

    /// <summary>The process's runtime; throws <see cref="OnnxRuntimeUnavailableException"/> with the reason when missing.</summary>
    public static OnnxRuntime Load() => TryLoad(out var problem) ?? throw new OnnxRuntimeUnavailableException(problem!);

    /// <summary>Creates a session from a model's bytes (the ONNX protobuf).</summary>
    public OnnxSession CreateSession(ReadOnlySpan<byte> model, OnnxSessionOptions? options = null) => OnnxSession.Create(this, model, options ?? new OnnxSessionOptions());

    internal static byte[] Utf8(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
