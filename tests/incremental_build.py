"""`python -m tests.incremental_build PROJECT OUT EDITS.json`: what `make serve` builds after
a sequence of edits, and what a full build of the same files gives, for
tests/site/test_incremental.py.

In one process, as `properdocs serve --dirty` does (crte/mkdocs/incremental.py): a first
build into OUT/site, then for each edit ({"path", "old", "new"}: a text replaced in a file
of PROJECT, relative path) a rebuild into the same folder, each one copied to OUT/step-N
(an edit marked "at_once": its rebuild is not waited for nor copied, the next edit follows it
at once, stopping what it left for after the pages)
(N from 0, the first build); after each, in another process, a full build of the project
as it then is, in the same serve mode, into OUT/clean-N. OUT/step-N.json lists the files
the rebuild wrote (their modification time changed), OUT/step-N-indexed.txt how many pages
it sent to the search index.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

SERVE_URL = "http://127.0.0.1:8000/"


def _build(project: Path, site: Path, dirty: bool, started: list[bool], wait: bool = True) -> None:
    import properdocs.replacement  # noqa: F401  # what `python -m properdocs` imports first
    from properdocs.commands.build import build
    from properdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL
    if not started:
        config.plugins.on_startup(command="serve", dirty=dirty)
        started.append(True)
    build(config, serve_url=SERVE_URL, dirty=dirty)
    from crte.mkdocs import incremental
    if wait:
        incremental.wait()
    if dirty:  # how many pages this build sent to the search index (each page once)
        (site.parent / "indexed.txt").write_text(str(len(config.plugins["crte"]._searched)))


def _times(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


def main(argv: list[str]) -> int:
    project, out, edits_file = Path(argv[0]), Path(argv[1]), Path(argv[2])
    if argv[3:] == ["--clean"]:  # the full build, in its own process
        _build(project, out, dirty=False, started=[])
        return 0
    os.chdir(project)
    sys.path.insert(0, str(project))
    edits = json.loads(edits_file.read_text("utf-8"))
    site, started = out / "site", []
    for n, edit in enumerate([None, *edits]):
        if edit is not None:
            path = project / edit["path"]
            text = path.read_text("utf-8")
            assert edit["old"] in text, (edit["path"], edit["old"])
            path.write_text(text.replace(edit["old"], edit["new"], 1), "utf-8")
        if edit is not None and edit.get("at_once"):  # the next edit is saved before this build's background ends
            _build(project, site, dirty=True, started=started, wait=False)
            continue
        before = _times(site) if site.exists() else {}
        _build(project, site, dirty=True, started=started)
        after = _times(site)
        (out / f"step-{n}.json").write_text(json.dumps(sorted(p for p, t in after.items() if before.get(p) != t)))
        shutil.copytree(site, out / f"step-{n}")
        shutil.move(out / "indexed.txt", out / f"step-{n}-indexed.txt")
        subprocess.run([sys.executable, "-m", "tests.incremental_build", str(project), str(out / f"clean-{n}"),
                        str(edits_file), "--clean"], cwd=project, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
