"""The 50 levers of the ecological planning (SGPE, Secrétariat général à la planification
écologique), as the national schema « projets de transition écologique » lists them for
its `leviers` field (crte/outputs/national.py): reference/leviers-sgpe-2025-03.csv, a copy
of the list published beside that schema (VERSION), one lever a line, in its order.

An action's levers are a judgement made after the signature: they are part of its
tracking (data/suivi/actions/<id>.yaml, `leviers`, tracking.py), dated and sourced.

`LEVERS`: the levers, in the list's order.
"""
from __future__ import annotations

import csv
from pathlib import Path

FILE = Path(__file__).parent / "reference" / "leviers-sgpe-2025-03.csv"
VERSION = "mars 2025"
SOURCE = "https://github.com/betagouv/schema-projet-collectivites-transition-ecologique"

with FILE.open(encoding="utf-8", newline="") as _f:
    LEVERS: tuple[str, ...] = tuple(row["levier"] for row in csv.DictReader(_f))
