using System.Runtime.InteropServices;

namespace Cairn.Onnx.Native;

/// <summary>
/// Finds and loads libonnxruntime, in this order:
/// 1. the file named by <c>CAIRN_ONNXRUNTIME_PATH</c> (when set, nothing else is tried);
/// 2. the application folder (<c>libonnxruntime.so.1</c> beside the assemblies, where the build copies it);
/// 3. the system's library search path (<c>LD_LIBRARY_PATH</c>, the ld cache, <c>/usr/lib</c>, …).
/// </summary>
internal static class OrtLibrary
{
    public const string EnvironmentVariable = "CAIRN_ONNXRUNTIME_PATH";
    public const string FileName = "libonnxruntime.so.1";

    private static readonly Lazy<(IntPtr Handle, string? Path, string? Problem)> Loaded = new(Load);

    /// <summary>The loaded library's handle and where it came from, or why it could not be loaded.</summary>
    public static (IntPtr Handle, string? Path, string? Problem) Get() => Loaded.Value;

    private static (IntPtr, string?, string?) Load()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (!File.Exists(configured))
            {
                return (IntPtr.Zero, null, $"{EnvironmentVariable} names '{configured}', which does not exist");
            }

            return NativeLibrary.TryLoad(configured, out var handle)
                ? (handle, configured, null)
                : (IntPtr.Zero, null, $"{EnvironmentVariable} names '{configured}', which cannot be loaded as a shared library");
        }

        var beside = Path.Combine(AppContext.BaseDirectory, FileName);
        if (File.Exists(beside) && NativeLibrary.TryLoad(beside, out var local))
        {
            return (local, beside, null);
        }

        if (NativeLibrary.TryLoad(FileName, typeof(OrtLibrary).Assembly, DllImportSearchPath.SafeDirectories, out var system))
        {
            return (system, FileName + " (system search path)", null);
        }

        return (IntPtr.Zero, null,
            $"ONNX Runtime's native library ({FileName}) was not found: set {EnvironmentVariable}, put it beside the application " +
            $"({AppContext.BaseDirectory}), or install it on the library path; scripts/fetch-onnxruntime.sh fetches version 1.30.0");
    }
}
