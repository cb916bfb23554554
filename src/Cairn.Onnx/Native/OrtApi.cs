using System.Runtime.InteropServices;

namespace Cairn.Onnx.Native;

/// <summary>
/// The functions of ONNX Runtime's <c>OrtApi</c> table that Cairn calls. The table is an append-only
/// array of function pointers; each slot number below is the function's position in the <c>OrtApi</c>
/// struct of <c>onnxruntime_c_api.h</c>. A wrong slot calls the wrong function silently, so every one has its own test.
/// Every function returns an <c>OrtStatus*</c>: null for success, otherwise read by <see cref="Check"/>.
/// </summary>
internal sealed unsafe class OrtApi
{
    public const uint ApiVersion = 22;

    public readonly delegate* unmanaged<IntPtr, int> GetErrorCode;                                                  // 1
    public readonly delegate* unmanaged<IntPtr, IntPtr> GetErrorMessage;                                            // 2
    public readonly delegate* unmanaged<int, byte*, out IntPtr, IntPtr> CreateEnv;                                   // 3
    public readonly delegate* unmanaged<IntPtr, void*, nuint, IntPtr, out IntPtr, IntPtr> CreateSessionFromArray;   // 8
    public readonly delegate* unmanaged<IntPtr, IntPtr, IntPtr*, IntPtr*, nuint, IntPtr*, nuint, IntPtr*, IntPtr> Run; // 9
    public readonly delegate* unmanaged<out IntPtr, IntPtr> CreateSessionOptions;                                   // 10
    public readonly delegate* unmanaged<IntPtr, int, IntPtr> SetSessionExecutionMode;                                // 13
    public readonly delegate* unmanaged<IntPtr, int, IntPtr> SetSessionGraphOptimizationLevel;                       // 23
    public readonly delegate* unmanaged<IntPtr, int, IntPtr> SetIntraOpNumThreads;                                   // 24
    public readonly delegate* unmanaged<IntPtr, int, IntPtr> SetInterOpNumThreads;                                   // 25
    public readonly delegate* unmanaged<IntPtr, out nuint, IntPtr> SessionGetInputCount;                             // 30
    public readonly delegate* unmanaged<IntPtr, out nuint, IntPtr> SessionGetOutputCount;                            // 31
    public readonly delegate* unmanaged<IntPtr, nuint, out IntPtr, IntPtr> SessionGetInputTypeInfo;                  // 33
    public readonly delegate* unmanaged<IntPtr, nuint, out IntPtr, IntPtr> SessionGetOutputTypeInfo;                 // 34
    public readonly delegate* unmanaged<IntPtr, nuint, IntPtr, out IntPtr, IntPtr> SessionGetInputName;              // 36
    public readonly delegate* unmanaged<IntPtr, nuint, IntPtr, out IntPtr, IntPtr> SessionGetOutputName;             // 37
    public readonly delegate* unmanaged<out IntPtr, IntPtr> CreateRunOptions;                                       // 39
    public readonly delegate* unmanaged<IntPtr, IntPtr> RunOptionsSetTerminate;                                     // 46
    public readonly delegate* unmanaged<IntPtr, long*, nuint, int, out IntPtr, IntPtr> CreateTensorAsOrtValue;      // 48
    public readonly delegate* unmanaged<IntPtr, void*, nuint, long*, nuint, int, out IntPtr, IntPtr> CreateTensorWithDataAsOrtValue; // 49
    public readonly delegate* unmanaged<IntPtr, out IntPtr, IntPtr> GetTensorMutableData;                            // 51
    public readonly delegate* unmanaged<IntPtr, IntPtr*, nuint, IntPtr> FillStringTensor;                           // 52
    public readonly delegate* unmanaged<IntPtr, out nuint, IntPtr> GetStringTensorDataLength;                        // 53
    public readonly delegate* unmanaged<IntPtr, void*, nuint, nuint*, nuint, IntPtr> GetStringTensorContent;         // 54
    public readonly delegate* unmanaged<IntPtr, out IntPtr, IntPtr> CastTypeInfoToTensorInfo;                        // 55
    public readonly delegate* unmanaged<IntPtr, out int, IntPtr> GetOnnxTypeFromTypeInfo;                            // 56
    public readonly delegate* unmanaged<IntPtr, out int, IntPtr> GetTensorElementType;                               // 60
    public readonly delegate* unmanaged<IntPtr, out nuint, IntPtr> GetDimensionsCount;                               // 61
    public readonly delegate* unmanaged<IntPtr, long*, nuint, IntPtr> GetDimensions;                                 // 62
    public readonly delegate* unmanaged<IntPtr, IntPtr*, nuint, IntPtr> GetSymbolicDimensions;                       // 63
    public readonly delegate* unmanaged<IntPtr, out IntPtr, IntPtr> GetTensorTypeAndShape;                           // 65
    public readonly delegate* unmanaged<IntPtr, out int, IntPtr> GetValueType;                                       // 67
    public readonly delegate* unmanaged<int, int, out IntPtr, IntPtr> CreateCpuMemoryInfo;                           // 69
    public readonly delegate* unmanaged<IntPtr, IntPtr, IntPtr> AllocatorFree;                                      // 76
    public readonly delegate* unmanaged<out IntPtr, IntPtr> GetAllocatorWithDefaultOptions;                         // 78
    public readonly delegate* unmanaged<IntPtr, void> ReleaseEnv;                                                   // 92
    public readonly delegate* unmanaged<IntPtr, void> ReleaseStatus;                                                // 93
    public readonly delegate* unmanaged<IntPtr, void> ReleaseMemoryInfo;                                            // 94
    public readonly delegate* unmanaged<IntPtr, void> ReleaseSession;                                               // 95
    public readonly delegate* unmanaged<IntPtr, void> ReleaseValue;                                                 // 96
    public readonly delegate* unmanaged<IntPtr, void> ReleaseRunOptions;                                            // 97
    public readonly delegate* unmanaged<IntPtr, void> ReleaseTypeInfo;                                              // 98
    public readonly delegate* unmanaged<IntPtr, void> ReleaseTensorTypeAndShapeInfo;                                // 99
    public readonly delegate* unmanaged<IntPtr, void> ReleaseSessionOptions;                                        // 100
    public readonly delegate* unmanaged<IntPtr, out IntPtr, IntPtr> SessionGetModelMetadata;                         // 111
    public readonly delegate* unmanaged<IntPtr, IntPtr, out IntPtr, IntPtr> ModelMetadataGetProducerName;            // 112
    public readonly delegate* unmanaged<IntPtr, IntPtr, out IntPtr, IntPtr> ModelMetadataGetGraphName;               // 113
    public readonly delegate* unmanaged<IntPtr, IntPtr, out IntPtr, IntPtr> ModelMetadataGetDomain;                  // 114
    public readonly delegate* unmanaged<IntPtr, IntPtr, out IntPtr, IntPtr> ModelMetadataGetDescription;             // 115
    public readonly delegate* unmanaged<IntPtr, IntPtr, byte*, out IntPtr, IntPtr> ModelMetadataLookupCustomMetadataMap; // 116
    public readonly delegate* unmanaged<IntPtr, out long, IntPtr> ModelMetadataGetVersion;                           // 117
    public readonly delegate* unmanaged<IntPtr, void> ReleaseModelMetadata;                                         // 118
    public readonly delegate* unmanaged<IntPtr, IntPtr, out IntPtr, out long, IntPtr> ModelMetadataGetCustomMetadataMapKeys; // 123
    public readonly delegate* unmanaged<IntPtr, byte*, byte*, IntPtr> AddSessionConfigEntry;                         // 130

