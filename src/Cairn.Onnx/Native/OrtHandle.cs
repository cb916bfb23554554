using System.Runtime.InteropServices;

namespace Cairn.Onnx.Native;

/// <summary>An owned ONNX Runtime object, released exactly once by its own Release function.</summary>
internal sealed unsafe class OrtHandle : SafeHandle
{
    private readonly delegate* unmanaged<IntPtr, void> _release;

    public OrtHandle(IntPtr handle, delegate* unmanaged<IntPtr, void> release)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        _release = release;
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        _release(handle);
        return true;
    }
}
