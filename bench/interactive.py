"""Key to frame with a 2,000-note session loaded, and the clock's accuracy over a real round."""

from __future__ import annotations

import asyncio
import math
import os
import statistics
import tempfile
import time
from typing import Any


def _session(notes: int) -> Any:
    from app import live
    from cards.loader import load_library
    from sessions.meta import SessionSetup
    from sessions.notes import Draft

    library = load_library()
    setup = SessionSetup(title="Bench", participants=("Ann", "Bram", "Carla", "Dirk"))
    started = live.create(setup, {d.id: d for d in library}, seed=1)
    started.session.deal()
    for number in range(notes):
        started.session.record(Draft("perspective", f"Perspectief nummer {number}", "Ann"))
    assert started.writer is not None
    started.writer.flush(120)
    return library, started


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


async def _key_to_frame(notes: int, repeats: int) -> list[dict[str, object]]:
    from app.main import DialoogApp

    library, started = _session(notes)
    app = DialoogApp(library, start=started)
    results = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        # Pilot waits for the screen to settle after every key; a key the board ignores
        # ("z") measures that round trip, and each figure is net of it (same run)
        actions = {
            "nothing (z), the baseline": ["z"],
            "deal (d)": ["d"],
            "next speaker (n)": ["n"],
            "save note (enter, text, enter)": ["enter", "x", "enter"],
        }
        measured: dict[str, list[float]] = {}
        for _ in range(repeats):
            for name, keys in actions.items():  # in alternation
                start = time.perf_counter()
                await pilot.press(*keys)
                await pilot.pause()  # the frame that shows the result
                measured.setdefault(name, []).append((time.perf_counter() - start) * 1000)
        base = statistics.median(measured.pop("nothing (z), the baseline"))
        for name, times in measured.items():
            keys_pressed = len(actions[name])
            net = [max(t - base * keys_pressed, 0.0) for t in times]
            results.append(
                {
                    "figure": f"key to frame, {notes} notes: {name}",
                    "median_ms": round(statistics.median(net), 1),
                    "p99_ms": round(_percentile(net, 0.99), 1),
                    "pilot_round_trip_ms": round(base, 1),
                    "target": "median <= 16 ms, p99 <= 50 ms",
                }
            )
    started.close()
    return results


async def _clock_accuracy(seconds: float) -> dict[str, object]:
    """Run a real round on the board; sample the digits against the monotonic truth."""
    from app.main import DialoogApp

    library, started = _session(0)
    session = started.session
    app = DialoogApp(library, start=started)
    worst = 0.0
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        session.reset_turn()
        session.toggle_clock()
        session.round_clock.reset(seconds)
        app.screen.refresh_board()  # as a key press does: the digits follow at once
        begin = time.monotonic()
        digits = app.screen.query_one("#clock")
        while time.monotonic() - begin < seconds:
            await asyncio.sleep(0.05)
            truth = seconds - (time.monotonic() - begin)
            minutes, secs = str(digits.value).lstrip("+").split(":")
            shown = int(minutes) * 60 + int(secs)
            # the digits show the seconds rounded up: true time in (shown - 1, shown]
            error = max(0.0, truth - shown, (shown - 1) - truth)
            worst = max(worst, error)
    started.close()
    return {
        "figure": f"clock display vs monotonic truth over {seconds:.0f} s",
        "max_error_ms": round(worst * 1000, 1),
        "target_ms": 100,
    }


def run(quick: bool) -> list[dict[str, object]]:
    os.environ.setdefault("DIALOOG_DATA_DIR", tempfile.mkdtemp())
    os.environ.setdefault("DIALOOG_CONFIG_DIR", tempfile.mkdtemp())
    results = asyncio.run(_key_to_frame(2000, 5 if quick else 40))
    results.append(asyncio.run(_clock_accuracy(5 if quick else 300)))
    return results


def resume(notes: int) -> dict[str, object]:
    """Reading and folding a session file of `notes` notes."""
    from cards.loader import load_library
    from sessions.session import Session
    from sessions.store import load_events

    _, started = _session(notes)
    path = started.path
    started.close()
    decks = {d.id: d for d in load_library()}
    times = []
    for _ in range(3):
        start = time.perf_counter()
        Session(load_events(path), decks, read_only=True)
        times.append(time.perf_counter() - start)
    return {
        "figure": f"resume a {notes}-note session (read + fold)",
        "median_s": round(statistics.median(times), 3),
        "target_s": 0.5,
    }
