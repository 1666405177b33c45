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

import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from crte import routes
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
    lines: list[str] = []
    for word in text.split():
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


# An action's image is drawn in bands, each one colour of text on one background: the text of a
# band is drawn as a grey mask, whose 256 levels are mapped to 16 steps between the band's two
# colours; the four pairs make the image's palette of 64 colours. The same image as an RGB
# drawing quantized, in about half the time (no search for colours: they are known).
_PAIRS = ((WHITE, GREEN), (INK, WHITE), (GREEN, WHITE), (INK, YELLOW))  # (text, background)
_STEPS = 16
_PALETTE = [round(bg[c] + (fg[c] - bg[c]) * i / (_STEPS - 1)) for fg, bg in _PAIRS for i in range(_STEPS)
            for c in range(3)]
_LEVELS = [[pair * _STEPS + (v * (_STEPS - 1) + 127) // 255 for v in range(256)] for pair in range(len(_PAIRS))]
HEADER = 85  # the green band's height, in pixels
FOOTER = 64  # the example's yellow band


@lru_cache(maxsize=4096)  # a rebuild in `make serve` draws only the cards that changed
def action_png(card: ShareCard) -> bytes:
    """An action's share image, as PNG bytes: a green band with `card.site`, the title in
    up to three lines, the cost in green, then the share, the place and the standing;
    a yellow « Exemple fictif » band at the bottom for an example."""
    mask = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(mask)
    bands = [(0, HEADER, 0)]  # (top, bottom, pair of _PAIRS)
    draw.text((MARGIN, 42), card.site, fill=255, font=_font(FONT, 34), anchor="lm")
    y = 120
    title = _font(FONT, 50)
    for line in _lines(draw, card.titre, title, 3):
        draw.text((MARGIN, y), line, fill=255, font=title)
        y += 62
    y += 18
    bands.append((HEADER, y, 1))
    draw.text((MARGIN, y), card.cout, fill=255, font=_font(FONT, 64))
    bands.append((y, y + 92, 2))
    y += 92
    body, top = _font(REGULAR, 34), y
    for text in (card.part, card.lieu, card.etat):
        draw.text((MARGIN, y), _lines(draw, text, body, 1)[0], fill=255, font=body)
        y += 48
    bottom = HEIGHT - FOOTER if card.exemple else HEIGHT
    bands.append((top, bottom, 1))
    if card.exemple:
        draw.text((MARGIN, HEIGHT - 32), "Exemple fictif : ce contrat vivant est inventé", fill=255,
                  font=_font(FONT, 32), anchor="lm")
        bands.append((bottom, HEIGHT, 3))
    index = Image.new("L", (WIDTH, HEIGHT))
    for top, bottom, pair in bands:
        box = (0, top, WIDTH, bottom)
        index.paste(mask.crop(box).point(_LEVELS[pair]), box)
    image = Image.frombytes("P", (WIDTH, HEIGHT), index.tobytes())
    image.putpalette(_PALETTE)
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=3)  # 2.3 ms and 30 KB; 5.9 ms and 24 KB at zlib's default 6
    return out.getvalue()
