"""/assets/partage.png: the image a link to the site shows when it is shared
(Open Graph `og:image`, overrides/partials/partage.html), drawn at build time with
Pillow: « CRTE » and the territory's short name (territoire.yaml) in white on the
site's green, 1200 × 630 pixels, the text within the centre square that a « summary »
card crops to.

The font is Debian's DejaVu Sans Bold (fonts-dejavu-core, installed by `make install`),
never downloaded; the same Pillow and font give the same bytes on every build.
"""
from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from crte import routes

PATH = routes.SHARE_IMAGE
WIDTH, HEIGHT = 1200, 630
GREEN = (0x1B, 0x5E, 0x20)  # --md-primary-fg-color (docs/stylesheets/crte.css)
WHITE = (0xFF, 0xFF, 0xFF)
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
SQUARE = HEIGHT - 60  # the text stays within the centre square, with a margin


def _fitted(draw: ImageDraw.ImageDraw, text: str, size: int) -> ImageFont.FreeTypeFont:
    # The largest size up to `size` at which `text` fits the centre square's width.
    while True:
        font = ImageFont.truetype(FONT, size)
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
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
