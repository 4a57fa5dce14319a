"""Run one app headless until its first frame is painted, then exit (a benchmark child).

`python -m bench.startup_child bare|home|board|resume|memory|make [NOTES]`; prints the
wall-clock time (`time.time()`) at which the first frame was painted, then the peak memory
(KiB) when it exits: at once, or `DIALOOG_BENCH_SETTLE` seconds after the first frame.
`home`, `board` and `resume` go through the `dialoog` command itself (`dialoog`,
`dialoog new ...`, `dialoog resume`), headless at 120x36. `memory` records NOTES notes in this
process before the app starts; `make` records NOTES notes into a session of the data folder
and exits (for `resume`).
"""

from __future__ import annotations

import os
import resource
import sys
import time
from typing import Any

FIRST_FRAME: list[float] = []
SIZE = (120, 36)
COMMANDS = {
    "home": [],
    "board": ["new", "--title", "Bench", "--participants", "Ann,Bram,Carla"],
    "resume": ["resume"],
}


def painted() -> None:
    FIRST_FRAME.append(time.time())


def stop_after_first_frame(app: Any) -> None:
    """Note the first frame; exit then, or `DIALOOG_BENCH_SETTLE` seconds later (a memory
    figure is taken once the app has settled: what it builds after its first frame counts)."""
    app.call_after_refresh(painted)
    settle = float(os.environ.get("DIALOOG_BENCH_SETTLE", "0"))
    if settle:
        app.call_after_refresh(app.set_timer, settle, app.exit)
    else:
        app.call_after_refresh(app.exit)


def bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("dialoog")

        def on_ready(self) -> None:
            stop_after_first_frame(self)

    Bare().run(headless=True, size=SIZE)


def timed() -> type:
    """The app, made to stop at its first frame and to run headless."""
    from app.main import DialoogApp

    class Timed(DialoogApp):
        def on_ready(self) -> None:  # Textual calls DialoogApp's own on_ready as well
            stop_after_first_frame(self)

        def run(self, **_: object) -> None:  # type: ignore[override]
            super().run(headless=True, size=SIZE)

    return Timed


def command(kind: str) -> None:
    """`dialoog` as a user starts it, with the app stopping at its first frame."""
    from app import cli, main

    main.DialoogApp = timed()  # type: ignore[misc]
    code = cli.main(COMMANDS[kind])
    if code:
        raise SystemExit(code)


def recorded(notes: int, *, keep: bool) -> None:
    """A session of `notes` notes recorded in this process; shown in the app unless `keep`
    (then it is closed, for a later `resume`)."""
    from app import live
    from cards.loader import load_library
    from sessions.meta import SessionSetup
    from sessions.notes import Draft

    library = load_library()
    setup = SessionSetup(title="Bench", participants=("Ann", "Bram", "Carla"))
    start = live.create(setup, {d.id: d for d in library}, seed=1)
    start.session.deal()
    for number in range(notes):
        start.session.record(Draft("perspective", f"Perspectief nummer {number}", "Ann"))
    if start.writer:
        start.writer.flush(60)
    if keep:
        start.close()
        return
    try:
        timed()(library, start=start).run()
    finally:
        start.close()


def main() -> None:
    kind = sys.argv[1]
    if kind == "bare":
        bare()
    elif kind in COMMANDS:
        command(kind)
    else:
        recorded(int(sys.argv[2]), keep=kind == "make")
        if kind == "make":
            return
    print(FIRST_FRAME[0])
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


if __name__ == "__main__":
    main()
