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


@lru_cache(maxsize=4096)  # a rebuild in `make serve` draws only the cards that changed
def action_png(card: ShareCard) -> bytes:
    """An action's share image, as PNG bytes: a green band with `card.site`, the title in
    up to three lines, the cost in green, then the share, the place and the standing;
    a yellow « Exemple fictif » band at the bottom for an example."""
    image = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 84), fill=GREEN)
    draw.text((MARGIN, 42), card.site, fill=WHITE, font=_font(FONT, 34), anchor="lm")
    y = 120
    title = _font(FONT, 50)
    for line in _lines(draw, card.titre, title, 3):
        draw.text((MARGIN, y), line, fill=INK, font=title)
        y += 62
    y += 18
    draw.text((MARGIN, y), card.cout, fill=GREEN, font=_font(FONT, 64))
    y += 92
    body = _font(REGULAR, 34)
    for text in (card.part, card.lieu, card.etat):
        draw.text((MARGIN, y), _lines(draw, text, body, 1)[0], fill=INK, font=body)
        y += 48
    if card.exemple:
        draw.rectangle((0, HEIGHT - 64, WIDTH, HEIGHT), fill=YELLOW)
        draw.text((MARGIN, HEIGHT - 32), "Exemple fictif : ce contrat vivant est inventé", fill=INK,
                  font=_font(FONT, 32), anchor="lm")
    # 64 colours (the four of the card and the edges of its letters): a third of the bytes of
    # an RGB PNG, and a quarter of the time of `optimize` (about 40 ms an image).
    out = io.BytesIO()
    image.quantize(colors=64, method=Image.Quantize.FASTOCTREE).save(out, format="PNG")
    return out.getvalue()
