"""Start-up and peak memory against a bare Textual app showing one Static, in alternation."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(kind: str, *extra: str) -> tuple[float, int]:
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "bench.startup_child", kind, *extra],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout
    elapsed = time.perf_counter() - start
    return elapsed, int(out.strip().splitlines()[-1])


def startup(rounds: int) -> list[dict[str, object]]:
    times: dict[str, list[float]] = {"bare": [], "home": [], "board": []}
    for _ in range(rounds):
        for kind in times:  # in alternation, so drift hits all alike
            times[kind].append(_run(kind)[0])
    bare = statistics.median(times["bare"])
    return [
        {
            "figure": f"start-up to first frame: {kind}",
            "median_s": round(statistics.median(times[kind]), 3),
            "bare_median_s": round(bare, 3),
            "ratio": round(statistics.median(times[kind]) / bare, 2),
            "target_ratio": 1.25,
        }
        for kind in ("home", "board")
    ]


def memory(notes: int) -> dict[str, object]:
    _, bare = _run("bare")
    _, ours = _run("memory", str(notes))
    return {
        "figure": f"peak memory with {notes} notes",
        "ours_mib": round(ours / 1024, 1),
        "bare_mib": round(bare / 1024, 1),
        "ratio": round(ours / bare, 2),
        "target_ratio": 1.3,
    }
