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
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import checks, fidelity, names, tracking_checks
from .errors import ErrorList, Where
from .model import EXAMPLE, FILES, ActionsFile, CommunesFile, Contract, Crte, IndicatorsFile, OrientationsFile
from .decisions import Decision
from .files import DataFolder
from .reader import SLUG_MAX, SLUG_RE, RawList, RawMap, Scalar, locate, to_raw
from .record import Record, record_type, unwrap
from .timeline import timeline

RECORD_EXPECTED = "une liste de champs « nom: valeur » est attendue ici"
MESSAGES = {
    "missing": "champ obligatoire manquant",
    "model_type": RECORD_EXPECTED, "model_attributes_type": RECORD_EXPECTED, "dict_type": RECORD_EXPECTED,
    "tuple_type": "une liste est attendue (éléments commençant par « - »)",
    "list_type": "une liste est attendue (éléments commençant par « - »)",
    "too_short": "la liste est vide",
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


def _report(err: dict[str, Any], raw: Any, file: str, cls: type[Record], errors: ErrorList) -> None:
    loc = tuple(err["loc"])
    kind = err["type"]
    where, path, parent = locate(raw, loc, file)
    value = err.get("input")
    if kind == "crte":
        message = err["ctx"]["message"]
    elif kind == "extra_forbidden":
        name = str(loc[-1])
        if isinstance(parent, RawMap) and name in parent.keylines:
            where = Where(file, parent.keylines[name])
        known = sorted((_model_at(cls, loc[:-1]) or cls).model_fields)
        near = difflib.get_close_matches(name, known, n=1)
        message = "champ inconnu" + (f" ; vouliez-vous dire « {near[0]} » ?" if near else
                                     f" ; champs possibles : {', '.join(known)}")
    elif isinstance(value, Scalar) and value.is_null and kind != "missing":
        message = "valeur vide ; ce champ est obligatoire"
    else:
        message = MESSAGES.get(kind, f"valeur refusée ({err['msg']})")
    errors.add(where, path or "(document)", message)


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


def validate(cls: type[Record], raw: Any, file: str, errors: ErrorList) -> Any:
    """The record of a whole file, or, when some list items are wrong, the record
    made of the others (its errors are reported; None when nothing is usable)."""
    try:
        return cls.model_validate(raw)
    except ValidationError as exc:
        bad: set[tuple[str, int]] = set()
        whole = False
        found = exc.errors(include_url=False)
        for err in found:
            loc = tuple(err["loc"])
            if err["type"] == "too_short" and any(tuple(e["loc"])[:len(loc)] == loc and len(e["loc"]) > len(loc)
                                                  for e in found):
                continue  # the list is not empty: its items are wrong, and reported as such
            if errors.full(file):  # a file made of mistakes: counted, not located one by one
                errors.count(file)
            else:
                _report(err, raw, file, cls, errors)
            loc = err["loc"]
            if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
                bad.add((loc[0], loc[1]))
            else:
                whole = True
    if whole or not isinstance(raw, RawMap):
        return None
    try:
        return cls.model_validate(_prune(raw, bad))
    except ValidationError:
        return None


def read_files(data: DataFolder) -> dict[str, Any]:
    """Each file's record (complete or partial), by key of model.FILES."""
    parts: dict[str, Any] = {}
    for spec in FILES:
        path = data.path / spec.name
        if (node := data.parse(path)) is not None:
            parts[spec.key] = validate(spec.record, to_raw(node, data.name(path), data.errors), data.name(path),
                                       data.errors)
    return parts


DECISIONS = "decisions"


def read_decisions(data: DataFolder) -> list[Decision]:
    """The decisions of `data/decisions/`, each with its id (its file name)."""
    out: list[Decision] = []
    seen: dict[str, str] = {}
    errors = data.errors
    for path in data.entries(data.path / DECISIONS):
        display = data.name(path)
        if path.stem in seen:
            errors.add(Where(display, 1), "(fichier)", f"deux décisions portent l'identifiant « {path.stem} » "
                                                        f"({seen[path.stem]} et {path.name}) ; renommez l'une d'elles")
            continue
        seen[path.stem] = path.name
        if not SLUG_RE.fullmatch(path.stem) or len(path.stem) > SLUG_MAX:
            errors.add(Where(display, 1), "(fichier)",
                       f"le nom du fichier forme l'adresse /{names.DECISIONS}/{path.stem}/ : minuscules sans accents, "
                       f"chiffres et tirets, {SLUG_MAX} caractères au plus (ex. 2022-06-14-comite-de-pilotage.yaml)")
            continue
        if (bad := names.address_problem(names.DECISIONS, path.stem)) is not None:
            errors.add(Where(display, 1), "(fichier)", bad)
            continue
        node = data.parse(path)
        if node is None:
            continue
        decision = validate(Decision, to_raw(node, display, errors), display, errors)
        if decision is not None:
            decision.set_computed(id=path.stem)
            out.append(decision)
    return out


def load(data_dir: Path | str, display_dir: str = "data", source: Path | None = None) -> Crte:
    """Read and validate every file of `data_dir`; raise DataErrors listing all problems.

    `source`: the signed document's text (sources/crte-cahc-2021-12-13.txt). When
    given and present, the signed layer is compared with it last (fidelity.py),
    provided the records of contract, orientations, actions and indicators are
    all valid: a half-loaded model is not compared."""
    errors = ErrorList()
    data = DataFolder(data_dir, display_dir, errors)
    parts = read_files(data)
    unread = {e.where.file for e in errors.errors}  # files whose records are not all valid
    decisions = read_decisions(data)
    tracking = tracking_checks.read(data, validate)
    notice = None
    if data.present(example := data.path / EXAMPLE.name) and (node := data.parse(example)) is not None:
        notice = validate(EXAMPLE.record, to_raw(node, data.name(example), errors), data.name(example), errors)
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
                       (), ())
        errors.errors.extend(checks.check_totals(partial))
    signed_files = {f"{display_dir}/{spec.name}" for spec in FILES if spec.key != "communes"}
    if (source is not None and Path(source).is_file() and contract and plan and annex and indicators
            and not signed_files & unread):
        layer = Crte(contract, plan.orientations, annex.actions, annex.totaux_publies, indicators.orientations, ())
        errors.errors.extend(fidelity.errors(layer, Path(source)))
    # The decisions apply to a signed contract that is whole and valid; a wrong
    # decision does not keep the others from being checked.
    living = (f"{display_dir}/{DECISIONS}/", f"{display_dir}/{tracking_checks.FOLDER}/")
    if any(not e.where.file.startswith(living) for e in errors.errors):
        errors.raise_if_any()
    assert contract and plan and annex and indicators and communes
    signed = Crte(contract, plan.orientations, annex.actions, annex.totaux_publies, indicators.orientations,
                  communes.communes, exemple=notice.avertissement if notice else None)
    # The decisions after the signature, applied in order (each checked against the
    # contract as it stands at its date).
    states = timeline(signed, decisions, errors)
    tracking_checks.check(tracking, states[-1], contract.signature.date, errors)
    errors.raise_if_any()
    return replace(signed, decisions=tuple(sorted(decisions, key=lambda d: (d.date, d.id))), states=tuple(states),
                   suivi=tracking)
