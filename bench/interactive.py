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


async def _quiet(frames: list[float], quiet: float = 0.1, limit: float = 2.0) -> None:
    """Wait until no frame has come for `quiet` seconds (at most `limit` seconds)."""
    begin = time.perf_counter()
    while time.perf_counter() - begin < limit:
        await asyncio.sleep(quiet / 4)
        last = frames[-1] if frames else begin
        if time.perf_counter() - last >= quiet:
            return


async def _key_to_frame(notes: int, repeats: int) -> list[dict[str, object]]:
    """From the moment a key reaches the app to the frame that shows its result.

    Every frame the app composes passes through `App._display` (headless, it is composed in
    full and then not written): the probe turns it into the terminal's escape sequences, as a
    terminal driver would, and notes when each one was ready. A key's figure is the
    first frame after it ("first frame": what the facilitator sees change) and the last one
    before the app is idle again ("settled": the Footer and other follow-ups included).
    """
    from textual import events

    from app.main import DialoogApp

    library, started = _session(notes)
    app = DialoogApp(library, start=started)
    frames: list[float] = []
    display = app._display

    def probe(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if renderable is not None:
            renderable.render_segments(app.console)
            frames.append(time.perf_counter())

    app._display = probe  # type: ignore[method-assign]
    # a session's evening: deal, give the floor, write down what was said
    actions = [
        ("deal (d)", "d"),
        ("next speaker (n)", "n"),
        ("open the capture line (enter)", "enter"),
        ("type a character (x)", "x"),
        ("save note (enter)", "enter"),
    ]
    first: dict[str, list[float]] = {}
    settled: dict[str, list[float]] = {}
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for _ in range(repeats):
            if getattr(app.screen, "at_end", False):
                await pilot.press("h")  # the deck is through: shuffle it again (not measured)
            for name, key in actions:
                await _quiet(frames)  # each key on its own: the previous one has settled
                event = events.Key(key, key if len(key) == 1 else None)
                event.set_sender(app)
                seen = len(frames)
                start = time.perf_counter()
                app._driver.send_message(event)  # type: ignore[union-attr]
                # no Pilot here: its waits queue messages ahead of the key
                await _quiet(frames, quiet=0.15)
                after = frames[seen:]
                if not after:
                    raise RuntimeError(f"no frame after {name}")
                first.setdefault(name, []).append((after[0] - start) * 1000)
                settled.setdefault(name, []).append((after[-1] - start) * 1000)
    started.close()
    return [
        {
            "figure": f"key to frame, {notes} notes: {name}",
            "first_frame_median_ms": round(statistics.median(first[name]), 1),
            "first_frame_p99_ms": round(_percentile(first[name], 0.99), 1),
            "settled_median_ms": round(statistics.median(settled[name]), 1),
            "settled_p99_ms": round(_percentile(settled[name], 0.99), 1),
            "target": "median <= 16 ms, p99 <= 50 ms",
        }
        for name, _ in actions
    ]


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
    results = asyncio.run(_key_to_frame(2000, 2 if quick else 40))
    results.append(asyncio.run(_clock_accuracy(2 if quick else 300)))
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
