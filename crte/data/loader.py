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
   is turned into a French `file:line: path: message` (`_report`). When some
   items of a list are wrong, the others are still validated, so that the
   checks across records can run on them and report their own errors;
3. checks.py: relations, duplicates and references across records and files,
   then, when actions and orientations are valid, the printed totals.
"""
from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from crte.data import checks, fidelity, names, published_ids, tracking_checks
from crte.data.codes import decisions as D, fichiers as K
from crte.data.decisions import Decision
from crte.data.errors import ErrorList, Where
from crte.data.files import DataFolder
from crte.data.model import EXAMPLE, FILES, ActionsFile, CommunesFile, Contract, Crte, IndicatorsFile, OrientationsFile
from crte.data.reader import SLUG_MAX, SLUG_RE, RawList, RawMap, Scalar, file_identities, identities, locate, parse, to_raw
from crte.data.record import Record, record_type, unwrap
from crte.data.territory import Territory
from crte.data.timeline import timeline

# Pydantic's own kinds of error, as staff read them.
MESSAGES = {
    "missing": K.CHAMP_MANQUANT,
    "model_type": K.BLOC_ATTENDU, "model_attributes_type": K.BLOC_ATTENDU, "dict_type": K.BLOC_ATTENDU,
    "tuple_type": K.LISTE_ATTENDUE, "list_type": K.LISTE_ATTENDUE,
    "too_short": K.LISTE_VIDE,
}


def _model_at(cls: type[Record], loc: tuple[Any, ...]) -> type[Record] | None:
    """The record type found at `loc` inside `cls` (None past a plain value)."""
    current: type[Record] | None = cls
    for key in loc:
        if isinstance(key, int) or current is None:
            continue
        info = current.model_fields.get(key)
        current = record_type(unwrap(info.annotation)[0]) if info else None
    return current


def _report(err: Mapping[str, Any], raw: Any, file: str, cls: type[Record], errors: ErrorList) -> Where:
    """Report one pydantic error; return where."""
    loc = tuple(err["loc"])
    kind = err["type"]
    where, path, parent = locate(raw, loc, file)
    value = err.get("input")
    code = ""
    if kind == "crte":
        message, code = err["ctx"]["message"], err["ctx"].get("code", "")
    elif kind == "extra_forbidden":
        name = str(loc[-1])
        if isinstance(parent, RawMap) and name in parent.keylines:
            where = Where(file, parent.keylines[name])
        known = sorted((_model_at(cls, loc[:-1]) or cls).model_fields)
        near = difflib.get_close_matches(name, known, n=1)
        message = K.CHAMP_INCONNU(near=near[0]) if near else K.CHAMP_INCONNU("liste", known=", ".join(known))
    elif isinstance(value, Scalar) and value.is_null and kind != "missing":
        message = K.VALEUR_VIDE()
    else:
        message = MESSAGES[kind]() if kind in MESSAGES else K.VALEUR_REFUSEE(why=err["msg"])
    errors.add(where, path or "(document)", message, code)
    return where


def _prune(raw: RawMap, bad: set[tuple[str, int]]) -> RawMap:
    """A copy of a file's raw mapping without the list items that failed."""
    out = RawMap({k: v for k, v in raw.items()})
    out.file, out.line, out.path, out.keylines, out.itemlines = raw.file, raw.line, raw.path, raw.keylines, {}
    for name, value in raw.items():
        if isinstance(value, RawList) and any(n == name for n, _ in bad):
            kept = RawList(v for i, v in enumerate(value) if (name, i) not in bad)
            kept.line = value.line
            out[name] = kept
            out.itemlines[name] = [ln for i, ln in enumerate(raw.itemlines.get(name, [])) if (name, i) not in bad]
    return out


