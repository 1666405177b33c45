"""`python -m crte.cli.check [DATA_DIR] [FORMAT]`: `make check`, told where staff look.

The check itself is crte/data/check.py (summary or `file:line: field: message` on
the terminal, exit status 1 on any error). On a review platform each error is also
shown on the line of the file it names, in French, with the link to its entry in the
published reference of messages (`<site_url>aide/messages/#<code>`, pages.messages_route, i.e. codes.route):

- `github` (FORMAT, or GITHUB_ACTIONS=true): one workflow command per error on stdout,
  `::error file=<file>,line=<line>,title=<field> — aide : <url>::<message>`, which GitHub
  shows on the line of the pull request's diff; and a Markdown table of every error in
  the job summary ($GITHUB_STEP_SUMMARY; GitHub shows only the first annotations of a
  step, the summary has them all). Values are escaped as GitHub's toolkit does
  (`escape_data`, `escape_property`); the table's cells as Markdown text.
- `gitlab` (FORMAT, or GITLAB_CI=true): gl-code-quality-report.json in the current
  folder, a Code Quality report (description, check_name, fingerprint, severity,
  location.path, location.lines.begin) that .gitlab-ci.yml declares as
  `artifacts: reports: codequality`, shown in the merge request. Written when the
  data is valid too (an empty list), so that the merge request forgets fixed errors.
- `texte` (the default elsewhere): the terminal output only.
"""
from __future__ import annotations

import hashlib
import html
import json
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

from crte import fr, routes
from crte.data.check import check
from crte.data.errors import DataError
from crte.outputs.workflow import escape_data, escape_property, workflow_command  # noqa: F401 - used by tests
from crte.siteurl import site_url

FORMATS = ("texte", "github", "gitlab")
CODE_QUALITY = Path("gl-code-quality-report.json")


def chosen(argv: list[str], environ: Mapping[str, str]) -> str:
    """The FORMAT given, else the platform the job runs on, else « texte »."""
    if argv and argv[0].strip():
        return argv[0].strip()
    if environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    if environ.get("GITLAB_CI") == "true":
        return "gitlab"
    return "texte"


def reference(error: DataError, base: str) -> str:
    """The entry of the published reference of messages for this error."""
    return base + routes.message(error.code)


# --- GitHub -------------------------------------------------------------------------------------

def annotation(error: DataError, base: str) -> str:
    return workflow_command("error", error.message, file=error.where.file, line=error.where.line,
                            title=f"{error.field} — aide : {reference(error, base)}")


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+!|~-])")


def cell(text: str) -> str:
    """Text as it reads, in a cell of a Markdown table: no markup, no HTML, one line."""
    return _MARKDOWN.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))


def _destination(url: str) -> str:
    """A URL as a Markdown link's destination: nothing in it can end the link."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def step_summary(errors: list[DataError], base: str, valid_summary: str = "") -> str:
    if not errors:
        return "### Données valides\n\n```text\n" + valid_summary.replace("`", "'") + "\n```\n"
    n = len(errors)
    rows = [f"| {cell(str(e.where))} | {cell(e.field)} | {cell(e.message)} | "
            f"[{'voir ' + cell(e.code) if e.code else 'les messages'}]({_destination(reference(e, base))}) |"
            for e in errors]
    return "\n".join([f"### {fr.count(n, 'erreur', 'erreurs')} dans les données", "",
                      "Chaque erreur est aussi signalée sur la ligne de son fichier (onglet « Files changed » de la "
                      "demande de modification, pour un fichier qu'elle modifie).",
                      "", "| Fichier et ligne | Champ | Ce qui ne va pas | Que faire |", "| --- | --- | --- | --- |",
                      *rows, ""])


# --- GitLab -------------------------------------------------------------------------------------

def code_quality(errors: list[DataError], base: str) -> list[dict[str, object]]:
    return [{"description": f"{e.field} : {e.message} (aide : {reference(e, base)})",
             "check_name": e.code or "donnees",
             "fingerprint": hashlib.sha256(str(e).encode("utf-8")).hexdigest(),
             "severity": "major",
             "location": {"path": e.where.file, "lines": {"begin": e.where.line}}} for e in errors]


def main(argv: list[str], environ: Mapping[str, str] = os.environ) -> int:
    data_dir = Path(argv[0]) if argv else Path("data")
    fmt = chosen(argv[1:], environ)
    if fmt not in FORMATS:
        print(f"Format « {fmt} » inconnu : FORMAT={' | '.join(FORMATS)}", file=sys.stderr)
        return 2
    text, errors = check(data_dir)
    print(text, file=sys.stderr if errors else sys.stdout, flush=True)
    base = site_url(environ)
    if fmt == "github":
        for e in errors:
            print(annotation(e, base))
        if summary_file := environ.get("GITHUB_STEP_SUMMARY"):
            with open(summary_file, "a", encoding="utf-8") as out:
                out.write(step_summary(errors, base, text))
    elif fmt == "gitlab":
        CODE_QUALITY.write_text(json.dumps(code_quality(errors, base), ensure_ascii=False, indent=2) + "\n",
                                encoding="utf-8")
        if errors:
            print(f"Rapport pour la demande de fusion : {CODE_QUALITY}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
