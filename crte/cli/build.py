"""`python -m crte.cli.build [SITE_DIR]`: build the site atomically, reproducibly, one build at a time.

Layout, for SITE_DIR = `x/site` (every name derives from SITE_DIR's name):

    x/site           symbolic link to `.site.builds/<id>`: the published site
    x/.site.builds/  the build folders: the one `site` points to, the one being built
    x/.site.lock     the lock file (kept: deleting a flock file is racy)
    x/.site.new      the new link, for the instant before it replaces `site`

- Atomic switch: MkDocs builds into a new folder of `.site.builds/`; only when it
  succeeded is a new link `.site.new` made and rename(2)d onto `site` (os.replace).
  POSIX makes that rename atomic: whoever looks, even after a kill (SIGKILL) at
  any instant, finds `site` pointing at a whole tree, the old or the new one.
  A failed build (a data error, a warning under --strict) leaves `site`
  exactly as it was: nothing is ever half-published.
  Why a link rather than keeping `site/` a real folder swapped with
  renameat2(RENAME_EXCHANGE): no call replaces a non-empty folder atomically
  everywhere; RENAME_EXCHANGE exists only on Linux and some file systems lack it
  (NFS...), whereas renaming a link over a link works on every POSIX system and
  file system. The price: tools that do not follow links must be given `site/`
  (tar -C site/, cp -rL site public: see the CI files); `make urls`, a web
  server, Python's pathlib follow it.
  RENAME_EXCHANGE (through ctypes) still serves once: the first build after an
  older version, where `site/` is a real folder, exchanges it with the new link
  in one step (no moment without a site). Where it is missing the folder is moved
  aside first, with a warning: the only case with an instant without a site.
- One build at a time: fcntl.flock on `.site.lock`; a second build waits for the
  first, then builds. The kernel drops the lock when its holder dies, even on
  SIGKILL: never a stale lock. The lock is shared with MkDocs (pass_fds), so a
  MkDocs orphaned by a killed build keeps it until it ends, and the next build
  never deletes a folder still being written.
- Cleaning, only under the lock: every folder of `.site.builds/` but the one `site`
  points to, `.site.new`, and the `.site-build-*`, `.site-old-*` folders left by
  the former implementation.
- What the system refuses (a full disk, a read-only or immutable folder), here or
  in the engine (run through crte/cli/engine.py), is said in French with the path and what
  to do, exit status 1, `site` untouched: never a traceback.
- Reproducible: the only date in the output (the sitemap's lastmod) comes from
  SOURCE_DATE_EPOCH, set to the time of the last commit when it is not given,
  so two builds of one commit are byte-identical.
- Tests: CRTE_BUILD_PAUSE=STEP (or STEP:SECONDS) announces STEP, one of STEPS,
  on stderr and sleeps there, so that a test can kill the build at that step.
"""
from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import NamedTuple

from crte import siteurl
from crte.data.errors import system_reason
from crte.dates import source_date_epoch
from crte.outputs import edition

# The named steps, in order: lock held; leftovers removed; MkDocs running (announced
# without pausing: it takes seconds anyway); tree built and new link made; link switched.
STEPS = ("verrou", "nettoyage", "construction", "lien", "bascule")
PAUSE_VARIABLE = "CRTE_BUILD_PAUSE"

# The folder that holds this crte package: the engine runs (crte.cli.engine) with it first on
# the path, so that a copy of the project (the tests', the bench's) builds with its own code.
PACKAGE_ROOT = Path(__file__).resolve().parents[2]
AT_FDCWD = -100
RENAME_EXCHANGE = 2


class Places(NamedTuple):
    """The paths next to the site (see the module docstring), all absolute."""
    site: Path
    builds: Path
    lock: Path
    link: Path

    @classmethod
    def of(cls, site: Path) -> Places:
        """Places of SITE_DIR `site` (relative to the current folder or absolute). The
        last component is not resolved: `site` is the link itself."""
        site = Path(os.path.abspath(site))
        near = site.parent / f".{site.name}"
        return cls(site, Path(f"{near}.builds"), Path(f"{near}.lock"), Path(f"{near}.new"))

    def current(self) -> str | None:
        """Name of the folder of `builds` that `site` points to, or None (no site yet, a
        real folder, a link elsewhere)."""
        try:
            target = os.readlink(self.site)
        except OSError:
            return None
        target = os.path.normpath(os.path.join(self.site.parent, target))
        return os.path.basename(target) if os.path.dirname(target) == str(self.builds) else None

    def leftovers(self) -> list[Path]:
        """What killed, failed or superseded builds left: to remove, never `site`'s target."""
        keep = self.current()
        legacy = (f".{self.site.name}-build-", f".{self.site.name}-old-")
        found = [p for p in self.site.parent.iterdir() if p.name.startswith(legacy)]
        if os.path.lexists(self.link):
            found.append(self.link)
        if self.builds.is_dir():
            found += [p for p in self.builds.iterdir() if p.name != keep]
        return sorted(found)


def pause(step: str, wait: bool = True) -> None:
    """Test hook, no effect unless CRTE_BUILD_PAUSE names `step`: print `pause : STEP`
    on stderr, then sleep (SECONDS, 60 by default; not at all if not `wait`)."""
    name, _, seconds = os.environ.get(PAUSE_VARIABLE, "").partition(":")
    if name == step:
        print(f"pause : {step}", file=sys.stderr, flush=True)
        if wait:
            time.sleep(float(seconds or 60))