def validate(cls: type[Record], raw: Any, file: str, errors: ErrorList, source: str | None = None) -> Any:
    """The record of a whole file, or, when some list items are wrong, the record
    made of the others (its errors are reported; None when nothing is usable).

    What is left out is remembered (ErrorList.leave_out): the ids and numbers it
    holds, with the place of its first error (or `source`, e.g. « la décision … »),
    so that what refers to them is not reported as unknown too."""
    try:
        return cls.model_validate(raw)
    except ValidationError as exc:
        bad: dict[tuple[str, int], Where] = {}
        whole: Where | None = None
        found = exc.errors(include_url=False)
        for err in found:
            loc = tuple(err["loc"])
            if err["type"] == "too_short" and any(tuple(e["loc"])[:len(loc)] == loc and len(e["loc"]) > len(loc)
                                                  for e in found):
                continue  # the list is not empty: its items are wrong, and reported as such
            if errors.full(file):  # a file made of mistakes: counted, not located one by one
                errors.count(file)
                where = locate(raw, tuple(err["loc"]), file)[0]
            else:
                where = _report(err, raw, file, cls, errors)
            loc = err["loc"]
            if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
                bad[(loc[0], loc[1])] = min(where, bad.get((loc[0], loc[1]), where))
            else:
                whole = min(where, whole or where)
    if whole is not None or not isinstance(raw, RawMap):
        errors.leave_out(identities(raw), source or str(whole))
        return None
    for (name, i), where in bad.items():
        items = raw.get(name)
        errors.leave_out(identities(items[i]) if isinstance(items, RawList) and i < len(items) else set(),
                         source or str(where))
    try:
        return cls.model_validate(_prune(raw, set(bad)))
    except ValidationError:
        errors.leave_out(identities(raw), source or str(min(bad.values(), default=Where(file, 1))))
        return None


def read_record(data: DataFolder, path: Path, cls: type[Record], source: str | None = None,
                unsure: tuple[str, ...] = ()) -> Any:
    """One file's record (complete, partial or None: `validate`), its bytes read by
    `data` (files.py). A file with any error, even one that loses lines (a syntax
    error, a forgotten « - »), has what its lines define left out, so that what
    refers to it is said once to depend on it; `source` names it in that message (by
    default the place of its first error). The values of its `unsure` keys are
    remembered as unsure (ErrorList.unsure)."""
    errors, display = data.errors, data.name(path)
    before = len(errors.errors)
    raw = data.read(path)
    node = None if raw is None else parse(raw, display, errors, data.budget)
    record = None if node is None else validate(cls, to_raw(node, display, errors), display, errors, source)
    if len(errors.errors) > before and raw is not None:
        first = min(e.where for e in errors.errors[before:])
        errors.leave_out(file_identities(raw), source or str(first))
        errors.unsure |= file_identities(raw, unsure) if unsure else set()
    return record


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
    expected = {spec.name for spec in FILES} | {EXAMPLE.name}
    # A file that one of them links to (communes.yaml -> communes-2021.yaml) is read through the link.
    linked = {os.path.realpath(data.path / name) for name in expected if (data.path / name).is_symlink()}
    for path in data.listing(data.path):
        if path.name in expected or path.name in (DECISIONS, tracking_checks.FOLDER) or os.path.realpath(path) in linked:
            continue
        data.report(path, K.DOSSIER_NON_LU("donnees") if path.is_dir() else
                    K.FICHIER_NON_LU("donnees", expected=", ".join(spec.name for spec in FILES)))


def load(data_dir: Path | str, display_dir: str = "data", source: Path | None = None,
         published: Path | None = None, root: Path | None = None) -> Crte:
    """Read and validate every file of `data_dir`; raise DataErrors listing all problems.

    `source`: the signed document's text (sources/crte-cahc-2021-12-13.txt); by default,
    the file territoire.yaml names (`document_signe`) under `root`, the project's folder,
    when both are given. When present, the signed layer is compared with it last (fidelity.py),
    provided the records of contract, orientations, actions and indicators are
    all valid: a half-loaded model is not compared.
    `published`: urls.txt, the addresses the site has published; an action id
    published there that no action has any more was renamed (published_ids.py)."""
    errors = ErrorList()
    data = DataFolder(data_dir, display_dir, errors)
    stray_files(data)
    parts = read_files(data)
    unread = {e.where.file for e in errors.errors}  # files whose records are not all valid
    decisions = read_decisions(data)
    tracking = tracking_checks.read(data, read_record)
    example = data.path / EXAMPLE.name
    notice = read_record(data, example, EXAMPLE.record) if data.present(example) else None
    contract: Contract | None = parts.get("contract")
    plan: OrientationsFile | None = parts.get("orientations")
    annex: ActionsFile | None = parts.get("actions")
    indicators: IndicatorsFile | None = parts.get("indicators")
    communes: CommunesFile | None = parts.get("communes")
    for part in (*parts.values(), *decisions):
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
                  communes.communes, territory, annex.colonnes, exemple=notice.avertissement if notice else None)
    # The decisions after the signature, applied in order (each checked against the
    # contract as it stands at its date).
    states = timeline(signed, decisions, errors)
    tracking = tracking_checks.check(tracking, states[-1], contract.signature.date, errors)
    errors.raise_if_any()
    return replace(signed, decisions=tuple(sorted(decisions, key=lambda d: (d.date, d.id))), states=tuple(states),
                   suivi=tracking)
