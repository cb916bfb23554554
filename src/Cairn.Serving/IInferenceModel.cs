using Cairn.Onnx;

namespace Cairn.Serving;

/// <summary>
/// What a deployment serves: a signature (tensor inputs and outputs, with open dimensions as -1) and a run
/// over tensors. An ONNX session is one; a pipeline around sessions (OCR: image in, text out) is another,
/// so both protocols, validation, queues, batching and metrics treat them alike.
/// </summary>
public interface IInferenceModel : IDisposable
{
    IReadOnlyList<OnnxNodeInfo> Inputs { get; }

    IReadOnlyList<OnnxNodeInfo> Outputs { get; }

    OnnxModelMetadata Metadata { get; }

    /// <summary>Runs the model; thread-safe. <paramref name="outputs"/> selects outputs by name (null: every tensor output).</summary>
    IReadOnlyList<OnnxTensor> Run(IReadOnlyList<OnnxTensor> inputs, IReadOnlyList<string>? outputs, CancellationToken ct);
}

/// <summary>A deployment served straight by one ONNX Runtime session.</summary>
public sealed class OnnxModel(OnnxSession session) : IInferenceModel
{
    public IReadOnlyList<OnnxNodeInfo> Inputs => session.Inputs;

    public IReadOnlyList<OnnxNodeInfo> Outputs => session.Outputs;

    public OnnxModelMetadata Metadata => session.Metadata;

    public IReadOnlyList<OnnxTensor> Run(IReadOnlyList<OnnxTensor> inputs, IReadOnlyList<string>? outputs, CancellationToken ct) => session.Run(inputs, outputs, ct);

    public void Dispose() => session.Dispose();
}
