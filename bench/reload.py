"""What a staff member waits for under `make serve` (issue 23): the time from saving a
one-field edit to the served page showing the new value, the server's CPU seconds for
that rebuild, and its memory over the rebuilds.

    .venv/bin/python -m bench.reload 24        # the example contrat-vivant (24 actions, decisions, tracking)
    .venv/bin/python -m bench.reload 2500      # synthetic actions (bench/generate.py)

The server is the one `make serve` runs (crte.cli.serve.child_command), on a copy of the
project, on a free port. Each edit changes one value and waits, polling the page every
20 ms, until it shows; then until the server has been idle for IDLE seconds (work left
for after the pages counts in the CPU seconds). Edits cycle over the kinds the data
allows: an action's description, a decision's amount, a tracking value (the example
only), a sentence of a hand-written page. `wall_s`: saving to the page showing it,
the server's wait for more changes (0.02 s, crte/cli/engine.py) included; `cpu_s`: user + system of the server
and its children (Pagefind), running or ended; `rss_mb`: its resident memory after each
rebuild (VmRSS).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.generate import copy_project, generate
from crte import routes
from crte.cli.serve import child_command, child_environment

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = "examples/contrat-vivant"
IDLE = 0.5  # seconds of a quiet server: the rebuild is over
BUSY = 0.1  # a quiet server uses less of the CPU than this
TIMEOUT = 600.0
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
TICK = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Edit:
    kind: str  # "description", "décision", "suivi", "page"
    path: Path  # the file edited
    route: str  # the page that shows the value
    apply: Callable[[str, int], tuple[str, str]]  # (file text, n) -> (new text, what the page shows)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cpu(pid: int) -> float:
    """CPU seconds of the process `pid`, of the children it waited for, and of those still
    running (the Pagefind service, busy with the index long after the server's own threads
    went quiet: without it, the server would look idle before the rebuild is over)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = [int(c) for task in Path(f"/proc/{pid}/task").iterdir()
                    for c in (task / "children").read_text().split()]
    except OSError:  # it has just ended: counted by its parent
        return 0.0
    return sum(int(f) for f in fields[11:15]) / TICK + sum(_cpu(c) for c in children)  # utime, stime, cutime, cstime


