"""An action id renamed in data/actions.yaml, found where the change is.

The id of an action forms its address (/actions/<id>/), which partners cite and
urls.txt lists once published. Renamed in the annex, it would leave its address
leading nowhere and the decisions and tracking files that cite it pointing at no
action: each of those would be reported, far from the mistake. `check()` reports
it once, at the `id` line of the action that took its place: a published id
that no action has any more (neither an id nor a former id, in the annex or
added by a decision), paired with the action (of the annex or added by a
decision) whose id was never published that resembles it most.

Only the default data folder is compared with urls.txt (like the build's check
of dropped addresses, crte/mkdocs/plugin.py): another folder is another contract.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from crte import fr
from crte.data.codes import contrat as C
from crte.data.decisions import Decision
from crte.data.errors import ErrorList
from crte.data.model import ActionsFile

ACTION_URL = re.compile(r"/actions/([a-z0-9]+(?:-[a-z0-9]+)*)/")


def published(manifest: Path) -> set[str]:
    """The action ids whose page urls.txt lists."""
    try:
        lines = manifest.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return set()
    return {m.group(1) for line in lines if (m := ACTION_URL.fullmatch(line.strip()))}


def _uses(decisions: list[Decision], tracking: Any) -> dict[str, list[str]]:
    """The files that cite each action id: decisions that change or abandon it, its
    tracking file, the indicator files that follow it."""
    out: dict[str, list[str]] = {}
    for d in decisions:
        for change in d.changements:
            if (target := getattr(change.value, "action", None)) is not None:
                out.setdefault(target, []).append(d.where.file)
    for action_id, record in tracking.actions.items():
        out.setdefault(action_id, []).append(record.where.file)
    for record in tracking.indicators.values():
        for ref in record.actions:
            out.setdefault(ref, []).append(record.where.file)
    return out


def check(manifest: Path, annex: ActionsFile, decisions: list[Decision], tracking: Any, errors: ErrorList) -> None:
    ids = published(manifest)
    actions = [*annex.actions, *(c.ajouter_action for d in decisions for c in d.changements if c.ajouter_action)]
    known = {x for a in actions for x in (a.id, *a.anciens_ids)}
    pool = [a for a in actions if a.id not in ids]
    uses = _uses(decisions, tracking)
    for old in sorted(ids - known - set(errors.left_out)):  # an id in a file with an error is not missing
        if not pool:
            return  # an action removed, not renamed: fidelity.py and the build's urls.txt check say so
        action = max(pool, key=lambda a: SequenceMatcher(None, old, a.id).ratio())
        pool.remove(action)
        files = list(dict.fromkeys(uses.get(old, ())))
        shown = ", ".join(files[:3]) + (" …" if len(files) > 3 else "")
        errors.add(action.where_of("id"), action.sub("id"),
                   C.IDENTIFIANT_PUBLIE("utilise", old=old, uses=shown, nt=fr.plural(len(files), "", "nt"))
                   if files else C.IDENTIFIANT_PUBLIE(old=old))
