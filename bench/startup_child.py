"""Run one app headless until its first frame is painted, then exit (a benchmark child).

`python -m bench.startup_child bare|home|board|memory|resume [NOTES|FILE]`; prints the
wall-clock time (`time.time()`) at which the first frame was painted, then the peak memory
(KiB). `memory` records NOTES notes in this process before the app starts; `resume` opens the
session FILE (made beforehand by `make NOTES`, which prints the file's path).
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

FIRST_FRAME: list[float] = []


def painted() -> None:
    FIRST_FRAME.append(time.time())


def main() -> None:
    kind = sys.argv[1]
    notes = int(sys.argv[2]) if len(sys.argv) > 2 and kind != "resume" else 0
    if kind == "bare":
        from textual.app import App, ComposeResult
        from textual.widgets import Static

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Static("dialoog")

            def on_ready(self) -> None:
                self.call_after_refresh(painted)
                self.call_after_refresh(self.exit)

        Bare().run(headless=True, size=(120, 36))
    else:
        os.environ.setdefault("DIALOOG_DATA_DIR", tempfile.mkdtemp())
        os.environ.setdefault("DIALOOG_CONFIG_DIR", tempfile.mkdtemp())
        from app.main import DialoogApp
        from cards.loader import load_library

        class Timed(DialoogApp):
            def on_ready(self) -> None:
                self.call_after_refresh(painted)
                self.call_after_refresh(self.exit)

        library = load_library()
        start = None
        if kind == "resume":
            from app import live

            start = live.open_session(Path(sys.argv[2]), {d.id: d for d in library})
        if kind in ("board", "memory", "make"):
            from app import live
            from sessions.meta import SessionSetup
            from sessions.notes import Draft

            setup = SessionSetup(title="Bench", participants=("Ann", "Bram", "Carla"))
            start = live.create(setup, {d.id: d for d in library}, seed=1)
            start.session.deal()
            for number in range(notes):
                start.session.record(Draft("perspective", f"Perspectief nummer {number}", "Ann"))
            start.writer.flush(60) if start.writer else None
            if kind == "make":
                start.close()
                print(start.path)
                return
        Timed(library, start=start).run(headless=True, size=(120, 36))
        if start is not None:
            start.close()
    print(FIRST_FRAME[0])
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


if __name__ == "__main__":
    main()
