"""Build time and page weight as the contract grows (issue 8).

    .venv/bin/python -m bench.run                    # SIZES from the environment, else 24 250 2500 10000
    .venv/bin/python -m bench.run --sizes "250 2500" --repeat 1
    .venv/bin/python -m bench.run --profile 2500     # where the build spends its time
    .venv/bin/python -m bench.run --sizes 10000 --search   # and the search, in Chromium (bench/search.py)
    .venv/bin/python -m bench.run --sizes 24 --reload "24 2500"   # and the rebuilds of `make serve` (bench/reload.py)

For each size, a copy of the project is generated (bench/generate.py; the real
data's own size means the real data, unmodified), built by the real command
(`properdocs build --strict`, in a child process, as `make build` does), and the
same page contents are rendered once more the cheapest way we know (the
"floor") and built by stock Material for MkDocs with its own search (bench/stock.py,
CPU seconds paired with the real build's). Figures are printed as a table and written to bench/results.json;
bench/README.md says what each one means.
"""
from __future__ import annotations

import argparse
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.generate import copy_project, generate
from bench.reload import measure as measure_reload
from crte.data.loader import load

ROOT = Path(__file__).resolve().parent.parent

DEFAULT_SIZES = "24 250 2500 10000"
RESULTS = ROOT / "bench" / "results.json"
COLUMNS = ("actions", "build_s", "peak_rss_mb", "site_mb", "action_page_kb", "search_index_kb", "floor_s", "ratio",
           "cpu_s", "stock_cpu_s", "stock_ratio")


def mkdocs_command(project: Path, site: Path, strict: bool = True) -> list[str]:
    return [sys.executable, "-m", "properdocs", "build", *(["--strict"] if strict else []),
            "-f", str(project / "mkdocs.yml"), "-d", str(site)]


def build_env() -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1")


def timed_build(project: Path, site: Path, strict: bool = True) -> tuple[float, float, float]:
    """Wall time (s), peak RSS (MiB) and CPU time (s, user + system, its children's
    included: Pagefind) of one build, in its own process (`strict`: the real build's
    --strict; the stock site, whose pages link to files only our plugin writes, is not).

    os.wait4 returns the resource usage of that one child, so the peak is this
    build's, not the largest of every child this process ever waited for (which
    is what RUSAGE_CHILDREN's ru_maxrss would give). Linux counts in it the
    child's own children (Pagefind, which runs beside MkDocs for the whole build)
    as a maximum, not a sum: the peak of the larger of the two processes.
    """
    with tempfile.TemporaryFile() as log:  # a file, not a pipe: a full pipe would stall the build
        start = time.perf_counter()
        # In the copy's folder: `python -m` imports the copy's crte/, not the tree's (an editable install).
        proc = subprocess.Popen(mkdocs_command(project, site, strict), stdout=log, stderr=subprocess.STDOUT,
                                env=build_env(), cwd=project)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            log.seek(0)
            raise RuntimeError(f"properdocs build failed ({proc.returncode}):\n{log.read().decode(errors='replace')}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime  # ru_maxrss is in KiB on Linux


def timed_floor(project: Path, out: Path) -> float:
    """The floor's own count of its seconds (see bench/floor.py), run on the copy's code."""
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "floor.py"), str(project), str(out)],
                            capture_output=True, text=True, check=False)
    if result.returncode:
        raise RuntimeError(f"the floor failed:\n{result.stderr}")
    return float(result.stdout)


def tree_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def search_index_bytes(site: Path) -> int:
    """MkDocs' search index (one JSON file every visitor's search downloads whole), or,
    since the site moved to Pagefind, the whole Pagefind bundle on disk (a search
    downloads only the fragments its words need)."""
    lunr = site / "search" / "search_index.json"
    return lunr.stat().st_size if lunr.is_file() else tree_bytes(site / "pagefind")


