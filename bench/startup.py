"""Start-up and peak memory against a bare Textual app showing one Static, in alternation."""

from __future__ import annotations

import compileall
import functools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from bench.startup_child import NOTE

ROOT = Path(__file__).resolve().parents[1]
SETTLE = 1.0  # memory: seconds the app runs on after its first frame


@functools.cache
def _compiled() -> dict[str, str]:
    """Byte-compile our packages as a first start on a user's machine would leave them (Textual
    is installed compiled), and the environment for the children: one cache folder for all,
    as a user's machine has, filled by a first start of the menu and of a board (the parsed
    decks, texts and stylesheets)."""
    for package in ("app", "cards", "sessions", "assets", "bench"):
        compileall.compile_dir(ROOT / package, quiet=1)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["DIALOOG_CACHE_DIR"] = tempfile.mkdtemp(prefix="dialoog-bench-cache-")
    for kind in ("home", "board"):
        subprocess.run(
            [sys.executable, "-m", "bench.startup_child", kind],
            capture_output=True,
            cwd=ROOT,
            check=True,
            env={
                **env,
                "DIALOOG_CONFIG_DIR": tempfile.mkdtemp(prefix="dialoog-bench-"),
                "DIALOOG_DATA_DIR": tempfile.mkdtemp(prefix="dialoog-bench-"),
            },
        )
    return env


class Started(NamedTuple):
    first_frame: float  # seconds from starting the process to its first frame
    settled: float  # ... to its next refresh after that (this bench's figure until 11-22)
    same: bool  # the frame on screen then was still the first one: it was whole
    peak_kib: int  # peak memory at exit
    notes: int = -1  # the session's notes at exit (`resume-note`)


def _run(kind: str, *extra: str, data: str | None = None, settle: float = 0) -> Started:
    """Start a child (see `startup_child`); it exits at once after the first frame, or
    `settle` seconds after it. Each child has data and settings folders of its own (empty
    unless `data` is given)."""
    env = {
        **_compiled(),
        "DIALOOG_BENCH_SETTLE": str(settle),
        "DIALOOG_DATA_DIR": data or tempfile.mkdtemp(prefix="dialoog-bench-"),
        "DIALOOG_CONFIG_DIR": tempfile.mkdtemp(prefix="dialoog-bench-"),
    }
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-m", "bench.startup_child", kind, *extra],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        env=env,
    ).stdout
    *before, painted, settled, same, peak = out.strip().splitlines()
    notes = next((int(line.split()[1]) for line in before if line.startswith("notes ")), -1)
    return Started(float(painted) - start, float(settled) - start, same == "same", int(peak), notes)


def startup(rounds: int) -> list[dict[str, object]]:
    """Time to the first frame, against the bare app. The first frame counts only if it was
    the whole picture: the share of rounds in which the app's next refresh still showed the
    first frame is reported beside it, and so is the time to that refresh."""
    runs: dict[str, list[Started]] = {"bare": [], "home": [], "board": []}
    kinds = list(runs)
    for number in range(rounds):
        # in alternation, so drift hits all alike, and each in turn first: a child started
        # right after another was some 15 ms slower than the first of a round (on two cores,
        # while the one before was still exiting), and the bare app always went first
        turn = number % len(kinds)
        for kind in kinds[turn:] + kinds[:turn]:
            runs[kind].append(_run(kind))

    def median(kind: str, field: str) -> float:
        return statistics.median(getattr(run, field) for run in runs[kind])

    bare, bare_settled = median("bare", "first_frame"), median("bare", "settled")
    return [
        {
            "figure": f"start-up to first frame: {kind}",
            "median_s": round(median(kind, "first_frame"), 3),
            "bare_median_s": round(bare, 3),
            "ratio": round(median(kind, "first_frame") / bare, 2),
            "target_ratio": 1.25,
            "first_frame_whole": f"{sum(run.same for run in runs[kind])}/{rounds}",
            "settled_median_s": round(median(kind, "settled"), 3),
            "settled_ratio": round(median(kind, "settled") / bare_settled, 2),
        }
        for kind in ("home", "board")
    ]


def memory(notes: int) -> list[dict[str, object]]:
    """Peak memory a second after the first frame: a session of `notes` notes opened with
    `dialoog resume` (how a long session is usually in the app); the same, with a note typed
    and saved as the facilitator goes on (the first write, and the file folded on closing);
    and the same number recorded in the app's own process (with what building it left). The
    bare app alike."""
    bare = _run("bare", settle=SETTLE).peak_kib
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [sys.executable, "-m", "bench.startup_child", "make", str(notes)],
            cwd=ROOT,
            check=True,
            env={**_compiled(), "DIALOOG_DATA_DIR": folder},
        )
        resumed = _run("resume", data=folder, settle=SETTLE).peak_kib  # `dialoog resume`
        written = _run("resume-note", data=folder, settle=SETTLE)  # ... and a note typed
        saved = any(NOTE in file.read_text("utf-8") for file in Path(folder).glob("*.json"))
        if written.notes != notes + 1 or not saved:
            raise RuntimeError(f"resume-note: {written.notes} notes, not {notes + 1}, or unsaved")
    recorded = _run("memory", str(notes), settle=SETTLE).peak_kib
    return [
        {
            "figure": f"peak memory, {notes}-note session {how}",
            "ours_mib": round(ours / 1024, 1),
            "bare_mib": round(bare / 1024, 1),
            "ratio": round(ours / bare, 2),
            "target_ratio": 1.3,
        }
        for how, ours in (
            ("resumed", resumed),
            ("resumed, then a note written", written.peak_kib),
            ("recorded in-process", recorded),
        )
    ]
