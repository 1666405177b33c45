"""/donnees/maquette-financiere.xlsx: the published tables as a spreadsheet, for
people who open files in a spreadsheet program (the CSV files, comma-separated,
are for programs).

- one sheet per table: actions in force and signed, evolutions, each table of
  /finances/, the checks, the indicators, their values, the tracking; a last
  sheet, « Champs », describes every column of the table sheets: its header,
  its machine name (that of the CSV and JSON files), its type, its description
  (from the column declarations, site/columns.py);
- human headers (`LABELS`, one per machine name), bold and kept in view, an
  autofilter on every table sheet (the total row of a /finances/ table stays
  out of it, below), amounts in euros as numbers, whole numbers as numbers;
  `fiche` and `annee_lancement` stay text on purpose (the Champs sheet says
  why), as do years and dates;
- text cells are stored as text (cell type "s"): a value starting with « = »
  never becomes a formula;
- byte-identical builds: fixed workbook dates and zip entries (`_fixed_zip`).
"""
from __future__ import annotations

import datetime
import io
import re
import zipfile
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from crte.data import reconcile
from crte.outputs import measures_data, tracking_data
from crte.outputs.columns import ACTION_COLUMNS, EVOLUTION_COLUMNS, INDICATOR_COLUMNS, Column
from crte.outputs.records import action_record, evolution_rows, indicator_record
from crte.views.finance import breakdowns
from crte.views.views import Views

FILE = "maquette-financiere.xlsx"
EURO = '#,##0.00\\ "€"'
FIELDS_SHEET = "Champs"

# The header of each column in the spreadsheet, by machine name.
LABELS = {
    "id": "Identifiant", "etat": "État", "url": "Adresse de la page", "orientation": "Orientation",
    "enjeu": "Enjeu", "chantier": "Chantier", "chantier_titre": "Titre du chantier", "fiche": "Fiche",
    "fiche_titre": "Titre de la fiche", "maitre_ouvrage": "Maître d'ouvrage", "titre": "Titre",
    "description": "Description", "annee_lancement": "Année de lancement", "cout_total": "Coût total HT",
    "part_cahc": "Part {sigle}", "communes": "Communes", "territoire": "Tout le territoire", "hors_cahc": "Hors {sigle}",
    "date": "Date", "decision": "Décision", "instance": "Instance", "action": "Action", "objet": "Objet",
    "champ": "Champ changé", "avant": "Avant", "apres": "Après", "motif": "Motif", "groupe": "Groupe",
    "libelle": "Libellé",
    "unite": "Unité", "source": "Source", "valeur_reference": "Valeur de référence",
    "annee_reference": "Année de référence", "cible": "Cible", "annee_cible": "Année de la cible",
    "indicateur": "Indicateur", "annee": "Année", "valeur": "Valeur", "type": "Type de valeur",
    "statut": "Statut", "avancement": "Avancement (%)", "depense": "Dépensé", "commentaire": "Commentaire",
    "financeur": "Financeur (identifiant)", "financeur_nom": "Financeur", "financeur_groupe": "Groupe du financeur",
    "dispositif": "Dispositif", "demande": "Montant demandé", "accorde": "Montant accordé",
    "date_accord": "Date de l'accord", "reference": "Référence", "explication": "Explication",
}
TYPES = {"string": "texte", "number": "nombre", "integer": "nombre entier", "boolean": "VRAI / FAUX",
         "date": "date (texte AAAA-MM-JJ)"}
# Text on purpose, although they look like numbers.
ON_PURPOSE = {
    "fiche": "texte, volontairement : un numéro de fiche (« 19.10 ») n'est pas un nombre (19,1)",
    "annee_lancement": "texte, volontairement : une année ou une période (« 2021-2022 »), telle que publiée",
}
MONEY = {"cout_total", "part_cahc", "depense", "demande", "accorde"}

# The columns of the /finances/ tables and of the checks, which are not published elsewhere.
BREAKDOWN = [("Actions", "nombre entier", "Nombre d'actions du groupe."),
             ("Coût total HT", "nombre", "Somme des coûts totaux HT des actions, en euros."),
             ("Part {sigle}", "nombre", "Somme des parts {sigle} indiquées, en euros ; vide quand aucune action "
                           "du groupe n'en indique (inconnue, jamais 0)."),
             ("Actions sans part indiquée", "nombre entier", "Nombre d'actions dont la part {sigle} n'est pas donnée.")]
CHECKS = [("Chiffre", "texte", "Le total imprimé dans le contrat."),
          ("Imprimé", "nombre", "Le chiffre tel qu'imprimé, en euros."),
          ("Calculé", "nombre", "Le même chiffre recalculé à partir des lignes, en euros."),
          ("Écart (calculé - imprimé)", "nombre", "Calculé moins imprimé, en euros."),
          ("Explication", "texte", "Ce qui explique l'écart, s'il y en a un (/finances/controles/).")]


