"""`python -m tests.staff_record` (`make test-staff-record`): the whole suite, as CI runs it on a
pull request, with a complete staff record in data/.

The record is tests/fixtures/staff-record/: what CONTRIBUTING.md describes, of every kind
(decisions of each change kind, tracking of an added action, indicator values, a new
funder). The suite must pass with any valid data; this proves it with that one:

1. a clean copy of HEAD (`git archive`: what is committed, nothing else), in a temporary
   folder, committed there as a git repository of its own (the pages date the data from
   its last commit);
2. its living layers replaced by the record: data/decisions/*.yaml and data/suivi/ (never
   added to staff's own: a real decision could contradict the record's, and the result
   would say nothing about the code);
3. its urls.txt kept to the addresses that this data publishes: the addresses that staff's
   own decisions and tracking published are theirs, not the record's (the guard that a
   published address never disappears is tested on the real data by the suite itself);
4. committed, .venv and node_modules linked (not reinstalled), then `make test` there.

Exit status: `make test`'s.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from crte.outputs.manifest import HEADER, read

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "tests" / "fixtures" / "staff-record"
LINKED = (".venv", "node_modules")
# Make's install stamps compare with these: dated at the epoch in the copy, so that `make test`
# there never reinstalls the environments it links to.
INSTALL_INPUTS = ("requirements.txt", "pyproject.toml", "package.json", "package-lock.json")
GIT = ["git", "-c", "user.name=Dossier témoin", "-c", "user.email=temoin@exemple.invalid", "-c", "commit.gpgsign=false"]


def overlay(data: Path, record: Path = RECORD) -> None:
    """Replace the living layers of `data` by those of `record` (README.md files stay)."""
    for old in (data / "decisions").glob("*.y*ml"):
        old.unlink()
    shutil.rmtree(data / "suivi", ignore_errors=True)
    (data / "decisions").mkdir(exist_ok=True)
    for new in sorted((record / "decisions").glob("*.yaml")):
        shutil.copy(new, data / "decisions" / new.name)
    shutil.copytree(record / "suivi", data / "suivi")


def copy_head(project: Path) -> None:
    project.mkdir(parents=True)
    # safe.directory: in a CI container, the checkout belongs to another user than the job's.
    tree = subprocess.run(["git", "-c", f"safe.directory={ROOT}", "-C", str(ROOT), "archive", "--format=tar", "HEAD"],
                          capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(project)], input=tree, check=True)
    subprocess.run([*GIT, "-C", str(project), "init", "-q"], check=True)
    commit(project, "HEAD of the repository")


def commit(project: Path, message: str) -> None:
    subprocess.run([*GIT, "-C", str(project), "add", "-A"], check=True)
    subprocess.run([*GIT, "-C", str(project), "commit", "-q", "--allow-empty", "-m", message], check=True)


def keep_published(project: Path, work: Path) -> list[str]:
    """Keep in urls.txt the addresses that `project` publishes; the others removed, returned."""
    manifest = project / "urls.txt"
    listed = read(manifest)
    aside = work / "urls.txt"
    shutil.move(manifest, aside)  # without a manifest, the build checks none
    site = work / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1639353600")
    env.pop("CRTE_DATA", None)
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "--quiet", "-f",
                             str(project / "mkdocs.yml"), "-d", str(site)], env=env, check=False)
    shutil.move(aside, manifest)
    if result.returncode != 0:
        raise SystemExit("Le dossier témoin ne se construit pas : voir ci-dessus.")
    kept = [u for u in listed if (site / u.lstrip("/") / "index.html" if u.endswith("/") else
                                  site / u.lstrip("/")).is_file()]
    manifest.write_text(HEADER + "".join(f"{u}\n" for u in kept), encoding="utf-8")
    shutil.rmtree(site)
    return [u for u in listed if u not in kept]


def prepare(work: Path) -> Path:
    """The copy of HEAD with the record as its data's living layers, ready for `make test`."""
    project = work / "projet"
    copy_head(project)
    overlay(project / "data")
    for name in LINKED:
        if (ROOT / name).exists():
            os.symlink((ROOT / name).resolve(), project / name)
    for name in INSTALL_INPUTS:
        os.utime(project / name, (0, 0))
    if dropped := keep_published(project, work):
        print(f"urls.txt du dossier témoin : {len(dropped)} adresse(s) des données réelles retirée(s) : "
              + ", ".join(dropped))
    commit(project, "Staff record (tests/fixtures/staff-record) as data's living layers")
    return project


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="crte-dossier-temoin-") as tmp:
        project = prepare(Path(tmp))
        print(f"Dossier témoin prêt dans {project} : make test", flush=True)
        return subprocess.run(["make", "--no-print-directory", "-C", str(project), "test"], check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
