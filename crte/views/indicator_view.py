"""One indicator as its page (/indicateurs/<id>/) and its line on /indicateurs/ show
it: the wording of article 9, the values of data/suivi/indicateurs/<id>.yaml
(views.suivi: `IndicatorSeries`), the actions it follows, all in words.

Nothing is invented: an indicator without a tracking file has no unit, source,
reference, target nor value, and says so (« non publiée », « Aucune valeur
publiée à ce jour ») instead of showing a zero.

- `with_unit(Decimal("38.1"), "%") -> "38,1 %"`: the value in French (the `nombre`
  filter), its unit after it (a no-break space between); the unit « nombre »
  is not repeated after a count;
- `IndicatorPage`: what a page shows; `trend` gives the trend against the target
  in words (`IndicatorSeries.tendance`, `.progres`), `description` every value
  in words (the chart's <desc>);
- `indicator_pages(views, today) -> list[IndicatorPage]`, one per indicator in
  force, in published order; `today` (the build date) decides « valeur
  ancienne » (`IndicatorSeries.old`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from crte.data.indicators import Indicator, Measure
from crte.data.model import Action, Orientation
from crte.data.tracking import IndicatorTracking
from crte.fr import number, percent_text
from crte.views.indicator_chart import Chart, chart, ordered
from crte.views.tracking import IndicatorSeries
from crte.views.views import Views

NO_VALUE = "Aucune valeur publiée à ce jour pour cet indicateur."
NO_MEASURE = "Aucune valeur mesurée publiée à ce jour pour cet indicateur."
BARE_UNITS = ("nombre",)  # a count: « 264 », not « 264 nombre »


def with_unit(valeur: Decimal, unite: str | None) -> str:
    text = number(valeur)
    if not unite or unite.strip().lower() in BARE_UNITS:
        return text
    return f"{text}\u00a0{unite.strip()}"


@dataclass(frozen=True)
class IndicatorPage:
    series: IndicatorSeries
    orientation: Orientation
    ajoute: bool  # added after the signature by a decision (not in the signed article 9)
    suivies: tuple[Action, ...]  # the actions its tracking file names (`actions`), abandoned ones included
    rattachees: tuple[Action, ...]  # the actions in force whose `indicateurs` field lists it
    today: dt.date  # the build date

    @property
    def id(self) -> str:
        return self.series.indicator.id

    @property
    def indicator(self) -> Indicator:
        return self.series.indicator

    @property
    def values(self) -> IndicatorTracking | None:
        return self.series.values

    @property
    def unite(self) -> str | None:
        """The tracking file's unit, else the one declared with the indicator (a decision may give one)."""
        return self.values.unite if self.values else self.indicator.unite

    @property
    def source(self) -> str | None:
        return self.values.source if self.values else None

    @property
    def reference(self) -> Measure | None:
        return self.values.valeur_reference if self.values else None

    @property
    def cible(self) -> Measure | None:
        return self.values.cible if self.values else None

    @property
    def mesures(self) -> list[Measure]:
        """The measured values, oldest first."""
        return ordered(self.values.mesures) if self.values else []

    @property
    def last(self) -> Measure | None:
        last: Measure | None = self.series.last
        return last

    @property
    def old(self) -> bool:
        """« valeur ancienne »: the last value is more than two years older than the build."""
        return self.series.old(self.today)

    @cached_property
    def chart(self) -> Chart | None:
        return chart(self.values)

    def texte(self, valeur: Decimal) -> str:
        """A value in French, with its unit: « 38,1 % »."""
        return with_unit(valeur, self.unite)

    def en(self, m: Measure) -> str:
        """A value and its year: « 38,1 % en 2020 »."""
        return f"{self.texte(m.valeur)} en {m.annee}"

    @property
    def no_value(self) -> str | None:
        """The sentence said instead of the table and the chart, or None when there are measures."""
        return None if self.mesures else NO_MEASURE if self.values else NO_VALUE

    @property
    def description(self) -> str:
        """Every value of the chart in words, for its <desc>."""
        parts = []
        if self.reference:
            parts.append(f"Valeur de référence : {self.en(self.reference)}.")
        parts.append("Valeurs mesurées : " + " ; ".join(self.en(m) for m in self.mesures) + ".")
        if self.cible:
            parts.append(f"Cible : {self.en(self.cible)}.")
        return " ".join(parts)

    @property
    def trend(self) -> str | None:
        """The trend against the target, in words; None without a measure."""
        last, ref, cible = self.last, self.reference, self.cible
        if last is None:
            return None
        if ref is None or cible is None:
            missing = "valeur de référence" if ref is None else "cible"
            return f"Sans {missing} publiée, la progression vers la cible n'est pas calculée."
        if ref.valeur == cible.valeur:
            return "La cible est égale à la valeur de référence : la progression n'est pas calculée."
        p, tendance = self.series.progres, self.series.tendance
        assert p is not None and tendance is not None
        way = f"entre la référence ({self.en(ref)}) et la cible ({self.en(cible)})"
        head = f"Tendance : {tendance}. La dernière valeur ({self.en(last)})"
        if tendance == "vers la cible":
            done = " La cible est atteinte." if p >= 100 else ""
            return f"{head} a parcouru {percent_text(p)} du chemin {way}.{done}"
        if tendance == "stable":
            return f"{head} est égale à la valeur de référence : {percent_text(p)} du chemin {way}."
        return f"{head} s'écarte de la cible : {percent_text(p)} du chemin {way}."


def indicator_pages(views: Views, today: dt.date) -> list[IndicatorPage]:
    """One page per indicator in force (views.suivi.indicators), in published order."""
    signed = {i.id for i in views.signed.indicators}
    out = []
    for s in views.suivi.indicators:
        i = s.indicator
        followed = tuple(views.state.actions[a] for a in (s.values.actions if s.values else ())
                         if a in views.state.actions)
        listing = tuple(a for a in views.crte.actions if i.id in a.indicateurs)
        out.append(IndicatorPage(s, views.orientation[i.orientation], i.id not in signed, followed, listing, today))
    return out
