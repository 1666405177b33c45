"""A smoke run of the benchmark script: it generates a synthetic contract that
passes the real loader, builds it and its stock-Material twin (bench/stock.py), and writes every figure. No timing asserted."""
from __future__ import annotations

import json
from pathlib import Path

from bench.run import main


def test_bench_smoke_run_writes_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    assert main(["--sizes", "30", "--repeat", "1", "--output", str(out)]) == 0
    [row] = json.loads(out.read_text(encoding="utf-8"))
    assert set(row) == {"actions", "build_s", "peak_rss_mb", "site_mb", "action_page_kb", "search_index_kb",
                        "floor_s", "ratio", "cpu_s", "stock_cpu_s", "stock_ratio"}
    assert row["actions"] == 30
    assert all(row[k] > 0 for k in row)


def test_reload_bench_times_each_kind_of_edit() -> None:
    from bench.reload import measure

    row = measure(24, rebuilds=4)  # the example: every kind of edit once
    assert [r["kind"] for r in row["rebuilds"]] == ["description", "décision", "suivi", "page"]
    assert all(r["wall_s"] > 0 and r["cpu_s"] >= 0 for r in row["rebuilds"])
    assert len(row["rss_mb"]) == 5 and all(m > 0 for m in row["rss_mb"])
