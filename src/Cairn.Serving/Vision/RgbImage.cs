namespace Cairn.Serving.Vision;

/// <summary>An 8-bit RGB image, row-major, three bytes a pixel.</summary>
public sealed record RgbImage(int Width, int Height, byte[] Pixels)
{
    /// <summary>
    /// Resizes bilinearly with pixel centres aligned (the sampling of OpenCV's <c>INTER_LINEAR</c>, which
    /// PaddleOCR's preprocessing uses), so a model sees what it saw in training.
    /// </summary>
    public RgbImage Resize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var result = new byte[width * height * 3];
        var (xs, xw) = Taps(Width, width);
        var (ys, yw) = Taps(Height, height);
        for (var y = 0; y < height; y++)
        {
            var top = ys[y] * Width * 3;
            var bottom = Math.Min(ys[y] + 1, Height - 1) * Width * 3;
            var fy = yw[y];
            for (var x = 0; x < width; x++)
            {
                var left = xs[x] * 3;
                var right = Math.Min(xs[x] + 1, Width - 1) * 3;
                var fx = xw[x];
                for (var c = 0; c < 3; c++)
                {
                    var upper = (Pixels[top + left + c] * (1 - fx)) + (Pixels[top + right + c] * fx);
                    var lower = (Pixels[bottom + left + c] * (1 - fx)) + (Pixels[bottom + right + c] * fx);
                    result[(((y * width) + x) * 3) + c] = (byte)Math.Clamp(Math.Round((upper * (1 - fy)) + (lower * fy)), 0, 255);
                }
            }
        }

        return new RgbImage(width, height, result);
    }

    /// <summary>The pixels inside the rectangle, clipped to the image.</summary>
    public RgbImage Crop(int x0, int y0, int x1, int y1)
    {
        x0 = Math.Clamp(x0, 0, Width - 1);
        y0 = Math.Clamp(y0, 0, Height - 1);
        x1 = Math.Clamp(x1, x0 + 1, Width);
        y1 = Math.Clamp(y1, y0 + 1, Height);
        var w = x1 - x0;
        var result = new byte[w * (y1 - y0) * 3];
        for (var y = y0; y < y1; y++)
        {
            Array.Copy(Pixels, ((y * Width) + x0) * 3, result, (y - y0) * w * 3, w * 3);
        }

        return new RgbImage(w, y1 - y0, result);
    }

    private static (int[] Index, double[] Weight) Taps(int from, int to)
    {
        var scale = (double)from / to;
        var index = new int[to];
        var weight = new double[to];
        for (var i = 0; i < to; i++)
        {
            var source = Math.Max(0, ((i + 0.5) * scale) - 0.5);
            var floor = Math.Min((int)source, from - 1);
            index[i] = floor;
            weight[i] = floor >= from - 1 ? 0 : source - floor;
        }

        return (index, weight);
    }
}
