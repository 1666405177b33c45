"""Open data files published under /donnees/, built from the same model as the pages.

Machine-readable conventions: UTF-8, amounts as decimals with a dot and no
currency sign ("1950206.00"), an absent value left empty (CSV) or null (JSON),
never zero. Licence: Licence Ouverte / Open Licence 2.0 (Etalab).

Every file is byte-for-byte reproducible: sorted keys where order is free, and
the spreadsheet's internal dates fixed (see `_xlsx`).
"""
from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from pydantic import BaseModel
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from ..data import reconcile
from ..views.finance import breakdowns
from ..data.model import Action
from ..views.views import Views
from .columns import ACTION_COLUMNS, EVOLUTION_COLUMNS, INDICATOR_COLUMNS, Column, names, table_schema
from . import measures_data  # mesures.csv: the indicators' values
from . import tracking_data  # suivi.csv, financements.csv: the tracking (article 8)

LICENCE = {
    "name": "etalab-2.0",
    "title": "Licence Ouverte / Open Licence 2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
DIR = "donnees"


@dataclass(frozen=True)
class DataFile:
    name: str  # file name under /donnees/
    title: str
    description: str
    content: bytes
    rows: int | None  # data rows (CSV, sheets of actions), None for documents


def money(value: Decimal | None) -> str:
    return "" if value is None else str(value.quantize(Decimal("0.01")))


# --- Tables ------------------------------------------------------------------------------------

def action_row(a: Action, views: Views, site_url: str) -> dict[str, str]:
    loc = a.localisation
    status = views.status(a.id)
    return {
        "id": a.id, "etat": "ajoutée" if status.added_by else "modifiée" if views.changes(a.id) else "signée", "url": f"{site_url}actions/{a.id}/", "orientation": str(a.orientation), "enjeu": a.enjeu,
        "chantier": str(a.chantier), "chantier_titre": views.chantier[a.chantier].titre, "fiche": a.fiche,
        "fiche_titre": views.fiche[a.fiche].titre, "maitre_ouvrage": a.maitre_ouvrage, "titre": a.titre,
        "description": a.description, "annee_lancement": a.annee_lancement, "cout_total": money(a.cout_total),
        "part_cahc": money(a.part_cahc), "communes": ";".join(loc.communes) if loc else "",
        "territoire": "true" if loc and loc.territoire else "false",
        "hors_cahc": ";".join(loc.hors_cahc) if loc else "",
    }


def evolution_rows(views: Views, site_url: str) -> list[dict[str, str]]:
    """One row per field changed (or action added or abandoned), oldest decision first."""
    rows = []
    others = {dv.id: [ln for ln in dv.lines if ln.kind not in ("ajouter_action", "modifier_action", "abandonner_action")]
              for dv in views.decision_views}
    for d in views.decisions:
        common = {"date": d.date.isoformat(), "decision": d.id, "instance": d.instance,
                  "url": f"{site_url}evolutions/{d.id}/"}
        for action_id, status in sorted(views.state.status.items()):
            for h in status.history:
                if h.decision is not d:
                    continue
                before = "" if h.field in ("ajout", "abandon") else _cell(h.before)
                after = "" if h.field == "ajout" else _cell(h.after)
                rows.append({**common, "action": action_id, "objet": views.state.actions[action_id].titre,
                             "champ": h.field, "avant": before, "apres": after})
        for line in others[d.id]:
            rows.append({**common, "action": "", "objet": line.target, "champ": line.kind,
                         "avant": _cell(line.before), "apres": _cell(line.after)})
    return rows


def _cell(value: Any) -> str:
    if isinstance(value, Decimal):
        return money(value)
    if isinstance(value, tuple):
        return ";".join(map(str, value))
    if isinstance(value, BaseModel):
        return json.dumps(_plain(value), ensure_ascii=False, default=_plain, sort_keys=True)
    return "" if value is None else str(value)


def indicator_rows(views: Views, site_url: str) -> list[dict[str, str]]:
    rows = []
    for i in views.crte.indicators:
        ref, cible = i.valeur_reference, i.cible
        rows.append({
            "id": i.id, "url": f"{site_url}indicateurs/#{i.id}", "orientation": str(i.orientation),
            "groupe": i.groupe or "", "libelle": i.libelle, "unite": i.unite or "", "source": i.source or "",
            "valeur_reference": str(ref.valeur) if ref else "", "annee_reference": ref.annee if ref else "",
            "cible": str(cible.valeur) if cible else "", "annee_cible": cible.annee if cible else "",
        })
    return rows


# A spreadsheet opening a CSV runs a cell that starts with one of these as a
# formula (OWASP, « CSV Injection »): text cells get a leading apostrophe, which
# spreadsheets hide and readers can see. Numbers are never touched.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def _csv(columns: list[Column], rows: Iterable[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=names(columns), lineterminator="\n")
    writer.writeheader()
    text = [c.name for c in columns if c.type == "string"]
    for row in rows:
        writer.writerow({**row, **{n: neutralised(row[n]) for n in text}})
    return out.getvalue().encode("utf-8")


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, default=_plain) + "\n").encode("utf-8")