def write_stock(project: Path, out: Path) -> Path:
    """bench/stock.py in its own process: it imports the copy's crte/, not this process's."""
    result = subprocess.run([sys.executable, "-m", "bench.stock", str(project), str(out)], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    if result.returncode:
        raise RuntimeError(f"bench/stock.py failed:\n{result.stderr}")
    return Path(result.stdout.strip())


def measure(size: int, real_size: int, repeat: int, source: Path, scratch: Path,
            search: bool = False) -> dict[str, Any]:
    """One row of the table; with `search`, also the search timings of the first site
    built (bench/search.py), under "search": [{surface, query, ms, kb, results}].
    Everything it writes stays in `scratch` (a folder), which the caller deletes once at the end.

    Why nothing is deleted between builds: on this machine's file system (ext4 without a
    journal), a file created in the minute after many were deleted costs far more processor
    time (the kernel's `recently_deleted` scan skips each of them in turn). The same
    2 500-action build: 2.4 s of system time on a quiet disk, 8.1 s just after the previous
    site (13 000 files) was deleted. Deleting each site before the next build charged each
    build for the files of the one before, the real build (13 000 files) far more than stock
    Material (2 600)."""
    tmp = Path(tempfile.mkdtemp(prefix=f"bench-{size}-", dir=scratch))
    project = tmp / "project"
    crte = generate(project, None if size == real_size else size, source=source)
    stock_yml = write_stock(project, tmp / "stock")
    builds: list[float] = []
    cpus: list[float] = []
    stocks: list[float] = []
    peaks: list[float] = []
    floors: list[float] = []
    sizes: dict[str, float] = {}
    timings: list[dict[str, Any]] = []
    # Each build is followed by a floor: the machine's speed drifts (±10 % here
    # between minutes), and both sides of the ratio should see the same drift.
    for r in range(repeat):
        site = tmp / f"site-{r}"  # a fresh folder each time: no build pays for cleaning the last one
        elapsed, peak, cpu = timed_build(project, site)
        builds.append(elapsed)
        peaks.append(peak)
        cpus.append(cpu)
        # Then stock Material on the same pages (bench/stock.py): a pair sees one speed of the machine.
        stock_site = tmp / f"stock-site-{r}"
        stocks.append(timed_build(stock_yml.parent, stock_site, strict=False)[2])
        if search and r == 0:
            timings = search_timings(site)
        if not sizes:
            sizes = {
                "site_mb": tree_bytes(site) / 2**20,
                "action_page_kb": (site / "actions" / crte.actions[0].id / "index.html").stat().st_size / 1024,
                "search_index_kb": search_index_bytes(site) / 1024,
            }
        out = tmp / f"floor-{r}"
        floors.append(timed_floor(project, out))
    build_s, floor_s = statistics.median(builds), statistics.median(floors)
    # The ratio of each build to the floor run right after it, then their median:
    # pairs see the same speed of the machine.
    ratio = statistics.median(b / f for b, f in zip(builds, floors))
    print(f"    builds {', '.join(f'{b:.2f}' for b in builds)} s; floors {', '.join(f'{f:.2f}' for f in floors)} s; "
          f"CPU {', '.join(f'{c:.1f}' for c in cpus)} s; stock CPU {', '.join(f'{c:.1f}' for c in stocks)} s",
          file=sys.stderr)
    return {"actions": len(crte.actions), "build_s": round(build_s, 2), "peak_rss_mb": round(max(peaks), 1),
            **{k: round(v, 1) for k, v in sizes.items()}, "floor_s": round(floor_s, 2),
            "ratio": round(ratio, 2), "cpu_s": round(statistics.median(cpus), 1),
            "stock_cpu_s": round(statistics.median(stocks), 1),
            "stock_ratio": round(statistics.median(c / k for c, k in zip(cpus, stocks)), 2),
            **({"search": timings} if search else {})}


def search_timings(site: Path) -> list[dict[str, Any]]:
    from bench.search import (
        measure as measure_search,  # Playwright: only when asked
        report,
    )

    rows = measure_search(site)
    print(report(rows), file=sys.stderr)
    return [{"surface": s, "query": q, "key_delay_ms": d, "ms": round(ms), "driver_ms": round(driver),
             "kb": round(size / 1024, 1), "results": n} for s, q, d, ms, driver, size, n in rows]


def profile(size: int, real_size: int, source: Path, top: int = 25, keep: Path | None = None) -> None:
    """One build under cProfile, in its own process like the measured builds; `keep`: where
    to copy the profile (for `python -m pstats`)."""
    with tempfile.TemporaryDirectory(prefix="crte-profile-") as tmp_:
        tmp = Path(tmp_)
        project, stats_file, site = tmp / "project", tmp / "build.prof", tmp / "site"
        generate(project, None if size == real_size else size, source=source)
        cmd = [sys.executable, "-m", "cProfile", "-o", str(stats_file), *mkdocs_command(project, site)[1:]]
        start = time.perf_counter()
        result = subprocess.run(cmd, env=build_env(), capture_output=True, text=True, cwd=project)
        # cProfile may exit 0 when MkDocs aborts: a profile of a failed build measures nothing.
        if result.returncode or not (site / "index.html").is_file():
            raise RuntimeError(f"the profiled build failed:\n{result.stdout}{result.stderr}")
        print(f"# {size} actions: build under cProfile in {time.perf_counter() - start:.1f} s")
        if keep is not None:
            shutil.copyfile(stats_file, keep)
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
    parser.add_argument("--profile-file", type=Path, metavar="FILE", help="with --profile: keep the profile there")
    parser.add_argument("--reload", default="", metavar="SIZES",
                        help="also time the rebuilds of `make serve` at these sizes (bench/reload.py), e.g. \"24 2500\"")
    parser.add_argument("--search", action="store_true",
                        help="also time the search of the largest size in Chromium (bench/search.py)")
    args = parser.parse_args(argv)

    # The tree may change while we run (others work in it): every size is built from
    # one snapshot taken now, and the figures name the commit they measure.
    state = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
                           capture_output=True, text=True, check=False).stdout.strip() or "?"
    print(f"# tree {state}, python {sys.version.split()[0]}, {os.cpu_count()} CPUs", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="crte-source-") as snapshot:
        source = copy_project(Path(snapshot) / "tree")
        # The example the reload at 24 actions serves (bench/reload.py), and the real data it links to.
        shutil.copytree(ROOT / "examples", source / "examples", symlinks=True)
        # All of data/: the example links to the real tracking catalogue (data/suivi/financeurs.yaml),
        # which copy_project leaves out.
        shutil.copytree(ROOT / "data", source / "data", symlinks=True, dirs_exist_ok=True)
        real_size = len(load(source / "data").actions)
        if args.profile is not None:
            profile(args.profile, real_size, source, keep=args.profile_file)
        else:
            run(args, real_size, source)
    return 0


