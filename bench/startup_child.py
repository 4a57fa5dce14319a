"""Run one app headless until its first frame is painted, then exit (a benchmark child).

`python -m bench.startup_child bare|home|board|memory [NOTES]`; prints the peak memory (KiB).
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile


def main() -> None:
    kind = sys.argv[1]
    notes = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    if kind == "bare":
        from textual.app import App, ComposeResult
        from textual.widgets import Static

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Static("dialoog")

            def on_ready(self) -> None:
                self.exit()

        Bare().run(headless=True, size=(120, 36))
    else:
        os.environ.setdefault("DIALOOG_DATA_DIR", tempfile.mkdtemp())
        os.environ.setdefault("DIALOOG_CONFIG_DIR", tempfile.mkdtemp())
        from app.main import DialoogApp
        from cards.loader import load_library

        class Timed(DialoogApp):
            def on_ready(self) -> None:
                self.call_after_refresh(self.exit)

        library = load_library()
        start = None
        if kind in ("board", "memory"):
            from app import live
            from sessions.meta import SessionSetup
            from sessions.notes import Draft

            setup = SessionSetup(title="Bench", participants=("Ann", "Bram", "Carla"))
            start = live.create(setup, {d.id: d for d in library}, seed=1)
            start.session.deal()
            for number in range(notes):
                start.session.record(Draft("perspective", f"Perspectief nummer {number}", "Ann"))
            start.writer.flush(60) if start.writer else None
        Timed(library, start=start).run(headless=True, size=(120, 36))
        if start is not None:
            start.close()
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


if __name__ == "__main__":
    main()
