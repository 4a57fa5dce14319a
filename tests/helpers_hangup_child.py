"""Child process for test_hangup.py: a board whose disk fails, left open until a signal.

Usage: python tests/helpers_hangup_child.py fail|ok|typing|fail-typing
(folders come from DIALOOG_* variables)

Runs the app headless on a new session, deals and gives the floor. With `fail` the data folder
is then removed (a USB stick pulled out) and the floor moves on twice, so two steps stay in
memory only. With `typing` a note is half typed on the board's line (`fail-typing`: both). It prints
``ready EVENTS PENDING`` and waits for the parent's signal; once the app has stopped it prints
``stopped``.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import live, locations
from app.main import DialoogApp
from cards.loader import load_library
from sessions import copies
from sessions.meta import SessionSetup


def main(mode: str) -> None:
    library = load_library()
    copies.use(locations.config_dir() / "copies.json")
    setup = SessionSetup(title="Ophangen", participants=("Ann", "Bram", "Carla"))
    started = live.create(setup, {d.id: d for d in library}, seed=1)
    assert started.writer is not None and started.path is not None
    writer, session, path = started.writer, started.session, started.path

    class Scripted(DialoogApp):
        def on_ready(self) -> None:
            self.set_timer(0.2, self.script)

        def script(self) -> None:
            session.deal()
            session.next_speaker()
            writer.flush()
            if mode.startswith("fail"):
                shutil.rmtree(path.parent)
                session.next_speaker()
                session.next_speaker()
                writer.flush(2)
            if mode.endswith("typing"):  # a note half typed on the board's line
                self.board().action_capture()  # type: ignore[attr-defined]
                self.call_after_refresh(self.type_some)
                return
            self.say_ready()

        def type_some(self) -> None:
            from app.widgets.capture_line import CaptureLine

            # (after the disk failed, the offer of a copy is over the board)
            self.board().query_one(CaptureLine).insert("Een halve gedachte")
            self.say_ready()

        def board(self) -> Any:
            return next(s for s in self.screen_stack if hasattr(s, "live"))

        def say_ready(self) -> None:
            print(f"ready {len(session.events)} {writer.pending}", flush=True)

    Scripted(library, start=started).run(headless=True, size=(80, 24))
    started.close()
    print("stopped", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
