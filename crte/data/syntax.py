"""YAML syntax errors in French, at the line to fix (reader.parse uses them).

PyYAML's messages (« mapping values are not allowed here ») name what its parser
met, often a line after the mistake and never how to fix it. `syntax()` turns
them into what staff should change: a tab, a quote never closed, a field one
space too far right (YAML then reads it as the value of the field above), a « : »
in an unquoted text, a line out of its block. `too_deep()` refuses, before parsing,
a nesting no data file needs (and that PyYAML's C composer would not survive).
"""
from __future__ import annotations

import re

import yaml

from crte import fr
from crte.data.bounds import MAX_NESTING
from crte.data.codes import fichiers as K

MAX_INDENT = 200


def too_deep(text: str) -> tuple[int, str] | None:
    """(line, message) when the nesting is deeper than any real data file needs."""
    for n, line in enumerate(text.split("\n"), 1):
        if len(line) - len(line.lstrip(" ")) > MAX_INDENT:
            return n, K.PROFONDEUR("indentation", max=MAX_INDENT)
    if text.count("[") + text.count("{") <= MAX_NESTING:
        return None
    depth = 0
    for n, line in enumerate(_QUOTED.sub("", text).split("\n"), 1):
        for char in line:
            depth += (char in "[{") - (char in "]}")
            if depth > MAX_NESTING:
                return n, K.PROFONDEUR("crochets", max=MAX_NESTING)
    return None


_QUOTED = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\n]|\'\')*\'')
_OPENS_QUOTE = re.compile(r"^\s*(?:-\s+)?(?:[^\s:#\"']+:\s+)?([\"'])")


def _unclosed_quote(lines: list[str], first: int, last: int) -> int | None:
    """The line (1-based, between first and last) whose quoted value is never closed."""
    for n in range(last, first - 1, -1):
        line = lines[n - 1] if n <= len(lines) else ""
        m = _OPENS_QUOTE.match(line)
        if m and not _QUOTED.match(line[m.start(1):]):
            return n
    return None


# A line that starts with a field name: indentation, an optional "- ", the name, ":".
_KEY_LINE = re.compile(r"^( *)(- +)?([A-Za-z_][A-Za-z0-9_-]*) *:(?= |$)")


def _extra_indent(lines: list[str], line: int) -> str | None:
    """The message for a field written further right than the field above it, whose
    value YAML then reads as going on: « one space too many », not a « : » in a text."""
    bad = lines[line - 1] if 0 < line <= len(lines) else ""
    m = _KEY_LINE.match(bad)
    above = next((n for n in range(line - 1, 0, -1) if lines[n - 1].strip()
                  and not lines[n - 1].lstrip().startswith("#")), None)
    p = _KEY_LINE.match(lines[above - 1]) if above else None
    if not m or m.group(2) or not p or above is None or not lines[above - 1][p.end():].strip():
        return None
    extra = len(m.group(1)) - len(p.group(1)) - len(p.group(2) or "")
    if extra <= 0:
        return None
    return K.INDENTATION_EN_TROP(n=extra, s=fr.plural(extra, "", "s"), key=m.group(3), prev=p.group(3), line=above)


def syntax(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """(line, French message) for a YAML syntax error."""
    lines = text.split("\n")
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    start = exc.context_mark.line + 1 if exc.context_mark else line
    bad_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in bad_line[: len(bad_line) - len(bad_line.lstrip())] or "tab" in problem:
        return line, K.TABULATION()
    if "quoted scalar" in context and "end of stream" in problem:
        return start, K.GUILLEMET("fin")
    if "unknown escape" in problem:
        return line, K.ECHAPPEMENT()
    if (quote := _unclosed_quote(lines, start, line)) is not None and "flow" not in context:
        return quote, K.GUILLEMET()
    if ("mapping values are not allowed" in problem or "expected key" in problem) \
            and (extra := _extra_indent(lines, line)) is not None:
        return line, extra
    if "mapping values are not allowed" in problem:
        key = _KEY_LINE.match(bad_line)
        if key and mark and mark.column > key.end():  # a second « : » after the field's own
            return line, K.DEUX_POINTS("texte", key=key.group(3))
        return line, K.DEUX_POINTS()
    if "expected '-'" in problem and (key := _KEY_LINE.match(bad_line)) and not key.group(2) \
            and 0 < start <= len(lines) and lines[start - 1].startswith(key.group(1) + "-"):
        return line, K.TIRET_MANQUANT("colonne", key=key.group(3), line=start)  # a list item without its « - »
    if "expected key" in problem or "expected '-'" in problem:
        return line, K.NON_ALIGNE(start=start)
    if "flow" in context:
        return start, K.CROCHET()
    if "cannot start any token" in problem:
        return line, K.CARACTERE_SPECIAL()
    if "alias" in problem or "anchor" in problem:
        return line, K.CARACTERE_SPECIAL("alias")
    return line, K.SYNTAXE()