    private OrtApi(IntPtr* t)
    {
        GetErrorCode = (delegate* unmanaged<IntPtr, int>)t[1];
        GetErrorMessage = (delegate* unmanaged<IntPtr, IntPtr>)t[2];
        CreateEnv = (delegate* unmanaged<int, byte*, out IntPtr, IntPtr>)t[3];
        CreateSessionFromArray = (delegate* unmanaged<IntPtr, void*, nuint, IntPtr, out IntPtr, IntPtr>)t[8];
        Run = (delegate* unmanaged<IntPtr, IntPtr, IntPtr*, IntPtr*, nuint, IntPtr*, nuint, IntPtr*, IntPtr>)t[9];
        CreateSessionOptions = (delegate* unmanaged<out IntPtr, IntPtr>)t[10];
        SetSessionExecutionMode = (delegate* unmanaged<IntPtr, int, IntPtr>)t[13];
        SetSessionGraphOptimizationLevel = (delegate* unmanaged<IntPtr, int, IntPtr>)t[23];
        SetIntraOpNumThreads = (delegate* unmanaged<IntPtr, int, IntPtr>)t[24];
        SetInterOpNumThreads = (delegate* unmanaged<IntPtr, int, IntPtr>)t[25];
        SessionGetInputCount = (delegate* unmanaged<IntPtr, out nuint, IntPtr>)t[30];
        SessionGetOutputCount = (delegate* unmanaged<IntPtr, out nuint, IntPtr>)t[31];
        SessionGetInputTypeInfo = (delegate* unmanaged<IntPtr, nuint, out IntPtr, IntPtr>)t[33];
        SessionGetOutputTypeInfo = (delegate* unmanaged<IntPtr, nuint, out IntPtr, IntPtr>)t[34];
        SessionGetInputName = (delegate* unmanaged<IntPtr, nuint, IntPtr, out IntPtr, IntPtr>)t[36];
        SessionGetOutputName = (delegate* unmanaged<IntPtr, nuint, IntPtr, out IntPtr, IntPtr>)t[37];
        CreateRunOptions = (delegate* unmanaged<out IntPtr, IntPtr>)t[39];
        RunOptionsSetTerminate = (delegate* unmanaged<IntPtr, IntPtr>)t[46];
        CreateTensorAsOrtValue = (delegate* unmanaged<IntPtr, long*, nuint, int, out IntPtr, IntPtr>)t[48];
        CreateTensorWithDataAsOrtValue = (delegate* unmanaged<IntPtr, void*, nuint, long*, nuint, int, out IntPtr, IntPtr>)t[49];
        GetTensorMutableData = (delegate* unmanaged<IntPtr, out IntPtr, IntPtr>)t[51];
        FillStringTensor = (delegate* unmanaged<IntPtr, IntPtr*, nuint, IntPtr>)t[52];
        GetStringTensorDataLength = (delegate* unmanaged<IntPtr, out nuint, IntPtr>)t[53];
        GetStringTensorContent = (delegate* unmanaged<IntPtr, void*, nuint, nuint*, nuint, IntPtr>)t[54];
        CastTypeInfoToTensorInfo = (delegate* unmanaged<IntPtr, out IntPtr, IntPtr>)t[55];
        GetOnnxTypeFromTypeInfo = (delegate* unmanaged<IntPtr, out int, IntPtr>)t[56];
        GetTensorElementType = (delegate* unmanaged<IntPtr, out int, IntPtr>)t[60];
        GetDimensionsCount = (delegate* unmanaged<IntPtr, out nuint, IntPtr>)t[61];
        GetDimensions = (delegate* unmanaged<IntPtr, long*, nuint, IntPtr>)t[62];
        GetSymbolicDimensions = (delegate* unmanaged<IntPtr, IntPtr*, nuint, IntPtr>)t[63];
        GetTensorTypeAndShape = (delegate* unmanaged<IntPtr, out IntPtr, IntPtr>)t[65];
        GetValueType = (delegate* unmanaged<IntPtr, out int, IntPtr>)t[67];
        CreateCpuMemoryInfo = (delegate* unmanaged<int, int, out IntPtr, IntPtr>)t[69];
        AllocatorFree = (delegate* unmanaged<IntPtr, IntPtr, IntPtr>)t[76];
        GetAllocatorWithDefaultOptions = (delegate* unmanaged<out IntPtr, IntPtr>)t[78];
        ReleaseEnv = (delegate* unmanaged<IntPtr, void>)t[92];
        ReleaseStatus = (delegate* unmanaged<IntPtr, void>)t[93];
        ReleaseMemoryInfo = (delegate* unmanaged<IntPtr, void>)t[94];
        ReleaseSession = (delegate* unmanaged<IntPtr, void>)t[95];
        ReleaseValue = (delegate* unmanaged<IntPtr, void>)t[96];
        ReleaseRunOptions = (delegate* unmanaged<IntPtr, void>)t[97];
        ReleaseTypeInfo = (delegate* unmanaged<IntPtr, void>)t[98];
        ReleaseTensorTypeAndShapeInfo = (delegate* unmanaged<IntPtr, void>)t[99];
        ReleaseSessionOptions = (delegate* unmanaged<IntPtr, void>)t[100];
        SessionGetModelMetadata = (delegate* unmanaged<IntPtr, out IntPtr, IntPtr>)t[111];
        ModelMetadataGetProducerName = (delegate* unmanaged<IntPtr, IntPtr, out IntPtr, IntPtr>)t[112];
        ModelMetadataGetGraphName = (delegate* unmanaged<IntPtr, IntPtr, out IntPtr, IntPtr>)t[113];
        ModelMetadataGetDomain = (delegate* unmanaged<IntPtr, IntPtr, out IntPtr, IntPtr>)t[114];
        ModelMetadataGetDescription = (delegate* unmanaged<IntPtr, IntPtr, out IntPtr, IntPtr>)t[115];
        ModelMetadataLookupCustomMetadataMap = (delegate* unmanaged<IntPtr, IntPtr, byte*, out IntPtr, IntPtr>)t[116];
        ModelMetadataGetVersion = (delegate* unmanaged<IntPtr, out long, IntPtr>)t[117];
        ReleaseModelMetadata = (delegate* unmanaged<IntPtr, void>)t[118];
        ModelMetadataGetCustomMetadataMapKeys = (delegate* unmanaged<IntPtr, IntPtr, out IntPtr, out long, IntPtr>)t[123];
        AddSessionConfigEntry = (delegate* unmanaged<IntPtr, byte*, byte*, IntPtr>)t[130];
    }

