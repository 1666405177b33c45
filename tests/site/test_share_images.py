"""Each action's own share image (/actions/<id>/partage.png, crte/outputs/share_image.py), and
where an action stands said once (crte/views/standing.py): the summary at the top of its page,
its link preview and its image say the same words. On the fictitious example (tracking, an
abandoned action) and on the real site (nothing published)."""
from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from crte import routes
from crte.data.loader import load
from crte.mkdocs.products import KEPT, TEMPLATES_KEPT
from crte.outputs import share_image
from crte.outputs.kept import Kept
from crte.views.preview import ShareCard, share_card
from crte.views.views import Views

from ..conftest import ROOT
from ..sitebuild import page, text
from .conftest import EXAMPLE, SITE_URL
from .test_links import meta

# (action, where it stands) in the example: tracked to the end, abandoned, never tracked.
STANDINGS = [("voie-albert-carre", "réalisée au 20 novembre 2024, 100\u00a0%"),
             ("lecture-spectacle", "abandonnée le 22 novembre 2022"),
             ("chevalements-9-9bis-corps", "aucun suivi publié")]
EXAMPLE_BAND = (20, share_image.HEIGHT - 10)  # a pixel of the « Exemple fictif » band


@pytest.fixture(scope="module")
def example_views() -> Views:
    return Views(load(ROOT / EXAMPLE, display_dir=EXAMPLE))


def near(colour: tuple[int, ...], expected: tuple[int, ...]) -> bool:
    """The same colour within what the 64-colour palette changes (a few units)."""
    return max(abs(a - b) for a, b in zip(colour, expected)) <= 6


def picture(site: Path, action_id: str) -> Image.Image:
    return Image.open(io.BytesIO((site / routes.action_image(action_id)).read_bytes()))


@pytest.mark.parametrize("action_id, stands", STANDINGS)
def test_the_page_its_preview_and_its_image_say_where_the_action_stands_alike(
        example_site: Path, example_views: Views, action_id: str, stands: str) -> None:
    html = page(example_site, routes.action(action_id))
    summary = {text(dt): " ".join(dd.get_text().split()) for dt, dd in
               zip(html.select("dl.crte-resume dt"), html.select("dl.crte-resume dd"))}
    assert summary["Où en est-elle"] == " ".join(f"{stands} (suivi)".split())
    assert f" ; {stands} ; " in meta(html, "og:description")
    av = next(av for av in (*example_views.action_list(), *example_views.abandoned_list()) if av.action.id == action_id)
    card = share_card(example_views, av)
    assert card.etat == f"Où en est-elle : {stands}" and card.exemple
    assert meta(html, "og:image") == SITE_URL + routes.action_image(action_id)
    image = picture(example_site, action_id)
    assert (image.format, image.size) == ("PNG", (1200, 630))
    assert near(image.convert("RGB").getpixel(EXAMPLE_BAND), share_image.YELLOW)  # « Exemple fictif »


def test_each_action_has_its_own_image_and_the_real_site_s_say_nothing_is_invented(site: Path) -> None:
    images = sorted((site / routes.ACTIONS).glob("*/partage.png"))
    pages = [p for p in (site / routes.ACTIONS).glob("*/index.html") if 'http-equiv="refresh"' not in p.read_text()]
    assert len(images) == len(pages) > 20  # one per action, abandoned ones too
    assert len({p.read_bytes() for p in images}) == len(images)  # drawn from each action's figures
    for path in images:
        image = Image.open(path)
        assert image.size == (1200, 630) and near(image.convert("RGB").getpixel(EXAMPLE_BAND), share_image.WHITE)


def test_a_long_title_is_cut_at_a_word_with_an_ellipsis_and_the_image_is_the_same_each_time() -> None:
    draw = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    font = share_image._font(share_image.FONT, 50)
    title = "Réhabilitation " * 30
    lines = share_image._lines(draw, title, font, 3)
    assert len(lines) == 3 and lines[-1].endswith("Réhabilitation …")
    assert all(draw.textlength(line, font=font) <= share_image.WIDTH - 2 * share_image.MARGIN for line in lines)
    card = ShareCard("CRTE X · fiche 1.1", title, "2,3 millions d'euros HT", "Part X : non indiquée",
                     "lancement 2022", "Où en est-elle : aucun suivi publié", False)
    assert share_image.action_png(card) == share_image.action_png(card)  # the same bytes on every build


def test_the_images_kept_for_the_next_build_are_those_drawn(example_site: Path, example_project: Path,
                                                           example_views: Views) -> None:
    # crte/outputs/kept.py: the build kept each image under the digest of what it is drawn from.
    kept = example_project / KEPT
    for av in (*example_views.action_list(), *example_views.abandoned_list()):
        card = share_card(example_views, av)
        key = share_image.action_key(card)
        assert (kept / key[:2] / key).read_bytes() == (example_site / routes.action_image(av.action.id)).read_bytes()
    assert share_image.action_png(card) == (kept / key[:2] / key).read_bytes()  # what drawing again gives
    other = share_image.action_key(dataclasses.replace(card, etat="Où en est-elle : réalisée"))
    assert other != key and not (kept / other[:2] / other).exists()
    assert list((example_project / TEMPLATES_KEPT).glob("*.cache"))  # and the compiled templates (compiled.py)


def test_a_damaged_kept_image_is_drawn_again_and_an_unwritable_folder_keeps_nothing(tmp_path: Path) -> None:
    drawn: list[int] = []

    def draw() -> bytes:
        drawn.append(1)
        return share_image.png("Essai")

    kept = Kept(tmp_path / "partage")
    first = kept.get("ab" + "0" * 62, draw, share_image.is_png)
    assert kept.get("ab" + "0" * 62, draw, share_image.is_png) == first and len(drawn) == 1
    path = tmp_path / "partage" / "ab" / ("ab" + "0" * 62)
    path.write_bytes(first[:-20])  # cut short, as by a full disk
    assert kept.get("ab" + "0" * 62, draw, share_image.is_png) == first and len(drawn) == 2
    assert path.read_bytes() == first  # replaced by the whole image
    (tmp_path / "fichier").write_text("pas un dossier")
    assert Kept(tmp_path / "fichier").get("cd" + "0" * 62, draw, share_image.is_png) == first and len(drawn) == 3
    assert Kept(None).get("ab" + "0" * 62, draw, share_image.is_png) == first and len(drawn) == 4
