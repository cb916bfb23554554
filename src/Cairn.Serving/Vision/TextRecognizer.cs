using Cairn.Onnx;

namespace Cairn.Serving.Vision;

/// <summary>
/// Reads text lines with a CTC recogniser (PP-OCRv4's: input <c>[N, 3, 48, W]</c>, output <c>[N, T, classes]</c>).
/// Each line is scaled to height 48 keeping its aspect ratio, normalised to −1…1, and right-padded with zeros
/// to the batch's widest line (at least 320 pixels), as PaddleOCR's <c>resize_norm_img</c> does.
/// </summary>
public sealed class TextRecognizer
{
    private const int Height = 48;
    private const int MinWidth = 320;

    /// <summary>The widest line read, in pixels after scaling to height 48 (a line 100 times longer than high).</summary>
    public const int MaxWidth = 4800;

    private readonly OnnxSession _session;
    private readonly CtcDecoder _decoder;

    public TextRecognizer(OnnxSession session, CtcDecoder decoder)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(decoder);
        var input = session.Inputs[0];
        if (session.Inputs.Count != 1 || input.Rank != 4 || input.Dimensions[1] != 3 || input.Dimensions[2] != Height)
        {
            throw new InvalidDataException($"a text recogniser takes one input [N, 3, {Height}, W]; this model takes {OpenInference.Signature(session.Inputs)}");
        }

        _session = session;
        _decoder = decoder;
    }

    /// <summary>Reads every line in one run; text is trimmed of the spaces a margin reads as.</summary>
    public IReadOnlyList<(string Text, float Confidence)> Read(IReadOnlyList<RgbImage> lines, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            return [];
        }

        var widths = lines.Select(l => Math.Clamp((int)Math.Ceiling(Height * (double)l.Width / l.Height), 1, MaxWidth)).ToArray();
        var batchWidth = Math.Max(MinWidth, widths.Max());
        var plane = Height * batchWidth;
        var input = new float[lines.Count * 3 * plane];
        for (var n = 0; n < lines.Count; n++)
        {
            var resized = lines[n].Resize(widths[n], Height);
            var image = n * 3 * plane;
            for (var y = 0; y < Height; y++)
            {
                for (var x = 0; x < widths[n]; x++)
                {
                    var pixel = ((y * widths[n]) + x) * 3;
                    for (var c = 0; c < 3; c++)
                    {
                        // BGR channel order, as the model was trained (OpenCV reads BGR).
                        input[image + (c * plane) + (y * batchWidth) + x] = ((resized.Pixels[pixel + 2 - c] / 255f) - 0.5f) / 0.5f;
                    }
                }
            }
        }

        var output = _session.Run([OnnxTensor.Of(_session.Inputs[0].Name, input, lines.Count, 3, Height, batchWidth)], null, ct)[0];
        if (output.Shape.Length != 3 || output.Shape[2] != _decoder.Classes)
        {
            throw new InvalidDataException($"the recogniser answered [{string.Join(", ", output.Shape)}]; [N, T, {_decoder.Classes}] was expected");
        }

        var steps = (int)output.Shape[1];
        var probabilities = output.As<float>();
        var results = new (string, float)[lines.Count];
        for (var n = 0; n < lines.Count; n++)
        {
            var (text, confidence) = _decoder.Decode(probabilities.AsSpan(n * steps * _decoder.Classes, steps * _decoder.Classes), steps);
            results[n] = (text.Trim(), confidence);
        }

        return results;
    }
}
