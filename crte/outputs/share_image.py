"""/assets/partage.png: the image a link to the site shows when it is shared
(Open Graph `og:image`, overrides/partials/partage.html), drawn at build time:
« CRTE » and « HÉNIN-CARVIN » in white on the site's green, 1200 × 630 pixels,
the text within the centre square that a « summary » card crops to.

No image library: a 5 × 9 bitmap font for the few letters needed, written as a
PNG by hand (zlib), so the bytes are the same on every build.
"""
from __future__ import annotations

import struct
import zlib
from functools import lru_cache

from crte import routes

PATH = routes.SHARE_IMAGE
WIDTH, HEIGHT = 1200, 630
GREEN = bytes((0x1B, 0x5E, 0x20))  # --md-primary-fg-color (docs/stylesheets/crte.css)
WHITE = bytes((0xFF, 0xFF, 0xFF))
ALT = "CRTE Hénin-Carvin"

# 5 columns × 9 rows; the first two rows hold accents.
_ = "....."
GLYPHS = {
    "C": [_, _, ".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."],
    "R": [_, _, "####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"],
    "T": [_, _, "#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."],
    "E": [_, _, "#####", "#....", "#....", "####.", "#....", "#....", "#####"],
    "É": ["...#.", "..#..", "#####", "#....", "#....", "####.", "#....", "#....", "#####"],
    "H": [_, _, "#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"],
    "N": [_, _, "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#", "#...#"],
    "I": [_, _, ".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###."],
    "A": [_, _, ".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"],
    "V": [_, _, "#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#.."],
    "-": [_, _, _, _, _, "#####", _, _, _],
}
LINES = (("CRTE", 24, 150), ("HÉNIN-CARVIN", 8, 420))  # text, pixels per dot, top


def _mask(text: str) -> list[str]:
    """The text's dots, one string per row ('#' lit), a blank column between letters."""
    return [".".join(GLYPHS[ch][row] for ch in text) for row in range(9)]


@lru_cache(maxsize=1)
def png() -> bytes:
    rows = [GREEN * WIDTH for _ in range(HEIGHT)]
    for text, scale, top in LINES:
        mask = _mask(text)
        left = (WIDTH - len(mask[0]) * scale) // 2
        for r, dots in enumerate(mask):
            line = GREEN * left + b"".join((WHITE if d == "#" else GREEN) * scale for d in dots)
            line += GREEN * (WIDTH - left - len(dots) * scale)
            for y in range(top + r * scale, top + (r + 1) * scale):
                rows[y] = line
    raw = b"".join(b"\x00" + row for row in rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)  # 8 bits, RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
