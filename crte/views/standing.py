"""Where an action stands, said the same way everywhere it is said: the summary at the
top of its page (templates/blocks/action-resume.html), its link preview
(views/preview.py), its share image (outputs/share_image.py) and its embed card.

Three cases, in this order: abandoned by a decision (its date); tracked under article 8
(the last status, its date, the last progress in %); nothing published, which is said,
never shown as a status.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from crte.data.timeline import ActionStatus
from crte.fr import long_date, number
from crte.views.tracking import ActionProgress

NOTHING = "aucun suivi publié"


@dataclass(frozen=True)
class Standing:
    abandoned: bool
    statut: str | None  # the last tracking status (« en cours »…), None when nothing is published
    date: dt.date | None  # abandoned on, or the date of the last tracking entry
    avancement: int | None  # %, the last known progress

    @property
    def published(self) -> bool:
        """True if there is something to say: abandoned, or a tracking entry."""
        return self.abandoned or self.statut is not None

    @property
    def label(self) -> str:
        """« abandonnée », the last status, or « aucun suivi publié »."""
        return "abandonnée" if self.abandoned else self.statut or NOTHING

    @property
    def details(self) -> str:
        """What follows the label: « le 3 mars 2024 », « au 3 mars 2024, 40 % » (a no-break space before %), or ""."""
        if self.date is None:
            when = ""
        else:
            when = f"{'le' if self.abandoned else 'au'} {long_date(self.date)}"
        if not self.abandoned and self.avancement is not None:
            when += f"{', ' if when else ''}{number(self.avancement)}\u00a0%"
        return when

    @property
    def text(self) -> str:
        """One phrase: « en cours au 3 mars 2024, 40 % », « abandonnée le … », « aucun suivi publié »."""
        return f"{self.label} {self.details}".strip()


def standing(status: ActionStatus, progress: ActionProgress | None) -> Standing:
    """Where the action of `status` (views.status) and `progress` (views.suivi.actions) stands."""
    if status.abandoned_by is not None:
        return Standing(True, None, status.abandoned_by.date, None)
    if progress is not None and progress.steps:
        return Standing(False, progress.statut, progress.date, progress.avancement)
    return Standing(False, None, None, None)