def _plain(value: Any) -> Any:
    """JSON for the model: Decimals as exact decimal strings, dataclasses without `where`."""
    if isinstance(value, Decimal):
        return money(value) if value.as_tuple().exponent == -2 else str(value)
    if isinstance(value, BaseModel):
        cls = type(value)
        return {n: getattr(value, n) for n in (*cls.model_fields, *cls.model_computed_fields)}
    if dataclasses.is_dataclass(value):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value) if f.name != "where"}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(type(value))


# --- The spreadsheet ------------------------------------------------------------------------------

def _xlsx(views: Views, site_url: str) -> bytes:
    # Write-only mode: rows are streamed to the file, not kept as cell objects (about 2.5 s
    # for 10 000 actions otherwise, bench/README.md).
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    euro = '#,##0.00\\ "€"'

    def sheet(title: str, header: list[str], rows: list[list[Any]], money_cols: set[int]) -> None:
        ws = wb.create_sheet(title)
        ws.freeze_panes = "A2"

        def cell(value: Any, **style: Any) -> WriteOnlyCell:
            c = WriteOnlyCell(ws, value=value)
            if isinstance(value, str):
                # Text stays text: openpyxl would store "=…" as a live formula.
                c.data_type = "s"
            for name, v in style.items():
                setattr(c, name, v)
            return c

        ws.append([cell(h, font=bold) for h in header])
        for row in rows:
            ws.append([cell(v, number_format=euro) if i in money_cols else cell(v) for i, v in enumerate(row, 1)])

    names = [c.name for c in ACTION_COLUMNS]
    for title, v in (("Actions", views), ("Actions signées", views.signed_views)):
        rows = []
        for a in v.crte.actions:
            r = action_row(a, v, site_url)
            rows.append([a.cout_total if n == "cout_total" else a.part_cahc if n == "part_cahc" else
                         a.chantier if n == "chantier" else a.orientation if n == "orientation" else r[n]
                         for n in names])
        sheet(title, names, rows, {names.index("cout_total") + 1, names.index("part_cahc") + 1})
    evolution_names = [c.name for c in EVOLUTION_COLUMNS]
    sheet("Évolutions", evolution_names, [[r[n] for n in evolution_names] for r in evolution_rows(views, site_url)],
          set())
    for b in breakdowns(views):
        sheet(b.titre[:31], [b.colonne, "Actions", "Coût total HT", "Part CAHC",
                                                     "Actions sans part indiquée"],
              [[r.libelle, r.totaux.nombre, r.totaux.cout_total, r.totaux.part_cahc, r.totaux.sans_part]
               for r in b.rows] + [["Total", b.total.nombre, b.total.cout_total, b.total.part_cahc,
                                    b.total.sans_part]], {3, 4})
    sheet("Contrôles", ["Chiffre", "Imprimé", "Calculé", "Écart (calculé - imprimé)", "Explication"],
          [[r.libelle, r.imprime, r.calcule, r.ecart, r.explication.texte if r.explication else ""]
           for r in reconcile.reconciliations(views.signed)], {2, 3, 4})
    sheet(*measures_data.measure_sheet(views), set())
    for t in tracking_data.tables(views, site_url):
        sheet(t.sheet, [c.name for c in t.columns], t.cells, t.money_cols)
    # openpyxl stores Decimals as numbers; a spreadsheet holds them as floats, exact to the cent here.
    fixed = datetime.datetime(2021, 12, 13)
    wb.properties.created = wb.properties.modified = fixed
    wb.properties.creator = "CRTE Hénin-Carvin"
    raw = io.BytesIO()
    wb.save(raw)
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with fixed entry dates and order, so that builds are byte-identical."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the save time here, whatever the workbook says.
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2021-12-13T00:00:00Z", content)
            dst.writestr(entry, content)
    return out.getvalue()


# --- All files -------------------------------------------------------------------------------------

