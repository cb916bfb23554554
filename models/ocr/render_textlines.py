#!/usr/bin/python3
"""Deterministic renderer for a small OCR test set (Cairn / PP-OCRv4 checks).

Usage: render_textlines.py OUTDIR [FONT.ttf]

Writes into OUTDIR:
  line_NNN.png   one text line each, black on white, 8-bit grayscale (mode "L", no alpha)
  labels.tsv     filename<TAB>text            (one row per line image)
  page_N.png     3 "pages" with 3-4 lines each, for the detection model
  pages.tsv      filename<TAB>line_index<TAB>x0,y0,x1,y1<TAB>text
                 (lines in reading order; box = Pillow ImageDraw.textbbox of the line in page pixels)

Only printable ASCII is used; every character used is in ppocr_keys_v1.txt.
Output is byte-for-byte reproducible for a given Pillow version and font file.
"""
import os
import sys

from PIL import Image, ImageDraw, ImageFont

FONT_DEFAULT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_SIZE = 32
MARGIN = 8

LINES = [
    "Invoice 2024-03-17 total $1,284.50",
    "Hello World",
    "The quick brown fox jumps over the lazy dog",
    "Order #48213 shipped on 12/05/2023",
    "Balance due: $73.09",
    "Meeting at 10:30 AM, Room 4B",
    "Temperature 21.5 C, humidity 63%",
    "Contact: support@example.com",
    "Version 3.14.159 released",
    "Page 7 of 12",
    "Net weight 250g (8.8 oz)",
    "Tax ID: DE-129384756",
    "Call +1 (555) 010-4477",
    "Subtotal 1,050.00 EUR",
    "Discount -15% applied",
    "Date of issue: 2023-11-30",
    "Quantity 3 x 19.99 = 59.97",
    "Thank you for your business!",
    "Ship to: 742 Evergreen Terrace",
    "Springfield, OR 97403",
    "Account No. 0012-3456-7890",
    "Due within 30 days",
    "Serial SN-7F3K-92QX",
    "Reference: INV/2024/0042",
    "Total hours: 37.5",
    "Rate per hour $85.00",
    "Apples, oranges & pears",
    "Is this correct? Yes.",
    "Batch 17; lot 2A; line 3",
    "MIXED case TeXt Sample",
    "12345 67890",
    "Paid in full on 01.02.2024",
    "Signature required [x]",
    "Items: 4 boxes / 2 pallets",
    "Ratio 3:2 and 16:9",
    "Flight LH 441 departs 18:45",
    "Total due $2,999.99",
    "Questions? Visit our website",
    "Zebra Yacht Quartz Jigsaw",
    "Last updated 2025-01-09 08:15",
]

PAGES = [
    [
        "ACME Supplies Ltd.",
        "Invoice 2024-03-17",
        "Widgets x 12 $144.00",
        "Total $1,284.50",
    ],
    [
        "Meeting notes",
        "Attendees: Anna, Ben, Carl",
        "Next review on 2024-06-01",
    ],
    [
        "Shipping label",
        "Order #48213",
        "Weight 2.4 kg",
        "Deliver before 5 PM",
    ],
]

PAGE_W, PAGE_H = 640, 320
PAGE_LEFT, PAGE_TOP, PAGE_PITCH = 40, 30, 64


def render_line(font, text):
    # getbbox is relative to the drawing origin; left/top can be non-zero.
    left, top, right, bottom = font.getbbox(text)
    w = (right - left) + 2 * MARGIN
    h = (bottom - top) + 2 * MARGIN
    img = Image.new("L", (w, h), 255)
    ImageDraw.Draw(img).text((MARGIN - left, MARGIN - top), text, fill=0, font=font)
    return img


def render_page(font, lines):
    img = Image.new("L", (PAGE_W, PAGE_H), 255)
    draw = ImageDraw.Draw(img)
    boxes = []
    for i, text in enumerate(lines):
        x, y = PAGE_LEFT, PAGE_TOP + i * PAGE_PITCH
        draw.text((x, y), text, fill=0, font=font)
        l, t, r, b = draw.textbbox((x, y), text, font=font)
        if r > PAGE_W or b > PAGE_H:
            raise SystemExit(f"page line does not fit: {text!r}")
        boxes.append((l, t, r, b))
    return img, boxes


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    out = sys.argv[1]
    font_path = sys.argv[2] if len(sys.argv) > 2 else FONT_DEFAULT
    os.makedirs(out, exist_ok=True)
    font = ImageFont.truetype(font_path, FONT_SIZE)

    for t in LINES + [l for p in PAGES for l in p]:
        assert all(32 <= ord(c) < 127 for c in t) and "  " not in t and t == t.strip(), t

    with open(os.path.join(out, "labels.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for i, text in enumerate(LINES):
            name = f"line_{i:03d}.png"
            render_line(font, text).save(os.path.join(out, name), optimize=True)
            f.write(f"{name}\t{text}\n")

    with open(os.path.join(out, "pages.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for p, lines in enumerate(PAGES):
            name = f"page_{p}.png"
            img, boxes = render_page(font, lines)
            img.save(os.path.join(out, name), optimize=True)
            for i, (text, (l, t, r, b)) in enumerate(zip(lines, boxes)):
                f.write(f"{name}\t{i}\t{l},{t},{r},{b}\t{text}\n")

    print(f"wrote {len(LINES)} line images and {len(PAGES)} page images to {out}")


if __name__ == "__main__":
    main()
