"""What one data file may cost to read: bounded before anything is built from it.

A pull request's files are read by CI: no input may hang it or exhaust its
memory. The size of a file is bounded before it is read (files.py: MAX_BYTES);
then, on the stream of YAML events (libyaml's parser keeps no tree and does not
recurse), before the node tree is composed (reader.py), `refusals(text)` finds:

- every anchor (`&nom`) and alias (`*nom`), each line reported: an alias
  repeats a value written elsewhere, and ten lines of aliases of aliases stand
  for ten billion values (the « YAML bomb ») that turning the tree into records
  would expand; the data never needs them, and an anchor also silently eats the
  start of a value (`titre: &Cie Durand` reads « Durand »);
- more than MAX_NODES values (texts, numbers, lists, blocks of fields) in the file,
  or MAX_TOTAL_NODES in all the files of one data folder (`Budget`): reading costs
  about 30 µs a value, whether it is right or wrong (a wrong one is counted, and
  listed while its file has fewer than errors.MAX_PER_FILE errors);
- more than MAX_NESTING lists and blocks of fields inside one another.

The bounds are far above what the data needs: the real files hold at most 700
values (actions.yaml), nested 7 deep, in 60 kB; the benchmark's 10 000 actions
(bench/) 290 000 values in 9 MB.
"""
from __future__ import annotations

import yaml

from crte.data.codes import dossiers as L, fichiers as K

# The C parser is several times faster; marks (line numbers) are kept.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 16 * 1024 * 1024
MAX_NODES = 500_000
MAX_TOTAL_NODES = 600_000
MAX_NESTING = 50  # also the bound on [ and { (reader.py): PyYAML's C composer recurses


def _count(n: int) -> str:
    return f"{n:,}".replace(",", " ")


class Budget:
    """The values that the files of one data folder may still hold together."""

    def __init__(self) -> None:
        self.left = MAX_TOTAL_NODES


def _scan(text: str, left: int, depth: int = 0) -> tuple[int, dict[int, list[str]], list[tuple[int, str]], bool]:
    """(values, anchors and aliases by line, the first bound passed, whether it parsed to
    its end) of the YAML `text`; `left`: the values the other files leave it; `depth`: the
    lists and blocks of fields it is inside of. A syntax error ends the scan."""
    marks: dict[int, list[str]] = {}  # line -> the anchors and aliases written on it
    nodes = 0
    try:
        for event in yaml.parse(text, Loader=Loader):
            line = event.start_mark.line + 1 if event.start_mark else 0
            if isinstance(event, yaml.AliasEvent):
                marks.setdefault(line, []).append(f"*{event.anchor}")
                continue
            if not isinstance(event, yaml.NodeEvent):
                depth -= isinstance(event, yaml.CollectionEndEvent)
                continue
            if event.anchor is not None:
                marks.setdefault(line, []).append(f"&{event.anchor}")
            nodes += 1
            if nodes > MAX_NODES:
                return nodes, marks, [(line, L.TROP_DE_VALEURS(max=_count(MAX_NODES)))], False
            if nodes > left:
                return nodes, marks, [(line, L.TROP_DE_VALEURS("total", max=_count(MAX_TOTAL_NODES)))], False
            depth += isinstance(event, yaml.CollectionStartEvent)
            if depth > MAX_NESTING:
                return nodes, marks, [(line, K.PROFONDEUR("blocs", max=MAX_NESTING))], False
    except yaml.YAMLError:
        return nodes, marks, [], False
    return nodes, marks, [], True


def refusals(text: str, budget: Budget) -> list[tuple[int, str]]:
    """(line, French message) for each line with an anchor or an alias, or for the
    first bound passed; [] when the file may be composed (its values are then taken
    from `budget`). A syntax error ends the scan: composing the file reports it, at
    its line."""
    nodes, marks, passed, _ = _scan(text, budget.left)
    if passed:
        return passed
    if not marks:
        budget.left -= nodes
    return [(line, L.ANCRE(marks=", ".join(f"« {m} »" for m in dict.fromkeys(found))))
            for line, found in sorted(marks.items())]


def values(text: str, depth: int) -> int | None:
    """How many values the YAML `text` holds (MAX_NODES at most), when it is a part of a
    file inside `depth` lists and blocks of fields; None when it holds an anchor or an
    alias, nests too deep or does not parse: reuse.py then lets `refusals` and the
    composer of the whole file say what is wrong."""
    nodes, marks, passed, parsed = _scan(text, MAX_NODES, depth)
    return nodes if parsed and not marks and not passed else None
