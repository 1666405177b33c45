"""The Makefile as the tests use it: make run in a copy of the project, with this
checkout's .venv, never installs the copy into it."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from .conftest import ROOT
from .sitebuild import make


def test_a_copy_never_installs_itself_into_the_checkouts_venv(tmp_path: Path) -> None:
    # The copy's install inputs changed (a new package-data line, say), so the stamp of this
    # content is missing: plain `make` would reinstall, and point the editable install at the
    # copy, removed after the test. The tests' make does not.
    project = tmp_path / "p"
    project.mkdir()
    for name in ("Makefile", "requirements.txt", "pyproject.toml"):
        (project / name).write_bytes((ROOT / name).read_bytes())
    with (project / "pyproject.toml").open("a", encoding="utf-8") as f:
        f.write("\n# changed\n")
    plain = subprocess.run(["make", "-n", "--no-print-directory", "-C", str(project), "install",
                            f"VENV={ROOT / '.venv'}"], capture_output=True, text=True, check=False,
                           env={**os.environ, "MAKEFLAGS": ""})
    assert plain.returncode == 0 and "pip install" in plain.stdout and "-e ." in plain.stdout
    tests = make(project, "install", "-n")
    assert tests.returncode == 0, tests.stderr
    assert "pip" not in tests.stdout and "venv" not in tests.stdout


def test_a_copy_with_linked_npm_packages_never_runs_npm_ci(tmp_path: Path) -> None:
    # The copy's package.json is newer than the stamp of the node_modules it links to (a fresh
    # clone, say): npm ci there would empty the linked folder. A fake npm says if it ran.
    linked = tmp_path / "node_modules"
    linked.mkdir()
    (linked / ".installed").write_text("", encoding="utf-8")
    os.utime(linked / ".installed", (0, 0))
    project = tmp_path / "p"
    project.mkdir()
    for name in ("Makefile", "requirements.txt", "pyproject.toml", "package.json", "package-lock.json"):
        (project / name).write_bytes((ROOT / name).read_bytes())
    (project / "node_modules").symlink_to(linked)
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    (bin_ / "npm").write_text(f"#!/bin/sh\necho \"$@\" >> {tmp_path / 'npm-ran'}\n", encoding="utf-8")
    (bin_ / "npm").chmod(0o755)
    result = make(project, "node", env={**os.environ, "PATH": f"{bin_}:{os.environ['PATH']}"})
    assert result.returncode == 0, result.stderr
    assert "node_modules est un lien" in result.stdout
    assert not (tmp_path / "npm-ran").exists(), (tmp_path / "npm-ran").read_text(encoding="utf-8")
