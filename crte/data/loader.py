"""Load data/ into the model, collecting every error before giving up.

`load(data_dir)` returns a `Crte` or raises `DataErrors` listing every problem as
`file:line: field: message`. Nothing is half-loaded: one error anywhere and no
model is returned, so a build can never publish silently wrong figures.

The steps, for each file of `model.FILES`:

1. files.py: the file's bytes, read only if it is a plain file of the data (a
   link leading out of it, a broken link, a pipe, a folder refused unread);
   bounds.py and reader.py: YAML -> raw values that keep their lines (anchors,
   aliases, oversized or overnested files and duplicate keys refused);
2. the file's declared record (pydantic) validates them; each pydantic error
   is turned into a French `file:line: path: message` (validation.py). When some
   items of a list are wrong, the others are still validated, so that the
   checks across records can run on them and report their own errors;
3. checks.py: relations, duplicates and references across records and files,
   then, when actions and orientations are valid, the printed totals.
"""
from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from crte.data import checks, fidelity, names, published_ids, tracking_checks
from crte.data.codes import decisions as D, fichiers as K
from crte.data.decisions import Decision
from crte.data.errors import ErrorList, Where
from crte.data.files import DataFolder
from crte.data.model import EXAMPLE, FILES, GLOSSARY, ActionsFile, CommunesFile, Contract, Crte, IndicatorsFile, OrientationsFile
from crte.data.reader import SLUG_MAX, SLUG_RE
from crte.data.reuse import Memo
from crte.data.territory import Territory
from crte.data.timeline import timeline
from crte.data.validation import read_record


def read_files(data: DataFolder) -> dict[str, Any]:
    """Each file's record (complete or partial), by key of model.FILES."""
    return {spec.key: read_record(data, data.path / spec.name, spec.record) for spec in FILES}


DECISIONS = "decisions"


def read_decisions(data: DataFolder) -> list[Decision]:
    """The decisions of `data/decisions/`, each with its id (its file name)."""
    out: list[Decision] = []
    seen: dict[str, str] = {}
    errors = data.errors
    for path in data.entries(data.path / DECISIONS):
        display = data.name(path)
        if path.stem in seen:
            errors.add(Where(display, 1), "(fichier)", D.DEUX_FICHIERS(id=path.stem, first=seen[path.stem],
                                                                       second=path.name))
            continue
        seen[path.stem] = path.name
        if not SLUG_RE.fullmatch(path.stem) or len(path.stem) > SLUG_MAX:
            errors.add(Where(display, 1), "(fichier)", D.NOM_DE_FICHIER(id=path.stem, max=SLUG_MAX))
            continue
        if (bad := names.address_problem(names.DECISIONS, path.stem)) is not None:
            errors.add(Where(display, 1), "(fichier)", bad)
            continue
        # A decision with an error is not applied: what it adds is left out, and what
        # refers to it is said once to depend on it (ErrorList.unknown); what depends
        # on the actions it changes (their costs, dates) is not checked without it.
        decision = read_record(data, path, Decision, f"la décision {display}", unsure=("action", "id"))
        if decision is not None:
            decision.set_computed(id=path.stem)
            out.append(decision)
    return out


def stray_files(data: DataFolder) -> None:
    """Report what data/ holds that no reader takes: nothing under data/ is ignored in silence."""
    expected = {spec.name for spec in FILES} | {EXAMPLE.name, GLOSSARY.name}
    # A file that one of them links to (communes.yaml -> communes-2021.yaml) is read through the link.
    linked = {os.path.realpath(data.path / name) for name in expected if (data.path / name).is_symlink()}
    for path in data.listing(data.path):
        if path.name in expected or path.name in (DECISIONS, tracking_checks.FOLDER) or os.path.realpath(path) in linked:
            continue
        data.report(path, K.DOSSIER_NON_LU("donnees") if path.is_dir() else
                    K.FICHIER_NON_LU("donnees", expected=", ".join(spec.name for spec in FILES)))


