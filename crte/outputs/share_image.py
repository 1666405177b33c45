"""The images a link shows when it is shared (Open Graph `og:image`,
overrides/partials/partage.html), drawn at build time with Pillow, 1200 × 630 pixels:

- /assets/partage.png (`png`), for every page but an action's: « CRTE » and the
  territory's short name (territoire.yaml) in white on the site's green, within the
  centre square that a « summary » card crops to;
- /actions/<id>/partage.png (`action_png`), an action's: its fiche, title, cost in
  readable units, the territory's share, where and when, and where it stands
  (views/preview.py `ShareCard`), and « Exemple fictif » when built from an example.

The font is Debian's DejaVu Sans Bold (fonts-dejavu-core, installed by `make install`),
never downloaded; the same Pillow and font give the same bytes on every build.
"""
from __future__ import annotations

import hashlib
import io
import math
from functools import lru_cache, partial
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont, features

from crte import routes
from crte.outputs.kept import Kept
from crte.views.preview import ShareCard

PATH = routes.SHARE_IMAGE
WIDTH, HEIGHT = 1200, 630
GREEN = (0x1B, 0x5E, 0x20)  # --md-primary-fg-color (docs/stylesheets/crte.css)
WHITE = (0xFF, 0xFF, 0xFF)
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
REGULAR = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
INK = (0x1F, 0x1F, 0x1F)
YELLOW = (0xFF, 0xF3, 0xCD)  # the example's notice (docs/stylesheets/crte.css)
MARGIN = 60
SQUARE = HEIGHT - 60  # the text stays within the centre square, with a margin


def _fitted(draw: ImageDraw.ImageDraw, text: str, size: int) -> ImageFont.FreeTypeFont:
    # The largest size up to `size` at which `text` fits the centre square's width.
    while True:
        font = _font(FONT, size)
        if draw.textlength(text, font=font) <= SQUARE or size <= 12:
            return font
        size -= 4