def _rss_mb(pid: int) -> float:
    match = re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
    return int(match[1]) / 1024 if match else 0.0


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _get(url: str) -> str | None:
    try:
        with OPENER.open(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def _idle(pid: int) -> None:
    # Idle: under BUSY of the CPU over IDLE seconds (the server looks for changed files
    # every 0.1 s: about 4 % of the CPU).
    samples = [(time.monotonic(), _cpu(pid))]
    while True:
        time.sleep(0.05)
        samples.append((time.monotonic(), _cpu(pid)))
        window = [s for s in samples if s[0] >= samples[-1][0] - IDLE]
        if samples[-1][0] - samples[0][0] >= IDLE and window[-1][1] - window[0][1] <= BUSY * IDLE:
            return


def edits(project: Path, data: str) -> list[Edit]:
    """The edits the data of `project` allows, each a function of the rebuild's number."""
    folder = project / data
    actions = (folder / "actions.yaml").resolve()
    first = re.search(r"""^  - id: ['"]?([^'"\s]+)""", actions.read_text("utf-8"), re.M)
    assert first, actions
    action = first[1]

    def description(text: str, n: int) -> tuple[str, str]:
        shown = f"Description modifiée {n}"
        text = re.sub(r"Description modifiée \d+\. ", "", text)
        return re.sub(r'^(    description: )"', rf'\g<1>"{shown}. ', text, count=1, flags=re.M), shown

    out = [Edit("description", actions, routes.action(action), description)]
    decisions = sorted((folder / "decisions").glob("*.yaml")) if (folder / "decisions").is_dir() else []
    for path in decisions:
        text = path.read_text("utf-8")
        if m := re.search(r"action: (\S+)\n\s+cout_total: \"(\d+)\.00\"", text):
            target, amount = m[1], int(m[2])

            def amount_edit(t: str, n: int, amount: int = amount) -> tuple[str, str]:
                value = amount + n
                new = re.sub(r'(cout_total: ")\d+(\.00")', rf"\g<1>{value}\g<2>", t, count=1)
                return new, f"{value:,}".replace(",", "\u202f") + ",00"

            out.append(Edit("décision", path, routes.action(target), amount_edit))
            break
    tracking = sorted((folder / "suivi" / "actions").glob("*.yaml")) if (folder / "suivi").is_dir() else []
    for path in tracking:
        if re.search(r"^  avancement: \d+$", path.read_text("utf-8"), re.M):
            def progress(t: str, n: int) -> tuple[str, str]:
                value = 50 + n % 40
                return re.sub(r"^(  avancement: )\d+$", rf"\g<1>{value}", t, count=1, flags=re.M), f"{value} %"

            out.append(Edit("suivi", path, routes.action(path.stem), progress))
            break
    page = project / "docs" / "accessibilite.md"

    def sentence(t: str, n: int) -> tuple[str, str]:
        shown = f"Phrase ajoutée {n}."
        return re.sub(r"\n\nPhrase ajoutée \d+\.\n", "\n", t) + f"\n\n{shown}\n", shown

    out.append(Edit("page", page, "accessibilite/", sentence))
    return out


def measure(size: int, rebuilds: int = 10, source: Path | None = None) -> dict[str, Any]:
    """Serve a copy of the project (`size` 24: the example contrat-vivant; else synthetic
    actions), apply `rebuilds` edits one after the other and time each."""
    with tempfile.TemporaryDirectory(prefix="crte-reload-") as tmp_:
        tmp = Path(tmp_)
        project = tmp / "project"
        if size == 24:
            copy_project(project, source or ROOT)
            # The example and the real data's files it links to (decisions and tracking included).
            shutil.copytree((source or ROOT) / "data", project / "data", symlinks=True, dirs_exist_ok=True)
            shutil.copytree((source or ROOT) / EXAMPLE, project / EXAMPLE, symlinks=True)
            data = EXAMPLE
        else:
            generate(project, size, source=source or ROOT)
            data = "data"
        state = tmp / "state"
        (state / "tmp").mkdir(parents=True)
        env = dict(child_environment(state), CRTE_DATA=data)
        addr = f"127.0.0.1:{_free_port()}"
        url = f"http://{addr}/"
        # Killed (a timeout, CI): SystemExit, so that `finally` stops the server, which runs in
        # its own session and would otherwise poll for changes, idle, until the machine stops.
        previous = signal.signal(signal.SIGTERM, _terminated)
        child = subprocess.Popen(child_command(project / "mkdocs.yml", addr), cwd=project, env=env,
                                 stdout=subprocess.DEVNULL, stderr=(tmp / "log").open("w"), start_new_session=True)
        try:
            deadline = time.monotonic() + TIMEOUT
            while _get(url) is None:
                if child.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the server did not start:\n{(tmp / 'log').read_text()[-3000:]}")
                time.sleep(0.2)
            _idle(child.pid)
            rss = [_rss_mb(child.pid)]
            rows: list[dict[str, Any]] = []
            kinds = edits(project, data)
            for n in range(1, rebuilds + 1):
                edit = kinds[(n - 1) % len(kinds)]
                text, shown = edit.apply(edit.path.read_text("utf-8"), n)
                cpu = _cpu(child.pid)
                edit.path.write_text(text, "utf-8")
                start = time.monotonic()
                while shown not in (_get(url + edit.route) or ""):
                    failed = "Aborted with a BuildError" in (tmp / "log").read_text("utf-8", "replace")
                    if failed or child.poll() is not None or time.monotonic() - start > TIMEOUT:
                        raise RuntimeError(f"{edit.kind}: « {shown} » never shown:\n"
                                           f"{(tmp / 'log').read_text()[-3000:]}")
                    time.sleep(0.02)
                wall = time.monotonic() - start
                _idle(child.pid)
                rows.append({"kind": edit.kind, "wall_s": round(wall, 3), "cpu_s": round(_cpu(child.pid) - cpu, 2)})
                rss.append(_rss_mb(child.pid))
        finally:
            os.killpg(child.pid, signal.SIGINT)
            try:
                child.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
            signal.signal(signal.SIGTERM, previous)
    by_kind = {}
    for kind in dict.fromkeys(r["kind"] for r in rows):
        mine = [r for r in rows if r["kind"] == kind]
        by_kind[kind] = {"wall_s": statistics.median(r["wall_s"] for r in mine),
                         "cpu_s": statistics.median(r["cpu_s"] for r in mine), "n": len(mine)}
    return {"actions": size, "rebuilds": rows, "by_kind": by_kind,
            "rss_mb": [round(r, 1) for r in rss]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", type=int)
    parser.add_argument("--rebuilds", type=int, default=10)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.size, args.rebuilds), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