def run(args: argparse.Namespace, real_size: int, source: Path) -> None:
    sizes = [int(s) for s in args.sizes.replace(",", " ").split()]
    with tempfile.TemporaryDirectory(prefix="crte-bench-") as scratch:  # deleted once, after the last build
        _run(args, real_size, source, sizes, Path(scratch))


def _run(args: argparse.Namespace, real_size: int, source: Path, sizes: list[int], scratch: Path) -> None:
    print("  ".join(f"{c:>{max(len(c), 7)}}" for c in COLUMNS), flush=True)
    results: list[dict[str, Any]] = []
    for size in sizes:
        row = measure(size, real_size, args.repeat, source, scratch, search=args.search and size == max(sizes))
        results.append(row)
        print("  ".join(f"{row[c]:>{max(len(c), 7)}}" for c in COLUMNS), flush=True)
        # Written after each size: a long run interrupted still leaves its figures.
        args.output.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    reloads = [measure_reload(int(size), source=source) for size in args.reload.replace(",", " ").split()]
    for row in reloads:
        kinds = "; ".join(f"{kind} {k['wall_s']:.2f} s ({k['cpu_s']:.2f} CPU-s)" for kind, k in row["by_kind"].items())
        print(f"reload {row['actions']}: {kinds}; memory {row['rss_mb'][0]} → {row['rss_mb'][-1]} MiB "
              f"over {len(row['rebuilds'])} rebuilds", flush=True)
    if reloads:
        args.output.write_text(json.dumps(results + [{"reload": reloads}], indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    sys.exit(main())
