namespace Cairn.Serving.Vision;

/// <summary>Turns an encoded image into RGB pixels; refuses what it cannot read with a 400 naming <c>image</c>.</summary>
public interface IImageDecoder
{
    RgbImage Decode(ReadOnlySpan<byte> encoded);
}
