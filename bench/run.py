"""Build time and page weight as the contract grows (issue 8).

    .venv/bin/python -m bench.run                    # SIZES from the environment, else 24 250 2500 10000
    .venv/bin/python -m bench.run --sizes "250 2500" --repeat 1
    .venv/bin/python -m bench.run --profile 2500     # where the build spends its time

For each size, a copy of the project is generated (bench/generate.py; the real
data's own size means the real data, unmodified), built by the real command
(`mkdocs build --strict`, in a child process, as `make build` does), and the
same page contents are rendered once more the cheapest way we know (the
"floor"). Figures are printed as a table and written to bench/results.json;
bench/README.md says what each one means.
"""
from __future__ import annotations

import argparse
import json
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/run.py` puts bench/ on the path, not the root
    sys.path.insert(0, str(ROOT))

import markdown  # noqa: E402
from jinja2 import Environment, Template  # noqa: E402

from bench.generate import generate  # noqa: E402
from macros.loader import load  # noqa: E402
from macros.pages import generate as generate_pages  # noqa: E402
from macros.pages import render_block  # noqa: E402
from macros.views import Views  # noqa: E402

DEFAULT_SIZES = "24 250 2500 10000"
RESULTS = ROOT / "bench" / "results.json"
# As in mkdocs.yml: the floor must parse the same Markdown the same way.
EXTENSIONS = ["admonition", "attr_list", "def_list", "md_in_html", "tables", "toc"]
EXTENSION_CONFIGS = {"toc": {"permalink": True, "permalink_title": "Lien vers cette section"}}
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
LAYOUT = Template("<html><body>{{ content }}</body></html>")
COLUMNS = ("actions", "build_s", "peak_rss_mb", "site_mb", "action_page_kb", "search_index_kb", "floor_s", "ratio")


def mkdocs_command(project: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)]


def build_env() -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1")


def timed_build(project: Path, site: Path) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MiB) of one real build, in its own process.

    os.wait4 returns the resource usage of that one child, so the peak is this
    build's, not the largest of every child this process ever waited for (which
    is what RUSAGE_CHILDREN's ru_maxrss would give).
    """
    with tempfile.TemporaryFile() as log:  # a file, not a pipe: a full pipe would stall the build
        start = time.perf_counter()
        proc = subprocess.Popen(mkdocs_command(project, site), stdout=log, stderr=subprocess.STDOUT, env=build_env())
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            log.seek(0)
            raise RuntimeError(f"mkdocs build failed ({proc.returncode}):\n{log.read().decode(errors='replace')}")
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def floor(project: Path, out: Path) -> float:
    """Seconds to load the data and write the same pages with Python-Markdown and a
    bare layout: what any build of these pages must at least cost, with no theme,
    no navigation, no search index, no link validation.

    Runs in this process: interpreter start-up and imports are not counted (the
    real build pays them, about the build time of the smallest size).
    """
    start = time.perf_counter()
    views = Views(load(project / "data"))
    pages = [(p.src_uri, p.content) for p in generate_pages(views)]
    # The home page is hand-written and calls bloc() through mkdocs-macros: render those calls too.
    index = FRONT_MATTER.sub("", (project / "docs" / "index.md").read_text("utf-8"))
    pages.append(("index.md", Environment().from_string(index).render(bloc=lambda name: render_block(views, name, ""))))
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    for src_uri, content in pages:
        html = md.reset().convert(FRONT_MATTER.sub("", content))
        stem = src_uri.removesuffix(".md")
        dest = out / ("" if stem == "index" else stem) / "index.html"  # the URL layout of use_directory_urls
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(LAYOUT.render(content=html), "utf-8")
    return time.perf_counter() - start


def tree_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def measure(size: int, real_size: int, repeat: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="crte-bench-") as tmp_:
        tmp = Path(tmp_)
        project = tmp / "project"
        crte = generate(project, None if size == real_size else size)
        builds: list[float] = []
        peaks: list[float] = []
        sizes: dict[str, float] = {}
        for r in range(repeat):
            site = tmp / f"site-{r}"  # a fresh folder each time: no build pays for cleaning the last one
            elapsed, peak = timed_build(project, site)
            builds.append(elapsed)
            peaks.append(peak)
            if not sizes:
                sizes = {
                    "site_mb": tree_bytes(site) / 2**20,
                    "action_page_kb": (site / "actions" / crte.actions[0].id / "index.html").stat().st_size / 1024,
                    "search_index_kb": (site / "search" / "search_index.json").stat().st_size / 1024,
                }
            shutil.rmtree(site)
        floors: list[float] = []
        for r in range(repeat):
            out = tmp / f"floor-{r}"
            floors.append(floor(project, out))
            shutil.rmtree(out)
    build_s, floor_s = statistics.median(builds), statistics.median(floors)
    print(f"    builds {', '.join(f'{b:.2f}' for b in builds)} s; floors {', '.join(f'{f:.2f}' for f in floors)} s",
          file=sys.stderr)
    return {"actions": len(crte.actions), "build_s": round(build_s, 2), "peak_rss_mb": round(max(peaks), 1),
            **{k: round(v, 1) for k, v in sizes.items()}, "floor_s": round(floor_s, 2),
            "ratio": round(build_s / floor_s, 1)}


def profile(size: int, real_size: int, top: int = 25) -> None:
    """One build under cProfile, in its own process like the measured builds."""
    with tempfile.TemporaryDirectory(prefix="crte-profile-") as tmp_:
        tmp = Path(tmp_)
        project, stats_file = tmp / "project", tmp / "build.prof"
        generate(project, None if size == real_size else size)
        cmd = [sys.executable, "-m", "cProfile", "-o", str(stats_file), *mkdocs_command(project, tmp / "site")[1:]]
        start = time.perf_counter()
        subprocess.run(cmd, check=True, env=build_env(), capture_output=True)
        print(f"# {size} actions: build under cProfile in {time.perf_counter() - start:.1f} s")
        stats = pstats.Stats(str(stats_file), stream=sys.stdout).strip_dirs()
        for key in ("cumulative", "tottime"):
            print(f"\n## top {top} by {key}")
            stats.sort_stats(key).print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=os.environ.get("SIZES") or DEFAULT_SIZES,
                        help=f"numbers of actions (default: $SIZES, else \"{DEFAULT_SIZES}\")")
    parser.add_argument("--repeat", type=int, default=3, help="builds per size; the median is kept (default 3)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="results file (default bench/results.json)")
    parser.add_argument("--profile", type=int, metavar="N", help="profile one build of N actions instead")
    args = parser.parse_args(argv)

    real_size = len(load(ROOT / "data").actions)
    if args.profile is not None:
        profile(args.profile, real_size)
        return 0
    sizes = [int(s) for s in args.sizes.replace(",", " ").split()]
    print(" ".join(f"{c:>15}" for c in COLUMNS), flush=True)
    results: list[dict[str, Any]] = []
    for size in sizes:
        row = measure(size, real_size, args.repeat)
        results.append(row)
        print(" ".join(f"{row[c]:>15}" for c in COLUMNS), flush=True)
        # Written after each size: a long run interrupted still leaves its figures.
        args.output.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
