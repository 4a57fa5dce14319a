"""Closing the terminal window (SIGHUP) or stopping the app (SIGTERM) loses nothing: steps the
disk did not take go to an emergency copy that Hervat finds, and the session is closed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app import live
from app.main import DialoogApp
from app.widgets.capture_line import CaptureLine
from cards.loader import DeckLibrary
from sessions import copies, drafts
from sessions.archive import list_sessions
from sessions.lock import read_holder
from sessions.store import load_events

CHILD = Path(__file__).with_name("helpers_hangup_child.py")


def run_until(mode: str, stop: signal.Signals, tmp_path: Path) -> tuple[int, int]:
    """The child's events and pending steps when it was stopped; it must stop by itself."""
    env = {
        **os.environ,
        "DIALOOG_DATA_DIR": str(tmp_path / "data"),
        "DIALOOG_CONFIG_DIR": str(tmp_path / "config"),
        "DIALOOG_EXPORT_DIR": str(tmp_path / "export"),
        "DIALOOG_CACHE_DIR": str(tmp_path / "cache"),
    }
    child = subprocess.Popen(
        [sys.executable, str(CHILD), mode],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("ready "), line + child.stderr.read()  # type: ignore[union-attr]
        events, pending = (int(word) for word in line.split()[1:])
        child.send_signal(stop)
        out, err = child.communicate(timeout=30)
    finally:
        child.kill()
    assert "stopped" in out, err
    return events, pending


@pytest.mark.parametrize("stop", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_a_window_closed_after_the_disk_failed_keeps_every_step(
    tmp_path: Path, stop: signal.Signals
) -> None:
    events, pending = run_until("fail", stop, tmp_path)
    assert pending == 2
    [saved] = (tmp_path / "export" / "noodkopie").glob("*.json")
    assert len(load_events(saved)) == events
    copies.use(tmp_path / "config" / "copies.json")
    [summary] = list_sessions(tmp_path / "data")  # the data folder itself is gone
    assert summary.path == saved and summary.notes == 0 and not summary.ended


def test_a_window_closed_with_everything_saved_closes_the_session(tmp_path: Path) -> None:
    events, pending = run_until("ok", signal.SIGHUP, tmp_path)
    assert pending == 0
    [path] = (tmp_path / "data").glob("*.json")
    assert len(load_events(path)) == events
    # closed as when the session is left: the journal folded into the file, the lock let go
    assert len(json.loads(path.read_text(encoding="utf-8"))["events"]) == events
    assert read_holder(path) is None
    assert not (tmp_path / "export").exists()


async def test_a_note_half_typed_when_the_window_closed_is_back_in_the_line(
    tmp_path: Path, library: DeckLibrary
) -> None:
    """The window closed while a note was typed: it was gone, the record holds only what was
    saved. Now it is written beside the session's file, and the next opening puts it back in
    the board's note line, and says so; the file goes once the session is left (not as it
    is read: a crash before the note is saved would lose it)."""
    run_until("typing", signal.SIGHUP, tmp_path)
    [path] = (tmp_path / "data").glob("*.json")
    kept = drafts.path_for(path)
    assert kept.exists() and not kept.name.endswith(".json")  # not listed as a session
    [summary] = list_sessions(tmp_path / "data")
    reopened = live.open_session(summary.path, {d.id: d for d in library})
    assert kept.exists()
    app = DialoogApp(library, start=reopened)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        shown = "\n".join(str(toast.render()) for toast in app.screen.query("Toast"))
        assert "toen het venster sloot" in shown
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(CaptureLine).text == "Een halve gedachte"
        await pilot.press("enter")  # saved now
        await pilot.pause()
    reopened.close()
    assert not kept.exists()
    notes = [e for e in load_events(path) if type(e).__name__ == "NoteRecorded"]
    assert [note.text for note in notes] == ["Een halve gedachte"]


def test_a_note_half_typed_after_the_disk_failed_goes_beside_the_emergency_copy(
    tmp_path: Path,
) -> None:
    """The data folder was gone: the drafts were written beside the file that failed (so
    not at all), while the steps went to the emergency copy that Hervat opens."""
    run_until("fail-typing", signal.SIGHUP, tmp_path)
    [saved] = (tmp_path / "export" / "noodkopie").glob("*.json")
    assert [text for _, text in drafts.read(saved).values()] == ["Een halve gedachte"]


def test_drafts_that_cannot_be_read_are_left_for_a_person(tmp_path: Path) -> None:
    session = tmp_path / "s.json"
    drafts.path_for(session).write_text("{not json", encoding="utf-8")
    assert drafts.read(session) == {}
    assert drafts.path_for(session).exists()
    drafts.keep(session, {"board": ("Ann", "Tekst 🙂 <b>")})
    assert drafts.read(session) == {"board": ("Ann", "Tekst 🙂 <b>")}
    drafts.discard(session)
    assert not drafts.path_for(session).exists() and drafts.read(session) == {}


def test_deleting_a_session_deletes_the_notes_kept_for_it(tmp_path: Path) -> None:
    from sessions.store import delete_session

    session = tmp_path / "s.json"
    session.write_text("{}", encoding="utf-8")
    drafts.keep(session, {"board": ("Ann", "Een persoonlijke gedachte")})
    delete_session(session)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


async def test_a_reflection_answer_half_typed_says_where_it_waits(
    tmp_path: Path, library: DeckLibrary
) -> None:
    """A draft of the closing reflection waits on its own screen: the board says `t` and then
    `enter` (it said `enter`, which opened the board's own note line, empty)."""
    from sessions.meta import SessionSetup

    setup = SessionSetup(title="Reflectie", participants=("Ann", "Bram"))
    started = live.create(setup, {d.id: d for d in library}, seed=1)
    path = started.path
    assert path is not None
    started.close()
    drafts.keep(path, {"reflection": ("Ann", "Een half antwoord")})
    reopened = live.open_session(path, {d.id: d for d in library})
    app = DialoogApp(library, start=reopened)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        shown = "\n".join(str(toast.render()) for toast in app.screen.query("Toast"))
        assert "reflectie" in shown and "t en dan enter" in shown
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(CaptureLine).text == "Een half antwoord"
    reopened.close()


def test_the_message_names_each_place_drafts_wait_in() -> None:
    assert "enter om verder" in live.drafts_back(("board",))
    both = live.drafts_back(("board", "reflection"))
    assert both.startswith("2 notities") and "t en dan enter" in both
    assert "Een antwoord op de reflectie" in live.drafts_back(("reflection",))
