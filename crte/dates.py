"""The two dates the site publishes, never read from the wall clock (builds stay
byte-identical, see build.py):

- `created`: when the site was built, i.e. SOURCE_DATE_EPOCH, else the time of the
  project's last commit (what `make build` sets, `source_date_epoch`); None
  when neither exists (a copy outside git built by `properdocs build` directly);
- `data_changed`: the day the data last changed, i.e. the last commit that touched
  the data folder (`git log -1 -- data/`), else SOURCE_DATE_EPOCH (not a git
  checkout, or a folder never committed); None when neither exists. Edits not yet
  committed do not count: the date is that of the published history.

They go to datapackage.json (`created`, `modified`), to /donnees/ and to every
page's footer (overrides/partials/copyright.html, through config.extra).
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Dates:
    created: dt.datetime | None  # UTC
    data_changed: dt.date | None

    @property
    def created_text(self) -> str | None:
        """`created` as datapackage.json writes it: ISO 8601, UTC (`2021-12-13T00:00:00Z`)."""
        return None if self.created is None else self.created.strftime("%Y-%m-%dT%H:%M:%SZ")


def _moment(epoch: str | None) -> dt.datetime | None:
    epoch = (epoch or "").strip()
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch.isdigit() else None


def env_moment() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH (seconds since 1970, UTC) as a moment; None when unset or not a number.
    The one place that variable is parsed."""
    return _moment(os.environ.get("SOURCE_DATE_EPOCH"))


def build_date() -> dt.date:
    """The date a page is built for: SOURCE_DATE_EPOCH (the last commit's time, set by
    `make build`) when given, so that two builds of one commit are identical; today
    otherwise. Used for what depends on « now » on a page (« valeur ancienne »)."""
    moment = env_moment()
    return moment.date() if moment else dt.date.today()


def source_date_epoch(project: Path) -> str | None:
    """SOURCE_DATE_EPOCH if set, else the time of `project`'s last commit (seconds since
    1970, as text), else None (not a git checkout: the engine uses the build date)."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return os.environ["SOURCE_DATE_EPOCH"]
    return _git_time(project, None)


def _git_time(project: Path, folder: Path | None) -> str | None:
    # The time of the last commit of `project` (touching `folder` when given), as text.
    paths = [] if folder is None else ["--", str(folder)]
    try:
        out = subprocess.run(["git", "-C", str(project), "log", "-1", "--format=%ct", *paths],
                             capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return out or None


def dates_for(project: Path, data: Path) -> Dates:
    """The dates of a build of `project` (the folder of mkdocs.yml) from the data folder `data`."""
    changed = _moment(_git_time(project, data)) or env_moment()
    return Dates(_moment(source_date_epoch(project)), changed.date() if changed else None)
