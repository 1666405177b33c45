"""`python -m macros.site.build [SITE_DIR]`: build the site atomically and reproducibly.

- Atomic: MkDocs builds into a temporary folder next to SITE_DIR, which replaces
  SITE_DIR only when the build succeeded. A failed build (a data error, a
  warning under --strict) leaves the previous site exactly as it was: nothing is
  ever half-published.
- Reproducible: the only date in the output (the sitemap's lastmod) comes from
  SOURCE_DATE_EPOCH, set to the time of the last commit when it is not given,
  so two builds of one commit are byte-identical.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def source_date_epoch(project: Path) -> str | None:
    if "SOURCE_DATE_EPOCH" in os.environ:
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(["git", "-C", str(project), "log", "-1", "--format=%ct"],
                             capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None  # not a git checkout: the build date is used
    return out or None


def build(project: Path, site: Path) -> int:
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site.name}-build-", dir=site.parent))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if (epoch := source_date_epoch(project)) is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                             "-f", str(project / "mkdocs.yml"), "-d", str(tmp)], env=env, check=False)
    if result.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"Échec de la construction : {site} n'a pas été modifié.", file=sys.stderr)
        return result.returncode
    old = None
    if site.exists():
        old = site.with_name(f".{site.name}-old-{os.getpid()}")
        site.rename(old)
    tmp.rename(site)
    if old is not None:
        shutil.rmtree(old)
    print(f"Site construit dans {site}")
    return 0


if __name__ == "__main__":
    root = Path.cwd()
    sys.exit(build(root, Path(sys.argv[1]) if len(sys.argv) > 1 else root / "site"))