    /// <summary>The library's version string, e.g. "1.30.0".</summary>
    public string Version { get; private init; } = "";

    /// <summary>The process-wide default CPU allocator (never released).</summary>
    public IntPtr Allocator { get; private set; }

    /// <summary>Reads the API table from a loaded library, or returns why it cannot.</summary>
    public static OrtApi? TryCreate(IntPtr library, out string? problem)
    {
        if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out var export))
        {
            problem = "the library does not export OrtGetApiBase; it is not ONNX Runtime";
            return null;
        }

        var getApiBase = (delegate* unmanaged<IntPtr>)export;
        var apiBase = (IntPtr*)getApiBase();
        var getApi = (delegate* unmanaged<uint, IntPtr*>)apiBase[0];
        var getVersion = (delegate* unmanaged<IntPtr>)apiBase[1];
        var version = Marshal.PtrToStringUTF8(getVersion()) ?? "unknown";
        var table = getApi(ApiVersion);
        if (table == null)
        {
            problem = $"ONNX Runtime {version} does not offer C API version {ApiVersion} (1.22 or newer is needed)";
            return null;
        }

        var api = new OrtApi(table) { Version = version };
        api.Check(api.GetAllocatorWithDefaultOptions(out var allocator));
        api.Allocator = allocator;
        problem = null;
        return api;
    }

    /// <summary>Throws <see cref="OnnxRuntimeException"/> for a failed status, releasing it.</summary>
    public void Check(IntPtr status)
    {
        if (status == IntPtr.Zero)
        {
            return;
        }

        var code = GetErrorCode(status);
        var message = Marshal.PtrToStringUTF8(GetErrorMessage(status)) ?? "unknown error";
        ReleaseStatus(status);
        throw new OnnxRuntimeException((OrtErrorCode)code, message);
    }

    /// <summary>Copies a UTF-8 string the default allocator owns, then frees it.</summary>
    public string TakeString(IntPtr text)
    {
        try
        {
            return Marshal.PtrToStringUTF8(text) ?? string.Empty;
        }
        finally
        {
            Check(AllocatorFree(Allocator, text));
        }
    }
}