@lru_cache(maxsize=4)
def png(name: str) -> bytes:
    """The image for a site named « CRTE <name> », as PNG bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT), GREEN)
    draw = ImageDraw.Draw(image)
    for text, size, middle in (("CRTE", 200, 250), (name.upper(), 72, 450)):
        draw.text((WIDTH // 2, middle), text, fill=WHITE, font=_fitted(draw, text, size), anchor="mm")
    return _png(image)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


@lru_cache(maxsize=8)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def _lines(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, most: int) -> list[str]:
    """`text` wrapped at words to the image's width within its margins, in at most
    `most` lines, the last one ended by « … » when the text goes on."""
    width = WIDTH - 2 * MARGIN
    words = text.split()
    if draw.textlength(" ".join(words), font=font) <= width:
        return [" ".join(words)]  # what the loop below gives when all of it fits: one measure, not one a word
    lines: list[str] = []
    for word in words:
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > most:
        lines = lines[:most]
        while draw.textlength(lines[-1] + " …", font=font) > width and " " in lines[-1]:
            lines[-1] = lines[-1].rsplit(" ", 1)[0]
        lines[-1] += " …"
    return lines


@lru_cache(maxsize=512)
def _line(text: str) -> str:
    # `text` in one line of the body's font, cut with « … » (see _lines).
    return _lines(ImageDraw.Draw(Image.new("L", (1, 1))), text, _font(REGULAR, 34), 1)[0]


# An action's image is drawn in bands, each one colour of text on one background, straight
# into the palette's indices: a grey image where band k's background is the index k × 16 and
# its text k × 16 + 15, which Pillow's antialiasing blends into the 14 steps between, then
# read as a palette image whose 64 colours are the four pairs' steps. The same pixels as an
# RGB drawing quantized, in a third of the time (no search for colours: they are known).
_PAIRS = ((WHITE, GREEN), (INK, WHITE), (GREEN, WHITE), (INK, YELLOW))  # (text, background)
_STEPS = 16
_PALETTE = [round(bg[c] + (fg[c] - bg[c]) * i / (_STEPS - 1)) for fg, bg in _PAIRS for i in range(_STEPS)
            for c in range(3)]
HEADER = 85  # the green band's height, in pixels
FOOTER = 64  # the example's yellow band


def _band(pair: int) -> tuple[int, int]:
    return pair * _STEPS, pair * _STEPS + _STEPS - 1  # (background, text) indices


@lru_cache(maxsize=512)
def _mask(text: str, path: str, size: int, anchor: str) -> tuple[Image.Image, int, int]:
    # A line that many images share (the fiche, the place and year, the standing, the
    # example's notice), drawn once: white on black, that is its coverage of each pixel.
    font = _font(path, size)
    box = font.getbbox(text, anchor=anchor)  # whole pixels at whole coordinates
    left, top, right, bottom = math.floor(box[0]), math.floor(box[1]), math.ceil(box[2]), math.ceil(box[3])
    mask = Image.new("L", (max(right - left, 1), max(bottom - top, 1)), 0)
    ImageDraw.Draw(mask).text((-left, -top), text, fill=255, font=font, anchor=anchor)
    return mask, left, top


def _shared(image: Image.Image, xy: tuple[int, int], text: str, ink: int, path: str, size: int,
            anchor: str = "la") -> None:
    # The same pixels as ImageDraw.text(xy, text, ink, font, anchor): the same blend of `ink`.
    mask, left, top = _mask(text, path, size, anchor)
    image.paste(ink, (xy[0] + left, xy[1] + top), mask)


def action_png(card: ShareCard) -> bytes:
    """An action's share image, as PNG bytes: a green band with `card.site`, the title in
    up to three lines, the cost in green, then the share, the place and the standing;
    a yellow « Exemple fictif » band at the bottom for an example."""
    image = Image.new("L", (WIDTH, HEIGHT), _band(1)[0])
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, HEADER - 1), fill=_band(0)[0])
    _shared(image, (MARGIN, 42), card.site, _band(0)[1], FONT, 34, "lm")
    y = 120
    title = _font(FONT, 50)
    for line in _lines(draw, card.titre, title, 3):
        draw.text((MARGIN, y), line, fill=_band(1)[1], font=title)
        y += 62
    y += 18
    draw.rectangle((0, y, WIDTH, y + 91), fill=_band(2)[0])
    draw.text((MARGIN, y), card.cout, fill=_band(2)[1], font=_font(FONT, 64))
    y += 92
    body = _font(REGULAR, 34)
    draw.text((MARGIN, y), _lines(draw, card.part, body, 1)[0], fill=_band(1)[1], font=body)
    for text in (card.lieu, card.etat):
        y += 48
        _shared(image, (MARGIN, y), _line(text), _band(1)[1], REGULAR, 34)
    y += 48
    if card.exemple:
        draw.rectangle((0, HEIGHT - FOOTER, WIDTH, HEIGHT), fill=_band(3)[0])
        _shared(image, (MARGIN, HEIGHT - 32), "Exemple fictif : ce contrat vivant est inventé", _band(3)[1], FONT, 32,
                "lm")
    image = Image.frombytes("P", (WIDTH, HEIGHT), image.tobytes())
    image.putpalette(_PALETTE)
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=3)  # 2.3 ms and 30 KB; 5.9 ms and 24 KB at zlib's default 6
    return out.getvalue()


PNG_START, PNG_END = b"\x89PNG\r\n\x1a\n", b"\x00\x00\x00\x00IEND\xaeB`\x82"


def is_png(data: bytes) -> bool:
    """Whether `data` starts and ends as a whole PNG file does (a kept file, crte/outputs/kept.py)."""
    return data.startswith(PNG_START) and data.endswith(PNG_END)


@lru_cache(maxsize=1)
def _drawing() -> bytes:
    # What the images are drawn with, besides their texts: this code, the fonts, Pillow, FreeType, Raqm.
    digest = hashlib.sha256(repr((PIL.__version__, features.version("freetype2"), features.version("raqm"))).encode())
    for path in (__file__, FONT, REGULAR):
        digest.update(Path(path).read_bytes())
    return digest.digest()


def action_key(card: ShareCard) -> str:
    """The digest (64 hex digits) of everything `action_png(card)` is drawn from."""
    return hashlib.sha256(_drawing() + repr(card).encode("utf-8")).hexdigest()


@lru_cache(maxsize=4096)  # a rebuild in `make serve` reads or draws only the cards that changed
def kept_png(card: ShareCard, kept: Kept) -> bytes:
    """`action_png(card)`, or the same bytes kept by a previous build (crte/outputs/kept.py);
    one bytes object per card for the process's life."""
    return kept.get(action_key(card), partial(action_png, card), is_png)
