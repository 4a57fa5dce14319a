"""Run one app headless until its first frame is painted, then exit (a benchmark child).

`python -m bench.startup_child bare|home|board|resume|memory|make [NOTES]`; prints the
wall-clock times (`time.time()`) at which the first frame was painted and at which the app
had settled after it (its next refresh), whether the frame then on screen was still the first
one, and the peak memory (KiB) when it exits: at once, or `DIALOOG_BENCH_SETTLE` seconds
after the first frame. `home`, `board` and `resume` go through the `dialoog` command itself
(`dialoog`, `dialoog new ...`, `dialoog resume`), headless at 120x36. `memory` records NOTES
notes in this process before the app starts; `make` records NOTES notes into a session of
the data folder and exits (for `resume`).

The first frame is painted when Textual hands the app's first screen update to the terminal;
headless, nothing is written, so the child turns the update into the terminal's escape
sequences itself, as a terminal driver would, before taking the time.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from typing import Any

FIRST_FRAME: list[float] = []  # when the first frame was painted
SETTLED: list[float] = []  # when the app had refreshed once more after its first frame
FRAMES: list[list[object]] = []  # the cells of the first frame, and of the one shown then
SIZE = (120, 36)
SETTLE = float(os.environ.get("DIALOOG_BENCH_SETTLE", "0"))
COMMANDS = {
    "home": [],
    "board": ["new", "--title", "Bench", "--participants", "Ann,Bram,Carla"],
    "resume": ["resume"],
    "resume-note": ["resume"],  # and a note written, as a facilitator goes on with a session
}
NOTE = "Nog een perspectief"
WRITTEN: list[int] = []  # the session's notes when the app exits (`resume-note`)
RUNNING: list[str] = []  # which of the COMMANDS runs


def cells(screen: Any) -> list[object]:
    """What the screen shows, cell by cell: each character with its style."""
    return [
        (character, segment.style)
        for strip in screen._compositor.render_strips()
        for segment in strip
        for character in segment.text
    ]


def watch_first_frame() -> None:
    """Note the time of the first screen update, once it is what a terminal is sent."""
    from textual.app import App

    display = App._display

    def first_display(self: Any, screen: Any, renderable: Any) -> None:
        if renderable is not None and not FIRST_FRAME:
            renderable.render_segments(self.console)
            FIRST_FRAME.append(time.time())
            if not SETTLE:  # a memory figure: the copy of the frame would count in it
                FRAMES.append(cells(screen))
        display(self, screen, renderable)

    App._display = first_display  # type: ignore[method-assign]


def settled(app: Any) -> None:
    SETTLED.append(time.time())
    if not SETTLE:
        FRAMES.append(cells(app.screen))


def write_a_note(app: Any) -> None:
    """`enter`, a few words, `enter`: the keys a facilitator types to write down a note."""
    from textual import events

    typed = [("space", " ") if c == " " else (c, c) for c in NOTE]
    for key, character in [("enter", "\r"), *typed, ("enter", "\r")]:
        app.post_message(events.Key(key, character))


def count_notes(app: Any) -> None:
    WRITTEN.append(len(app.screen.live.session.state.notes))
    app.exit()


def stop_after_first_frame(app: Any) -> None:
    """Note when the app has settled after its first frame; exit then, or
    `DIALOOG_BENCH_SETTLE` seconds later (a memory figure is taken once the app has settled:
    what it builds after its first frame counts). `resume-note` writes a note first."""
    app.call_after_refresh(settled, app)
    if RUNNING == ["resume-note"]:
        write_a_note(app)
        app.call_after_refresh(app.set_timer, SETTLE, lambda: count_notes(app))
    elif SETTLE:
        app.call_after_refresh(app.set_timer, SETTLE, app.exit)
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
    RUNNING[:] = [kind]
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
    watch_first_frame()
    if kind == "bare":
        bare()
    elif kind in COMMANDS:
        command(kind)
    else:
        recorded(int(sys.argv[2]), keep=kind == "make")
        if kind == "make":
            return
    if WRITTEN:
        print(f"notes {WRITTEN[0]}")  # the parent checks that the note was written
    print(FIRST_FRAME[0])
    print(SETTLED[0])
    print("unchecked" if SETTLE else "same" if FRAMES[0] == FRAMES[1] else "changed")
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


if __name__ == "__main__":
    main()