def label(name: str, sigle: str) -> str:
    """The header of column `name`; `sigle`: the territory's acronym (« Part CAHC »)."""
    return LABELS.get(name, name).format(sigle=sigle)


def _value(v: Any) -> Any:
    """A record's value as a cell: lists joined by « ; » (empty: no value), the rest as it is."""
    if isinstance(v, (list, tuple)):
        return ";".join(map(str, v)) or None
    return v


def _type(c: Column) -> str:
    if c.name in MONEY:
        return "nombre, en euros"
    return ON_PURPOSE.get(c.name, TYPES.get(c.type, c.type))


def _field_rows(sheet: str, columns: list[Column], sigle: str) -> list[list[Any]]:
    return [[sheet, label(c.name, sigle), c.name, _type(c), "oui" if c.required else "non", c.description]
            for c in columns]


def workbook(views: Views, site_url: str) -> bytes:
    # Write-only mode: rows are streamed to the file, not kept as cell objects (about 2.5 s
    # for 10 000 actions otherwise, bench/README.md).
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    sigle = views.territory.sigle
    breakdown_columns = [(h.format(sigle=sigle), t, d.format(sigle=sigle)) for h, t, d in BREAKDOWN]
    fields: list[list[Any]] = []

    def sheet(title: str, header: list[str], rows: list[list[Any]], money_cols: set[int],
              filtered: int | None = None, widths: dict[int, int] | None = None) -> None:
        """A table sheet; `filtered`: rows under the autofilter (all by default)."""
        ws = wb.create_sheet(title)
        ws.freeze_panes = "A2"
        for i, width in (widths or {}).items():
            ws.column_dimensions[get_column_letter(i)].width = width
        last = 1 + (len(rows) if filtered is None else filtered)
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{last}"

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
            ws.append([cell(v, number_format=EURO) if i in money_cols else cell(v) for i, v in enumerate(row, 1)])

    def table(title: str, columns: list[Column], rows: list[list[Any]], described: str | None = "") -> None:
        """A sheet of declared columns, described in Champs under `described` (its title by
        default; None: already described)."""
        money = {i for i, c in enumerate(columns, 1) if c.name in MONEY}
        sheet(title, [label(c.name, sigle) for c in columns], rows, money)
        if described is not None:
            fields.extend(_field_rows(described or title, columns, sigle))

    names = [c.name for c in ACTION_COLUMNS]
    for title, v in (("Actions", views), ("Actions signées", views.signed_views)):
        records = [action_record(a, v, site_url) for a in v.crte.actions]
        table(title, ACTION_COLUMNS, [[_value(r[n]) for n in names] for r in records],
              "Actions, Actions signées" if v is views else None)
    evolution_names = [c.name for c in EVOLUTION_COLUMNS]
    table("Évolutions", EVOLUTION_COLUMNS, [[r[n] for n in evolution_names] for r in evolution_rows(views, site_url)])
    for b in breakdowns(views):
        sheet(b.titre[:31], [b.colonne, *(h for h, _, _ in breakdown_columns)],
              [[r.libelle, r.totaux.nombre, r.totaux.cout_total, r.totaux.part_indiquee, r.totaux.sans_part]
               for r in b.rows] + [["Total", b.total.nombre, b.total.cout_total, b.total.part_indiquee,
                                    b.total.sans_part]], {3, 4}, filtered=len(b.rows))
        fields.append([b.titre[:31], b.colonne, "", "texte", "oui", "Le groupe ; la dernière ligne, « Total », "
                       "est hors du filtre."])
        fields.extend([b.titre[:31], h, "", t, "oui", d] for h, t, d in breakdown_columns)
    sheet("Contrôles", [h for h, _, _ in CHECKS],
          [[r.libelle, r.imprime, r.calcule, r.ecart, r.explication.texte if r.explication else ""]
           for r in reconcile.reconciliations(views.signed)], {2, 3, 4})
    fields.extend(["Contrôles", h, "", t, "oui", d] for h, t, d in CHECKS)
    indicator_names = [c.name for c in INDICATOR_COLUMNS]
    table("Indicateurs", INDICATOR_COLUMNS, [[indicator_record(i, site_url)[n] for n in indicator_names]
                                             for i in views.crte.indicators])
    title, _, rows = measures_data.measure_sheet(views)
    table(title, measures_data.MEASURE_COLUMNS, rows)
    for t in tracking_data.tables(views, site_url):
        table(t.sheet, t.columns, t.cells)
    sheet(FIELDS_SHEET, ["Onglet", "Colonne", "Nom dans les fichiers CSV et JSON", "Type", "Obligatoire",
                         "Description"], fields, set(), widths={1: 22, 2: 26, 3: 22, 4: 30, 6: 100})
    # openpyxl stores Decimals as numbers; a spreadsheet holds them as floats, exact to the cent here.
    fixed = datetime.datetime.combine(views.crte.contract.signature.date, datetime.time())
    wb.properties.created = wb.properties.modified = fixed
    wb.properties.creator = views.territory.site
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