def load(data_dir: Path | str, display_dir: str = "data", source: Path | None = None,
         published: Path | None = None, root: Path | None = None, memo: Memo | None = None) -> Crte:
    """Read and validate every file of `data_dir`; raise DataErrors listing all problems.

    `source`: the signed document's text (sources/crte-cahc-2021-12-13.txt); by default,
    the file territoire.yaml names (`document_signe`) under `root`, the project's folder,
    when both are given. When present, the signed layer is compared with it last (fidelity.py),
    provided the records of contract, orientations, actions and indicators are
    all valid: a half-loaded model is not compared.
    `published`: urls.txt, the addresses the site has published; an action id
    published there that no action has any more was renamed (published_ids.py).
    `memo`: under serve, what the files gave at the last load (reuse.py): the unchanged
    records of an edited file are not read again."""
    errors = ErrorList()
    if memo is not None:
        memo.taken.clear()  # what this load takes from it
    data = DataFolder(data_dir, display_dir, errors, memo)
    stray_files(data)
    parts = read_files(data)
    glossary_path = data.path / GLOSSARY.name
    glossary = read_record(data, glossary_path, GLOSSARY.record) if data.present(glossary_path) else None
    unread = {e.where.file for e in errors.errors}  # files whose records are not all valid
    decisions = read_decisions(data)
    tracking = tracking_checks.read(data)
    example = data.path / EXAMPLE.name
    notice = read_record(data, example, EXAMPLE.record) if data.present(example) else None
    contract: Contract | None = parts.get("contract")
    plan: OrientationsFile | None = parts.get("orientations")
    annex: ActionsFile | None = parts.get("actions")
    indicators: IndicatorsFile | None = parts.get("indicators")
    communes: CommunesFile | None = parts.get("communes")
    for part in (*parts.values(), *decisions, glossary):
        if part is not None:
            checks.check_lists(errors, part)
    if contract is not None:
        checks.check_contract(errors, contract)
    if plan is not None:
        checks.check_plan(errors, plan)
    if indicators is not None:
        checks.check_indicators(errors, indicators, plan)
    if communes is not None:
        checks.check_communes(errors, communes.communes)
    if annex is not None:
        checks.check_actions(errors, annex, plan, indicators, communes)
    # The printed totals are compared with sums of the actions: only meaningful
    # when every action was read and resolved, whatever the other files say.
    totals_files = {f"{display_dir}/{spec.name}" for spec in FILES if spec.key in ("actions", "orientations")}
    if annex is not None and plan is not None and not any(e.where.file in totals_files for e in errors.errors):
        partial = Crte(contract, plan.orientations, annex.actions, annex.totaux_publies,  # type: ignore[arg-type]
                       (), (), parts.get("territoire"))
        errors.errors.extend(checks.check_totals(partial))
    territory: Territory | None = parts.get("territoire")
    if source is None and root is not None and territory is not None and territory.document_signe:
        source = Path(root) / territory.document_signe
    signed_files = {f"{display_dir}/{spec.name}" for spec in FILES if spec.key not in ("communes", "territoire")}
    if (source is not None and Path(source).is_file() and contract and plan and annex and indicators
            and not signed_files & unread):
        layer = Crte(contract, plan.orientations, annex.actions, annex.totaux_publies, indicators.orientations, ())
        errors.errors.extend(fidelity.errors(layer, Path(source)))
    if published is not None and annex is not None:
        published_ids.check(published, annex, decisions, tracking, errors)
    # The decisions apply to a signed contract that is whole and valid; a wrong
    # decision does not keep the others from being checked.
    living = (f"{display_dir}/{DECISIONS}/", f"{display_dir}/{tracking_checks.FOLDER}/")
    if any(not e.where.file.startswith(living) for e in errors.errors):
        ids = {x for a in annex.actions for x in (a.id, *a.anciens_ids)} if annex else set()
        tracking_checks.report_stray(tracking, ids, {i.id for b in indicators.orientations for i in b.indicateurs}
                                     if indicators else set(), errors)
        errors.raise_if_any()
    assert contract and plan and annex and indicators and communes and territory
    signed = Crte(contract, plan.orientations, annex.actions, annex.totaux_publies, indicators.orientations,
                  communes.communes, territory, annex.colonnes, exemple=notice.avertissement if notice else None,
                  glossaire=glossary.termes if glossary else ())
    # The decisions after the signature, applied in order (each checked against the
    # contract as it stands at its date).
    states = timeline(signed, decisions, errors)
    tracking = tracking_checks.check(tracking, states[-1], contract.signature.date, errors)
    errors.raise_if_any()
    return replace(signed, decisions=tuple(sorted(decisions, key=lambda d: (d.date, d.id))), states=tuple(states),
                   suivi=tracking)
