"""What the repository must not hold: the files a build keeps for the next one (`.cache/`,
crte/outputs/kept.py, crte/pages/compiled.py) are the machine's, never committed. A
committed `.cache/partage/<digest>` would be published as an action's share image by
every build of a clean clone (CI's included) without being drawn from its card."""
from __future__ import annotations

import subprocess

from .conftest import ROOT


def test_nothing_a_build_keeps_is_committed() -> None:
    tracked = subprocess.run(["git", "ls-files", "--", ".cache"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    assert tracked == [], ("Ces fichiers de .cache/ sont suivis par git ; les retirer "
                           f"(git rm --cached) : une construction les relirait au lieu de les refaire : {tracked}")
