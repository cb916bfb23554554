#!/usr/bin/python3
"""Writes PNG fixtures for Cairn's PNG decoder tests, with the RGB pixels each should decode to.

Every colour type and bit depth PNG defines is written by Pillow (an independent encoder); Adam7
interlacing, which Pillow does not write, by the small encoder below (zlib + the standard's pass
layout). For each NAME.png, NAME.rgb holds width*height*3 bytes: the image over a white background,
as Pillow converts it. Deterministic; run with Debian's python3-pil:  /usr/bin/python3 make_png_fixtures.py
"""
import os
import struct
import zlib

from PIL import Image

W, H = 37, 23
HERE = os.path.dirname(os.path.abspath(__file__))


def pattern_rgba():
    img = Image.new("RGBA", (W, H))
    px = img.load()
    for y in range(H):
        for x in range(W):
            px[x, y] = ((x * 7) % 256, (y * 11) % 256, ((x + y) * 5) % 256, (x * y * 3) % 256)
    return img


def over_white(img):
    rgba = img.convert("RGBA")
    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Image.alpha_composite(white, rgba).convert("RGB")


def save(name, img, expected=None, **options):
    img.save(os.path.join(HERE, name + ".png"), **options)
    reread = Image.open(os.path.join(HERE, name + ".png"))
    rgb = expected if expected is not None else over_white(reread)
    with open(os.path.join(HERE, name + ".rgb"), "wb") as f:
        f.write(rgb.tobytes())


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def adam7_rgb(name, img):
    """8-bit RGB, interlaced, every scanline with filter type 1 (Sub)."""
    rgb = img.convert("RGB")
    px = rgb.load()
    raw = bytearray()
    for x0, y0, dx, dy in [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]:
        xs = list(range(x0, W, dx))
        if not xs:
            continue
        for y in range(y0, H, dy):
            line = bytearray()
            for x in xs:
                line += bytes(px[x, y])
            filtered = bytearray(line[i] - (line[i - 3] if i >= 3 else 0) & 0xFF for i in range(len(line)))
            raw += b"\x01" + filtered
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 2, 0, 0, 1))
    png += chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b"")
    with open(os.path.join(HERE, name + ".png"), "wb") as f:
        f.write(png)
    with open(os.path.join(HERE, name + ".rgb"), "wb") as f:
        f.write(rgb.tobytes())


base = pattern_rgba()
save("rgba8", base)
save("rgb8", base.convert("RGB"))
save("grey8", base.convert("L"))
save("grey1", base.convert("L").point(lambda v: 255 if v > 127 else 0).convert("1"))
save("greyalpha8", base.convert("LA"))
save("palette8", base.convert("RGB").quantize(200))
save("palette4", base.convert("RGB").quantize(16), bits=4)
save("palette_trns", base.convert("RGB").quantize(8), transparency=3)
grey16 = Image.new("I;16", (W, H))
grey16.putdata([(x * 1777 + y * 911) % 65536 for y in range(H) for x in range(W)])
save("grey16", grey16, expected=Image.frombytes("L", (W, H), bytes(((v + 128) // 257) for v in grey16.getdata())).convert("RGB"))
adam7_rgb("rgb8_interlaced", base)
print("wrote PNG fixtures to", HERE)