def files(views: Views, site_url: str) -> list[DataFile]:
    crte = views.crte
    actions = [action_row(a, views, site_url) for a in crte.actions]
    signed = [action_row(a, views.signed_views, site_url) for a in views.signed.actions]
    evolutions = evolution_rows(views, site_url)
    indicators = indicator_rows(views, site_url)
    measures = measures_data.measure_rows(views)
    tracking = tracking_data.tables(views, site_url)
    out = [
        DataFile("actions.csv", "Actions en vigueur (CSV)", "Les actions du programme en vigueur, une par ligne : "
                 "les lignes de l'annexe 3 et les décisions prises depuis la signature.",
                 _csv(ACTION_COLUMNS, actions), len(actions)),
        DataFile("actions-signees.csv", "Actions du contrat signé (CSV)",
                 "Les lignes de l'annexe 3 telles que signées le 13 décembre 2021.",
                 _csv(ACTION_COLUMNS, signed), len(signed)),
        DataFile("evolutions.csv", "Évolutions (CSV)", "Une ligne par champ changé par une décision prise depuis "
                 "la signature (et par action ajoutée ou abandonnée).", _csv(EVOLUTION_COLUMNS, evolutions),
                 len(evolutions)),
        DataFile("actions.json", "Actions (JSON)", "Les actions en vigueur et celles du contrat signé, en JSON, avec "
                 "les totaux imprimés de l'annexe.",
                 _json({"licence": LICENCE, "actions": actions, "actions_signees": signed,
                        "totaux_publies": crte.published_totals}), len(actions)),
        DataFile("indicateurs.csv", "Indicateurs (CSV)", "Les indicateurs de suivi de l'article 9.",
                 _csv(INDICATOR_COLUMNS, indicators), len(indicators)),
        DataFile("indicateurs.json", "Indicateurs (JSON)",
                 "Les indicateurs par orientation et par groupe, avec leurs mesures.",
                 _json({"licence": LICENCE, "orientations": crte.indicator_blocks}), len(indicators)),
        DataFile(measures_data.FILE, measures_data.TITLE, measures_data.DESCRIPTION,
                 _csv(measures_data.MEASURE_COLUMNS, measures), len(measures)),
        DataFile("contrat.json", "Contrat (JSON)",
                 "Le texte du contrat (articles, sous-articles, signature, annexes), les orientations, "
                 "chantiers et fiches, et les communes.",
                 _json({"licence": LICENCE, "contrat": crte.contract, "orientations": crte.orientations,
                        "communes": crte.communes}), None),
        DataFile("maquette-financiere.xlsx", "Maquette financière (tableur)",
                 "Les actions et chaque tableau de /finances/, un onglet par tableau, et les contrôles.",
                 _xlsx(views, site_url), len(actions)),
    ]
    out += [DataFile(t.name, t.title, t.description, _csv(t.columns, t.rows), len(t.rows)) for t in tracking]
    notice = views.signed.exemple
    package = {
        "name": "crte-henin-carvin" if not notice else "crte-henin-carvin-exemple-fictif",
        **({"description": f"EXEMPLE FICTIF : {notice}"} if notice else {}),
        "title": ("Exemple fictif — " if notice else "") + "Contrat Territorial de Relance et de Transition "
                 "Écologique de la Communauté d'Agglomération Hénin-Carvin (13 décembre 2021)",
        "homepage": site_url,
        "licenses": [LICENCE],
        "resources": [
            {"name": "actions", "path": "actions.csv", "format": "csv", "mediatype": "text/csv",
             "encoding": "utf-8", "title": "Actions en vigueur", "schema": table_schema(ACTION_COLUMNS, "id")},
            {"name": "actions-signees", "path": "actions-signees.csv", "format": "csv", "mediatype": "text/csv",
             "encoding": "utf-8", "title": "Actions de l'annexe 3 du contrat signé",
             "schema": table_schema(ACTION_COLUMNS, "id")},
            {"name": "evolutions", "path": "evolutions.csv", "format": "csv", "mediatype": "text/csv",
             "encoding": "utf-8", "title": "Évolutions depuis la signature",
             "schema": {k: v for k, v in table_schema(EVOLUTION_COLUMNS, "").items() if k != "primaryKey"}},
            {"name": "indicateurs", "path": "indicateurs.csv", "format": "csv", "mediatype": "text/csv",
             "encoding": "utf-8", "title": "Indicateurs de l'article 9", "schema": table_schema(INDICATOR_COLUMNS, "id")},
            measures_data.measure_resource(),
        ],
    }
    package["resources"] += [t.resource for t in tracking]
    out.append(DataFile("datapackage.json", "Description des données (Frictionless)",
                        "Le paquet de données : la licence et, pour chaque fichier CSV, son schéma (Table Schema).",
                        _json(package), None))
    return out
