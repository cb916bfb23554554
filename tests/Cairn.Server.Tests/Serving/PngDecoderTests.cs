using Cairn.Core.Errors;
using Cairn.Serving.Vision;
using Xunit;

namespace Cairn.Server.Tests.Serving;

/// <summary>
/// The PNG decoder against files Pillow wrote (and an Adam7 file from models/test/png/make_png_fixtures.py),
/// each with the RGB pixels Pillow decodes it to over white.
/// </summary>
public sealed class PngDecoderTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "png");

    [Theory]
    [InlineData("rgb8", 0)]
    [InlineData("rgb8_interlaced", 0)]
    [InlineData("grey8", 0)]
    [InlineData("grey1", 0)]
    [InlineData("grey16", 0)]
    [InlineData("palette8", 0)]
    [InlineData("palette4", 0)]
    [InlineData("palette_trns", 1)]
    [InlineData("greyalpha8", 1)]
    [InlineData("rgba8", 1)]
    public void Decodes_LikePillow(string name, int tolerance)
    {
        var image = new PngDecoder().Decode(File.ReadAllBytes(Path.Combine(Fixtures, name + ".png")));
        var expected = File.ReadAllBytes(Path.Combine(Fixtures, name + ".rgb"));
        Assert.Equal((37, 23), (image.Width, image.Height));
        Assert.Equal(expected.Length, image.Pixels.Length);
        var worst = expected.Zip(image.Pixels, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst <= tolerance, $"{name}: a channel differs by {worst} (alpha compositing may round by 1)");
    }

    [Fact]
    public void Refuses_WhatIsNotAWholePng_With400sNamingTheImage()
    {
        var good = File.ReadAllBytes(Path.Combine(Fixtures, "rgb8.png"));
        foreach (var (bytes, says) in new[]
        {
            ("GIF89a"u8.ToArray(), "is not a PNG file"),
            (good[..40], "ends before its IEND chunk"),
            (Corrupt(good), "compressed"),
            (Header(4097, 4096), "is 4097 x 4096; images must be between 1 and 16777216 pixels"),
        })
        {
            var e = Assert.Throws<CairnException>(() => new PngDecoder().Decode(bytes));
            Assert.Equal(ErrorKind.Invalid, e.Kind);
            Assert.StartsWith("image: ", e.Message, StringComparison.Ordinal);
            Assert.Contains(says, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Resize_SamplesPixelCentres_LikeOpenCvsInterLinear()
    {
        // A 4x1 ramp 0, 100, 200, 255 halved: OpenCV's INTER_LINEAR samples source x = (i + 0.5) * 2 - 0.5,
        // i.e. 0.5 and 2.5 → (0 + 100) / 2 = 50 and (200 + 255) / 2 = 227.5 → 228.
        var ramp = new RgbImage(4, 1, [0, 0, 0, 100, 100, 100, 200, 200, 200, 255, 255, 255]);
        Assert.Equal([50, 50, 50, 228, 228, 228], ramp.Resize(2, 1).Pixels);
    }

    /// <summary>A PNG of just a signature, an IHDR (8-bit RGB) and IEND: the size alone must be refused, before any pixel is read.</summary>
    private static byte[] Header(int width, int height)
    {
        var png = new List<byte>([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R']);
        png.AddRange([(byte)(width >> 24), (byte)(width >> 16), (byte)(width >> 8), (byte)width, (byte)(height >> 24), (byte)(height >> 16), (byte)(height >> 8), (byte)height]);
        png.AddRange([8, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0, 0, 0, 0]);
        return [.. png];
    }

    private static byte[] Corrupt(byte[] png)
    {
        var copy = (byte[])png.Clone();
        var idat = System.Text.Encoding.ASCII.GetString(copy).IndexOf("IDAT", StringComparison.Ordinal);
        copy[idat + 6] ^= 0xFF;
        copy[idat + 7] ^= 0xFF;
        return copy;
    }
}