@contextmanager
def locked(lock: Path) -> Iterator[int]:
    """Hold an exclusive flock on `lock` (created if needed), waiting, with a message on
    stderr, while another build holds it. Yields the descriptor. OSError if it cannot be
    created."""
    fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"Une autre construction est en cours (verrou {lock}) : "
                  "celle-ci attend qu'elle se termine.", file=sys.stderr, flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield fd
    finally:
        os.close(fd)


def remove(path: Path) -> None:
    """Delete a file, a link (never what it points to) or a whole folder."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        with suppress(FileNotFoundError):
            path.unlink()


def clean(places: Places) -> None:
    """Remove `places.leftovers()`, and `builds` if it ends up empty. Only under the lock."""
    for path in places.leftovers():
        remove(path)
    with suppress(OSError):
        places.builds.rmdir()  # fails, as it should, unless empty


def exchange(a: Path, b: Path) -> None:
    """Swap the names `a` and `b` in one step (Linux renameat2 RENAME_EXCHANGE).
    OSError when the system or the file system cannot."""
    call = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if call is None:
        raise OSError(errno.ENOSYS, "renameat2 indisponible")
    call.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    if call(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(a), None, str(b))


def switch(places: Places, folder: Path) -> None:
    """Make `site` point at `folder` (in `builds`) in one atomic step. A real folder
    `site/` (older versions) is exchanged with the link, then lies at `link` until
    cleaned. OSError if the folder next to the site cannot be written."""
    site, link = places.site, places.link
    remove(link)
    os.symlink(os.path.join(places.builds.name, folder.name), link)
    pause("lien")
    if site.is_symlink() or not os.path.lexists(site):
        os.replace(link, site)
        return
    try:
        exchange(link, site)
    except OSError as error:
        print(f"Attention : {site} est un vrai dossier et l'échange atomique est impossible "
              f"({error.strerror}) : il est déplacé avant d'être remplacé par un lien.",
              file=sys.stderr)
        site.rename(places.builds / "ancien")
        os.replace(link, site)


def mkdocs(project: Path, out: Path, lock_fd: int) -> int:
    """Run `properdocs build --strict` of `project` into `out`; MkDocs' exit status. MkDocs
    shares the lock (`lock_fd`)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=os.pathsep.join(
        [str(PACKAGE_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]))
    if (epoch := source_date_epoch(project)) is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    command = [sys.executable, "-m", "crte.cli.engine", "build", "--strict", "--quiet",
               "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    with subprocess.Popen(command, env=env, pass_fds=(lock_fd,)) as process:
        pause("construction", wait=False)
        try:
            return process.wait()
        except BaseException:  # Ctrl-C: stop MkDocs too
            process.kill()
            raise


ELSEWHERE = "python -m crte.cli.build AUTRE-DOSSIER/site"


def write_refusal(exc: OSError, elsewhere: str = ELSEWHERE) -> str:
    """« écriture impossible de /x/.site.lock (disque plein) : libérez de la place… »: what
    the system refused, where, and what to do, in French; `elsewhere`: how to write
    somewhere else."""
    path = os.fsdecode(exc.filename) if exc.filename else ""
    folder = os.path.dirname(path) or "."
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        advice = "libérez de la place sur ce disque (df -h montre la place libre), puis relancez"
    elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        advice = (f"rendez le dossier {folder} accessible en écriture (droits, disque monté en lecture seule, "
                  f"attribut immuable : chattr -i), ou écrivez ailleurs : {elsewhere}")
    else:
        advice = f"vérifiez ce disque et les droits du dossier {folder}, puis relancez"
    return f"écriture impossible{f' de {path}' if path else ''} ({system_reason(exc)}) : {advice}"


def build(project: Path, site: Path) -> int:
    """Build the MkDocs project in folder `project` (its mkdocs.yml) and publish it as
    `site` (a link, see the module docstring). Waits while another build of `site` runs.
    Returns 0, or MkDocs' exit status when the build failed: then `site` is untouched
    and stderr says so; 2 when CRTE_SITE_URL or CRTE_EDIT_URI is refused (siteurl.py); 1 when
    the folder of `site` cannot be written (full disk, read-only or immutable folder: said in
    French, `site` untouched)."""
    if refused := [*siteurl.refusals(os.environ), *edition.refusals(os.environ)]:  # before anything is touched
        for message in refused:
            print(f"Construction refusée : {message}", file=sys.stderr)
        return 2
    places = Places.of(site)
    try:
        return _publish(project, places)
    except OSError as exc:
        print(f"Construction impossible : {write_refusal(exc)}. {places.site} n'a pas été modifié.", file=sys.stderr)
        return 1


def _publish(project: Path, places: Places) -> int:
    places.site.parent.mkdir(parents=True, exist_ok=True)
    with locked(places.lock) as lock_fd:
        pause("verrou")
        clean(places)
        pause("nettoyage")
        places.builds.mkdir(exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%d-%H%M%S-"), dir=places.builds))
        folder.chmod(0o755)  # mkdtemp makes it private; the site is for everyone
        status = mkdocs(project, folder, lock_fd)
        if status != 0:
            clean(places)
            print(f"Échec de la construction : {places.site} n'a pas été modifié.", file=sys.stderr)
            return status
        switch(places, folder)
        pause("bascule")
        try:
            clean(places)
        except OSError as exc:  # published all the same: the next build removes them
            print(f"Attention : les constructions précédentes restent dans {places.builds} "
                  f"({write_refusal(exc)}).", file=sys.stderr)
    print(f"Site construit dans {places.site}")
    return 0


if __name__ == "__main__":
    root = Path.cwd()
    sys.exit(build(root, Path(sys.argv[1]) if len(sys.argv) > 1 else root / "site"))
