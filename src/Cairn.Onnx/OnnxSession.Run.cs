using System.Runtime.InteropServices;
using Cairn.Onnx.Native;

namespace Cairn.Onnx;

public sealed unsafe partial class OnnxSession
{
    /// <summary>
    /// Runs the model. Inputs are matched by name; <paramref name="outputs"/> selects outputs (all when null).
    /// Numeric inputs are passed to ONNX Runtime without copying (pinned for the call). Cancelling
    /// <paramref name="ct"/> terminates the native run and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public IReadOnlyList<OnnxTensor> Run(IReadOnlyList<OnnxTensor> inputs, IReadOnlyList<string>? outputs = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ct.ThrowIfCancellationRequested();
        var outputIndexes = outputs is null ? Enumerable.Range(0, Outputs.Count).ToArray() : outputs.Select(OutputIndex).ToArray();
        foreach (var i in outputIndexes.Where(i => Outputs[i].Kind != OnnxValueKind.Tensor))
        {
            throw new NotSupportedException($"output '{Outputs[i].Name}' is a {Outputs[i].Kind}; only tensor outputs can be read");
        }

        var added = false;
        _session.DangerousAddRef(ref added);
        var pins = new List<GCHandle>(inputs.Count * 2);
        var inputValues = new IntPtr[inputs.Count];
        var inputNames = new IntPtr[inputs.Count];
        var outputValues = new IntPtr[outputIndexes.Length];
        var outputNames = outputIndexes.Select(i => _outputNames[i]).ToArray();
        try
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                inputNames[i] = _inputNames[InputIndex(inputs[i].Name)];
                inputValues[i] = CreateValue(inputs[i], pins);
            }

            RunNative(inputNames, inputValues, outputNames, outputValues, ct);
            var results = new OnnxTensor[outputValues.Length];
            for (var i = 0; i < results.Length; i++)
            {
                results[i] = ReadValue(Outputs[outputIndexes[i]].Name, outputValues[i]);
            }

            return results;
        }
        finally
        {
            foreach (var value in inputValues.Concat(outputValues).Where(v => v != IntPtr.Zero))
            {
                Api.ReleaseValue(value);
            }

            pins.ForEach(p => p.Free());
            _session.DangerousRelease();
        }
    }

    private void RunNative(IntPtr[] inputNames, IntPtr[] inputValues, IntPtr[] outputNames, IntPtr[] outputValues, CancellationToken ct)
    {
        var runOptions = IntPtr.Zero;
        CancellationTokenRegistration registration = default;
        if (ct.CanBeCanceled)
        {
            Api.Check(Api.CreateRunOptions(out runOptions));
            var api = Api;
            var target = runOptions;
            registration = ct.Register(() =>
            {
                var status = api.RunOptionsSetTerminate(target);
                if (status != IntPtr.Zero)
                {
                    api.ReleaseStatus(status);
                }
            });
        }

        try
        {
            IntPtr status;
            fixed (IntPtr* inNames = inputNames)
            fixed (IntPtr* inValues = inputValues)
            fixed (IntPtr* outNames = outputNames)
            fixed (IntPtr* outValues = outputValues)
            {
                status = Api.Run(_session.DangerousGetHandle(), runOptions, inNames, inValues, (nuint)inputValues.Length, outNames, (nuint)outputNames.Length, outValues);
            }

            if (status != IntPtr.Zero && ct.IsCancellationRequested)
            {
                Api.ReleaseStatus(status);
                throw new OperationCanceledException("the model run was terminated", ct);
            }

            Api.Check(status);
        }
        finally
        {
            registration.Dispose(); // waits for a callback in flight, so the run options outlive it
            if (runOptions != IntPtr.Zero)
            {
                Api.ReleaseRunOptions(runOptions);
            }
        }
    }

    private int InputIndex(string name) =>
        _inputIndex.TryGetValue(name, out var i) ? i : throw new ArgumentException($"the model has no input named '{name}' (inputs: {string.Join(", ", Inputs.Select(n => n.Name))})");

    private int OutputIndex(string name) =>
        _outputIndex.TryGetValue(name, out var i) ? i : throw new ArgumentException($"the model has no output named '{name}' (outputs: {string.Join(", ", Outputs.Select(n => n.Name))})");

    private IntPtr CreateValue(OnnxTensor tensor, List<GCHandle> pins)
    {
        var shape = GCHandle.Alloc(tensor.Shape, GCHandleType.Pinned);
        pins.Add(shape);
        var shapePtr = (long*)shape.AddrOfPinnedObject();
        IntPtr value;
        if (tensor.ElementType == TensorElementType.String)
        {
            Api.Check(Api.CreateTensorAsOrtValue(Api.Allocator, shapePtr, (nuint)tensor.Shape.Length, (int)TensorElementType.String, out value));
            var strings = (string[])tensor.Data;
            var utf8 = strings.Select(s => Marshal.StringToCoTaskMemUTF8(s ?? string.Empty)).ToArray();
            try
            {
                fixed (IntPtr* p = utf8)
                {
                    var status = Api.FillStringTensor(value, p, (nuint)utf8.Length);
                    if (status != IntPtr.Zero)
                    {
                        Api.ReleaseValue(value);
                        Api.Check(status);
                    }
                }
            }
            finally
            {
                Array.ForEach(utf8, Marshal.FreeCoTaskMem);
            }

            return value;
        }

        var data = GCHandle.Alloc(tensor.Data, GCHandleType.Pinned);
        pins.Add(data);
        var bytes = (nuint)(Buffer.ByteLength(tensor.Data));
        Api.Check(Api.CreateTensorWithDataAsOrtValue(
            _runtime.CpuMemory.DangerousGetHandle(), (void*)data.AddrOfPinnedObject(), bytes, shapePtr, (nuint)tensor.Shape.Length, (int)tensor.ElementType, out value));
        return value;
    }

    private OnnxTensor ReadValue(string name, IntPtr value)
    {
        Api.Check(Api.GetTensorTypeAndShape(value, out var rawInfo));
        TensorElementType type;
        long[] shape;
        using (new OrtHandle(rawInfo, Api.ReleaseTensorTypeAndShapeInfo))
        {
            Api.Check(Api.GetTensorElementType(rawInfo, out var element));
            Api.Check(Api.GetDimensionsCount(rawInfo, out var rank));
            type = (TensorElementType)element;
            shape = new long[(int)rank];
            fixed (long* d = shape)
            {
                Api.Check(Api.GetDimensions(rawInfo, d, rank));
            }
        }

        if (!TensorElementTypes.IsSupported(type))
        {
            throw new NotSupportedException($"output '{name}' holds {type} elements, which Cairn does not read");
        }

        var count = checked((int)OnnxTensor.ElementCount(shape));
        if (type == TensorElementType.String)
        {
            return new OnnxTensor(name, type, shape, ReadStrings(value, count));
        }

        var array = Array.CreateInstance(TensorElementTypes.ArrayType(type).GetElementType()!, count);
        Api.Check(Api.GetTensorMutableData(value, out var source));
        var length = Buffer.ByteLength(array);
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        try
        {
            Buffer.MemoryCopy((void*)source, (void*)handle.AddrOfPinnedObject(), length, length);
        }
        finally
        {
            handle.Free();
        }

        return new OnnxTensor(name, type, shape, array);
    }

    private string[] ReadStrings(IntPtr value, int count)
    {
        Api.Check(Api.GetStringTensorDataLength(value, out var total));
        var content = new byte[(int)total];
        var offsets = new nuint[count];
        fixed (byte* c = content)
        fixed (nuint* o = offsets)
        {
            Api.Check(Api.GetStringTensorContent(value, c, total, o, (nuint)count));
        }

        var strings = new string[count];
        for (var i = 0; i < count; i++)
        {
            var start = (int)offsets[i];
            var end = i + 1 < count ? (int)offsets[i + 1] : content.Length;
            strings[i] = System.Text.Encoding.UTF8.GetString(content, start, end - start);
        }

        return strings;
    }
}
