using Cairn.Core.Errors;
using Cairn.Onnx;

namespace Cairn.Serving.Vision;

/// <summary>
/// Optical character recognition as a served model: input <c>image</c> (BYTES, one encoded PNG per row, base64
/// in JSON), outputs <c>text</c> (BYTES) and <c>confidence</c> (FP32, the mean probability of the characters
/// read). With a detector, each image is a page: its lines are found, read, and joined top to bottom with
/// newlines (boxes on one row with spaces); without one, each image is a single line.
/// </summary>
public sealed class OcrModel : IInferenceModel
{
    private readonly OnnxSession _recognizerSession;
    private readonly OnnxSession? _detectorSession;
    private readonly TextRecognizer _recognizer;
    private readonly TextDetector? _detector;
    private readonly IImageDecoder _decoder;

    public OcrModel(OnnxSession recognizer, OnnxSession? detector, CtcDecoder vocabulary, IImageDecoder decoder)
    {
        ArgumentNullException.ThrowIfNull(recognizer);
        _recognizerSession = recognizer;
        _detectorSession = detector;
        _recognizer = new TextRecognizer(recognizer, vocabulary);
        _detector = detector is null ? null : new TextDetector(detector);
        _decoder = decoder;
        var custom = new Dictionary<string, string>(recognizer.Metadata.Custom) { ["cairn_task"] = "ocr", ["cairn_ocr_detector"] = detector is null ? "none" : "dbnet" };
        Metadata = recognizer.Metadata with { Custom = custom };
    }

    public IReadOnlyList<OnnxNodeInfo> Inputs { get; } = [new("image", OnnxValueKind.Tensor, TensorElementType.String, [-1], ["batch"])];

    public IReadOnlyList<OnnxNodeInfo> Outputs { get; } =
    [
        new("text", OnnxValueKind.Tensor, TensorElementType.String, [-1], ["batch"]),
        new("confidence", OnnxValueKind.Tensor, TensorElementType.Float, [-1], ["batch"]),
    ];

    public OnnxModelMetadata Metadata { get; }

    public IReadOnlyList<OnnxTensor> Run(IReadOnlyList<OnnxTensor> inputs, IReadOnlyList<string>? outputs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var encoded = inputs.Single(i => i.Name == "image").As<string>();
        var images = encoded.Select((e, i) => _decoder.Decode(Base64(e, i))).ToList();
        return Answer(images.Select(image => Read(image, ct)).ToList(), outputs);
    }

    /// <summary>Reads already-decoded images (the raw-upload route).</summary>
    public (string Text, float Confidence) Read(RgbImage image, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (_detector is null)
        {
            return _recognizer.Read([image], ct)[0];
        }

        var boxes = _detector.Detect(image, ct);
        var lines = _recognizer.Read(boxes.Select(b => Crop(image, b)).ToList(), ct);
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                text.Append(Math.Abs(boxes[i].Y0 - boxes[i - 1].Y0) < 10 ? ' ' : '\n');
            }

            text.Append(lines[i].Text);
        }

        var read = lines.Where(l => l.Text.Length > 0).ToList();
        return (text.ToString(), read.Count == 0 ? 0f : read.Average(l => l.Confidence));
    }

    /// <summary>
    /// The line's box with a margin of a tenth of its height (at least 2 pixels): axis-aligned boxes sit tight on
    /// the glyphs, and the recogniser drops the spaces of lines cropped that tightly.
    /// </summary>
    private static RgbImage Crop(RgbImage image, TextBox box)
    {
        var margin = Math.Max(2, 0.1 * (box.Y1 - box.Y0));
        return image.Crop((int)Math.Floor(box.X0 - margin), (int)Math.Floor(box.Y0 - margin), (int)Math.Ceiling(box.X1 + margin), (int)Math.Ceiling(box.Y1 + margin));
    }

    public void Dispose()
    {
        _recognizerSession.Dispose();
        _detectorSession?.Dispose();
    }

    private static byte[] Base64(string value, int row)
    {
        var bytes = new byte[value.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(value, bytes, out var length)
            ? bytes[..length]
            : throw CairnException.Invalid("image", $"row {row} is not base64: each element of the image input is an encoded PNG file in base64");
    }

    private static List<OnnxTensor> Answer(List<(string Text, float Confidence)> read, IReadOnlyList<string>? outputs)
    {
        var all = new List<OnnxTensor>
        {
            OnnxTensor.Of("text", read.Select(r => r.Text).ToArray(), read.Count),
            OnnxTensor.Of("confidence", read.Select(r => r.Confidence).ToArray(), read.Count),
        };
        return outputs is null ? all : [.. outputs.Select(o => all.Single(t => t.Name == o))];
    }
}
