using System.Buffers.Binary;
using System.IO.Compression;
using Cairn.Core.Errors;

namespace Cairn.Serving.Vision;

/// <summary>
/// Decodes PNG (ISO/IEC 15948) to 8-bit RGB: every colour type (grey, RGB, palette, grey+alpha, RGBA), bit
/// depths 1–16, Adam7 interlacing; transparency (alpha or tRNS) is composited over white. No image library
/// is in the package registry here, and PNG needs only zlib, which .NET has. Refusals are 400s on <c>image</c>.
/// </summary>
public sealed class PngDecoder : IImageDecoder
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// The largest image accepted, in pixels (4,096 × 4,096; a page scanned at 300 dpi is about 2,500 × 3,500).
    /// Checked before anything is inflated: a few megabytes of deflate can describe far more pixels than that.
    /// </summary>
    public const long MaxPixels = 4096L * 4096;

    public RgbImage Decode(ReadOnlySpan<byte> png)
    {
        if (png.Length < 8 || !png[..8].SequenceEqual(Signature))
        {
            throw Bad("is not a PNG file (the signature is missing)");
        }

        Header? header = null;
        byte[]? palette = null;
        byte[]? transparency = null;
        using var compressed = new MemoryStream();
        var at = 8;
        while (true)
        {
            if (at + 12 > png.Length)
            {
                throw Bad("ends before its IEND chunk");
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(png[at..]);
            if (length < 0 || at + 12L + length > png.Length)
            {
                throw Bad("has a chunk longer than the file");
            }

            var type = System.Text.Encoding.ASCII.GetString(png.Slice(at + 4, 4));
            var data = png.Slice(at + 8, length);
            at += 12 + length;
            switch (type)
            {
                case "IHDR":
                    header = Header.Read(data);
                    break;
                case "PLTE":
                    palette = data.ToArray();
                    break;
                case "tRNS":
                    transparency = data.ToArray();
                    break;
                case "IDAT":
                    compressed.Write(data);
                    break;
                case "IEND":
                    var h = header ?? throw Bad("has no IHDR chunk");
                    if (h.ColorType == 3 && palette is null)
                    {
                        throw Bad("is a palette image without a PLTE chunk");
                    }

                    compressed.Position = 0;
                    return Render(h, Inflate(compressed, h), palette, transparency);
            }
        }
    }

    private static CairnException Bad(string rule) => CairnException.Invalid("image", rule);

    private static byte[] Inflate(Stream compressed, Header h)
    {
        var expected = h.RawSize();
        var raw = new byte[expected];
        using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
        try
        {
            var read = 0;
            while (read < raw.Length)
            {
                var n = zlib.Read(raw, read, raw.Length - read);
                if (n == 0)
                {
                    throw Bad($"holds {read} bytes of pixel data where {expected} are needed");
                }

                read += n;
            }
        }
        catch (InvalidDataException e)
        {
            throw Bad("has corrupt compressed data: " + e.Message);
        }

        return raw;
    }

    private static RgbImage Render(Header h, byte[] raw, byte[]? palette, byte[]? transparency)
    {
        var rgb = new byte[checked(h.Width * h.Height * 3)];
        var at = 0;
        foreach (var (x0, y0, dx, dy) in h.Interlaced ? Adam7 : [(0, 0, 1, 1)])
        {
            var w = (h.Width - x0 + dx - 1) / dx;
            var rows = (h.Height - y0 + dy - 1) / dy;
            if (w <= 0 || rows <= 0)
            {
                continue;
            }

            var stride = h.Stride(w);
            var previous = new byte[stride];
            var current = new byte[stride];
            for (var r = 0; r < rows; r++)
            {
                var filter = raw[at];
                Array.Copy(raw, at + 1, current, 0, stride);
                at += stride + 1;
                Unfilter(filter, current, previous, h.BytesPerPixel);
                for (var c = 0; c < w; c++)
                {
                    var pixel = ((y0 + (r * dy)) * h.Width) + x0 + (c * dx);
                    Pixel(h, current, c, palette, transparency, rgb.AsSpan(pixel * 3, 3));
                }

                (previous, current) = (current, previous);
            }
        }

        return new RgbImage(h.Width, h.Height, rgb);
    }

    private static readonly (int X0, int Y0, int Dx, int Dy)[] Adam7 =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    private static void Unfilter(byte filter, byte[] row, byte[] above, int bpp)
    {
        for (var i = 0; i < row.Length; i++)
        {
            int left = i >= bpp ? row[i - bpp] : 0;
            int up = above[i];
            int corner = i >= bpp ? above[i - bpp] : 0;
            row[i] = filter switch
            {
                0 => row[i],
                1 => (byte)(row[i] + left),
                2 => (byte)(row[i] + up),
                3 => (byte)(row[i] + ((left + up) >> 1)),
                4 => (byte)(row[i] + Paeth(left, up, corner)),
                _ => throw Bad($"uses filter type {filter}; PNG defines 0-4"),
            };
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void Pixel(Header h, byte[] row, int x, byte[]? palette, byte[]? trns, Span<byte> into)
    {
        int r, g, b, alpha = 255;
        switch (h.ColorType)
        {
            case 0:
                var grey = Sample(h, row, x, 0, out var greyRaw);
                (r, g, b) = (grey, grey, grey);
                if (trns is { Length: >= 2 } && greyRaw == BinaryPrimitives.ReadUInt16BigEndian(trns))
                {
                    alpha = 0;
                }

                break;
            case 2:
                r = Sample(h, row, x * 3, 0, out var rr);
                g = Sample(h, row, x * 3, 1, out var gr);
                b = Sample(h, row, x * 3, 2, out var br);
                if (trns is { Length: >= 6 } && rr == BinaryPrimitives.ReadUInt16BigEndian(trns)
                    && gr == BinaryPrimitives.ReadUInt16BigEndian(trns.AsSpan(2)) && br == BinaryPrimitives.ReadUInt16BigEndian(trns.AsSpan(4)))
                {
                    alpha = 0;
                }

                break;
            case 3:
                Sample(h, row, x, 0, out var index);
                if (index * 3 + 2 >= palette!.Length)
                {
                    throw Bad($"refers to palette entry {index}, beyond its {palette.Length / 3} entries");
                }

                (r, g, b) = (palette[index * 3], palette[(index * 3) + 1], palette[(index * 3) + 2]);
                alpha = trns is not null && index < trns.Length ? trns[index] : 255;
                break;
            case 4:
                r = g = b = Sample(h, row, x * 2, 0, out _);
                alpha = Sample(h, row, x * 2, 1, out _);
                break;
            default:
                r = Sample(h, row, x * 4, 0, out _);
                g = Sample(h, row, x * 4, 1, out _);
                b = Sample(h, row, x * 4, 2, out _);
                alpha = Sample(h, row, x * 4, 3, out _);
                break;
        }

        // Over white: a transparent background reads as paper.
        into[0] = (byte)(((r * alpha) + (255 * (255 - alpha)) + 127) / 255);
        into[1] = (byte)(((g * alpha) + (255 * (255 - alpha)) + 127) / 255);
        into[2] = (byte)(((b * alpha) + (255 * (255 - alpha)) + 127) / 255);
    }

    /// <summary>Sample <paramref name="channel"/> of the pixel whose first sample index is <paramref name="first"/>, scaled to 0–255; <paramref name="raw"/> is the unscaled value.</summary>
    private static int Sample(Header h, byte[] row, int first, int channel, out int raw)
    {
        var index = first + channel;
        switch (h.BitDepth)
        {
            case 8:
                raw = row[index];
                return raw;
            case 16:
                raw = (row[index * 2] << 8) | row[(index * 2) + 1];
                return (raw + 128) / 257;
            default:
                var bit = index * h.BitDepth;
                raw = (row[bit >> 3] >> (8 - h.BitDepth - (bit & 7))) & ((1 << h.BitDepth) - 1);
                return h.ColorType == 3 ? raw : raw * 255 / ((1 << h.BitDepth) - 1);
        }
    }

    private sealed record Header(int Width, int Height, int BitDepth, int ColorType, bool Interlaced)
    {
        public int Channels => ColorType switch { 0 or 3 => 1, 2 => 3, 4 => 2, _ => 4 };

        public int BytesPerPixel => Math.Max(1, Channels * BitDepth / 8);

        public int Stride(int width) => (int)(((long)width * Channels * BitDepth + 7) / 8);

        public long RawSize()
        {
            if (!Interlaced)
            {
                return (long)Height * (Stride(Width) + 1);
            }

            long total = 0;
            foreach (var (x0, y0, dx, dy) in Adam7)
            {
                var w = (Width - x0 + dx - 1) / dx;
                var rows = (Height - y0 + dy - 1) / dy;
                total += w > 0 && rows > 0 ? (long)rows * (Stride(w) + 1) : 0;
            }

            return total;
        }

        public static Header Read(ReadOnlySpan<byte> d)
        {
            if (d.Length != 13)
            {
                throw Bad("has an IHDR chunk of the wrong length");
            }

            var header = new Header(BinaryPrimitives.ReadInt32BigEndian(d), BinaryPrimitives.ReadInt32BigEndian(d[4..]), d[8], d[9], d[12] == 1);
            if (header.Width <= 0 || header.Height <= 0 || (long)header.Width * header.Height > MaxPixels)
            {
                throw Bad($"is {header.Width} x {header.Height}; images must be between 1 and {MaxPixels} pixels");
            }

            var depthOk = header.ColorType switch
            {
                0 => header.BitDepth is 1 or 2 or 4 or 8 or 16,
                3 => header.BitDepth is 1 or 2 or 4 or 8,
                2 or 4 or 6 => header.BitDepth is 8 or 16,
                _ => false,
            };
            if (!depthOk || d[10] != 0 || d[11] != 0 || d[12] > 1)
            {
                throw Bad($"has colour type {header.ColorType} at bit depth {header.BitDepth}, or a compression, filter or interlace method PNG does not define");
            }

            return header;
        }
    }
}
