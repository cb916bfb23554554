using Cairn.Onnx;

namespace Cairn.Serving.Vision;

/// <summary>
/// Finds text lines with a DBNet detector (PP-OCRv4's): the image is scaled so its longer side is at most
/// 960 and both sides are multiples of 32, normalised with ImageNet's mean and deviation in BGR order; the
/// probability map is thresholded at 0.3, each connected region kept when its mean probability reaches 0.6,
/// and its box grown by the DB "unclip" distance (area × 1.5 ÷ perimeter). Boxes are axis-aligned (upright text).
/// </summary>
public sealed class TextDetector(OnnxSession session)
{
    private const int LimitSide = 960;
    private const float Threshold = 0.3f;
    private const float BoxThreshold = 0.6f;
    private const double UnclipRatio = 1.5;
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Deviation = [0.229f, 0.224f, 0.225f];

    /// <summary>Line boxes in the image's pixels, in reading order (top to bottom, then left to right within a row).</summary>
    public IReadOnlyList<TextBox> Detect(RgbImage image, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(image);
        var scale = Math.Min(1.0, (double)LimitSide / Math.Max(image.Width, image.Height));
        var width = Math.Max(32, (int)Math.Round(image.Width * scale / 32) * 32);
        var height = Math.Max(32, (int)Math.Round(image.Height * scale / 32) * 32);
        var resized = image.Resize(width, height);
        var plane = width * height;
        var input = new float[3 * plane];
        for (var i = 0; i < plane; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                // Channel c of the BGR image is RGB channel 2 − c.
                input[(c * plane) + i] = ((resized.Pixels[(i * 3) + 2 - c] / 255f) - Mean[c]) / Deviation[c];
            }
        }

        var map = session.Run([OnnxTensor.Of(session.Inputs[0].Name, input, 1, 3, height, width)], null, ct)[0];
        var probabilities = map.As<float>();
        var boxes = Regions(probabilities, width, height)
            .Select(r => r.Scale((double)image.Width / width, (double)image.Height / height, image.Width, image.Height))
            .ToList();
        return Order(boxes);
    }

    private static List<TextBox> Regions(float[] p, int width, int height)
    {
        var label = new int[p.Length];
        var boxes = new List<TextBox>();
        var stack = new Stack<int>();
        for (var start = 0; start < p.Length; start++)
        {
            if (p[start] <= Threshold || label[start] != 0)
            {
                continue;
            }

            // Flood-fill one 8-connected region, keeping its bounds.
            int x0 = width, y0 = height, x1 = -1, y1 = -1;
            label[start] = boxes.Count + 1;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var at = stack.Pop();
                var (y, x) = Math.DivRem(at, width);
                (x0, y0, x1, y1) = (Math.Min(x0, x), Math.Min(y0, y), Math.Max(x1, x), Math.Max(y1, y));
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var (nx, ny) = (x + dx, y + dy);
                        if (nx >= 0 && ny >= 0 && nx < width && ny < height && label[(ny * width) + nx] == 0 && p[(ny * width) + nx] > Threshold)
                        {
                            label[(ny * width) + nx] = boxes.Count + 1;
                            stack.Push((ny * width) + nx);
                        }
                    }
                }
            }

            var (w, h) = (x1 - x0 + 1, y1 - y0 + 1);
            var score = MeanInside(p, width, x0, y0, x1, y1);
            if (Math.Min(w, h) < 3 || score < BoxThreshold)
            {
                boxes.Add(TextBox.Rejected);
                continue;
            }

            var grow = w * h * UnclipRatio / (2.0 * (w + h));
            boxes.Add(new TextBox(x0 - grow, y0 - grow, x1 + 1 + grow, y1 + 1 + grow, score));
        }

        return boxes.Where(b => b.Score > 0 && Math.Min(b.X1 - b.X0, b.Y1 - b.Y0) >= 5).ToList();
    }

    private static float MeanInside(float[] p, int width, int x0, int y0, int x1, int y1)
    {
        double sum = 0;
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                sum += p[(y * width) + x];
            }
        }

        return (float)(sum / ((x1 - x0 + 1) * (y1 - y0 + 1)));
    }

    /// <summary>Top to bottom; boxes whose tops are within 10 pixels count as one row and go left to right (PaddleOCR's rule).</summary>
    private static List<TextBox> Order(List<TextBox> boxes)
    {
        var sorted = boxes.OrderBy(b => b.Y0).ThenBy(b => b.X0).ToList();
        for (var i = sorted.Count - 1; i > 0; i--)
        {
            for (var j = i; j > 0 && Math.Abs(sorted[j].Y0 - sorted[j - 1].Y0) < 10 && sorted[j].X0 < sorted[j - 1].X0; j--)
            {
                (sorted[j], sorted[j - 1]) = (sorted[j - 1], sorted[j]);
            }
        }

        return sorted;
    }
}

/// <summary>A detected text line: its box in pixels and the detector's mean probability inside it.</summary>
public sealed record TextBox(double X0, double Y0, double X1, double Y1, float Score)
{
    internal static readonly TextBox Rejected = new(0, 0, 0, 0, 0);

    internal TextBox Scale(double sx, double sy, int width, int height) => this with
    {
        X0 = Math.Clamp(X0 * sx, 0, width),
        Y0 = Math.Clamp(Y0 * sy, 0, height),
        X1 = Math.Clamp(X1 * sx, 0, width),
        Y1 = Math.Clamp(Y1 * sy, 0, height),
    };
}
