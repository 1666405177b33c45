"""Where an action takes place, said the same way on its page's summary (with a link per
commune, templates/blocks/action-resume.html), its embed card, its link preview and its
share image (views/preview.py): its communes, « toute l'agglomération », « hors de la CAHC »,
or « non précisé » when the record does not say."""
from __future__ import annotations

from dataclasses import dataclass

from crte.data.model import Localisation

UNKNOWN = "non précisé"


@dataclass(frozen=True)
class Places:
    communes: tuple[tuple[str, str], ...]  # (slug, name), in the record's order
    others: tuple[str, ...]  # « toute l'agglomération », « hors de la CAHC »

    @property
    def given(self) -> bool:
        """False when the record does not say where (the text is then « non précisé »)."""
        return bool(self.communes or self.others)

    @property
    def text(self) -> str:
        """`« Hénin-Beaumont, Carvin »`, `« Oignies ; hors de la CAHC »`, or `« non précisé »`."""
        parts = [", ".join(name for _, name in self.communes)] if self.communes else []
        return " ; ".join([*parts, *self.others]) or UNKNOWN


def places(loc: Localisation | None, names: dict[str, str], le_sigle: str) -> Places:
    """The places of `loc` (an action's localisation), commune names from `names` (slug -> name)."""
    if loc is None:
        return Places((), ())
    others = (["toute l'agglomération"] if loc.territoire else []) + ([f"hors de {le_sigle}"] if loc.hors_cahc else [])
    return Places(tuple((slug, names[slug]) for slug in loc.communes), tuple(others))
