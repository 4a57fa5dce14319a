"""A session that went on in a copy after its disk failed is found again in the copy."""

from __future__ import annotations

import shutil
from pathlib import Path

from app import live, locations
from app.main import DialoogApp
from app.screens.board import BoardScreen
from app.screens.dialogs import SaveCopyScreen
from cards.loader import DeckLibrary
from sessions import copies
from sessions.archive import delete, latest_unfinished, list_sessions
from sessions.meta import SessionSetup
from sessions.notes import Draft
from sessions.store import load_events


def moved_session(library: DeckLibrary, rescue: Path) -> tuple[Path, Path]:
    """A session with a note in the data folder and one more in a copy in `rescue` (saved
    there as after a disk failure); the file left behind has only the first note."""
    setup = SessionSetup(title="Teamdag", participants=("Ann", "Bram", "Carla"))
    started = live.create(setup, {d.id: d for d in library}, seed=3)
    started.session.deal()
    started.session.record(Draft("perspective", "Voor de storing", "Ann"))
    assert started.writer is not None and started.writer.flush()
    left_behind = started.path
    assert left_behind is not None
    copy = started.save_copy_to(rescue)
    started.session.record(Draft("perspective", "In de kopie", "Bram"))
    started.close()
    return left_behind, copy


def test_the_archive_offers_the_copy_in_place_of_the_file_left_behind(
    library: DeckLibrary, tmp_path: Path
) -> None:
    left_behind, copy = moved_session(library, tmp_path / "redding")
    folder = locations.data_dir()
    [summary] = list_sessions(folder)
    assert (summary.path, summary.left_behind, summary.notes) == (copy, left_behind, 2)
    last = latest_unfinished(folder)
    assert last is not None and last.path == copy
    # the copy is what opens; the file left behind says where the session went on
    assert live.open_session(copy, {d.id: d for d in library}, read_only=True).went_on_in is None
    opened = live.open_session(left_behind, {d.id: d for d in library}, read_only=True)
    assert opened.went_on_in == copy.resolve()
    assert len(opened.session.state.notes) == 1


def test_a_copy_that_cannot_be_found_leaves_the_file_with_a_warning(
    library: DeckLibrary, tmp_path: Path
) -> None:
    left_behind, copy = moved_session(library, tmp_path / "stick")
    shutil.move(copy.parent, tmp_path / "elders")  # the stick with the copy is not in
    [summary] = list_sessions(locations.data_dir())
    assert (summary.path, summary.copy_missing, summary.notes) == (left_behind, copy, 1)
    assert latest_unfinished(locations.data_dir()) == summary


def test_a_damaged_or_unreadable_note_of_copies_is_no_copy(
    library: DeckLibrary, tmp_path: Path
) -> None:
    left_behind, _ = moved_session(library, tmp_path / "redding")
    (tmp_path / "config" / "copies.json").write_text("{kapot", encoding="utf-8")
    [summary] = list_sessions(locations.data_dir())
    assert summary.path == left_behind and summary.copy_missing is None


def test_deleting_a_moved_session_deletes_the_copy_and_what_it_left(
    library: DeckLibrary, tmp_path: Path
) -> None:
    left_behind, copy = moved_session(library, tmp_path / "redding")
    [summary] = list_sessions(locations.data_dir())
    delete(summary)
    assert not copy.exists() and not left_behind.exists()
    assert copies.known() == {} and list_sessions(locations.data_dir()) == []


async def test_resume_after_a_disk_failure_goes_on_in_the_copy(
    library: DeckLibrary, tmp_path: Path
) -> None:
    """The stick is pulled out, the copy is saved elsewhere, the stick comes back: Hervat
    opens the copy, with every step, not the file the stick still holds."""
    setup = SessionSetup(title="Teamdag", participants=("Ann", "Bram", "Carla"))
    started = live.create(setup, {d.id: d for d in library}, seed=3)
    path = started.path
    assert path is not None
    app = DialoogApp(library, seed=1, start=started)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        assert started.writer is not None and started.writer.flush()
        on_the_stick = path.read_bytes()
        shutil.rmtree(path.parent)
        await pilot.press("n")
        started.writer.flush()
        await pilot.pause()
        assert type(app.screen) is SaveCopyScreen
        app.screen.query_one("#save-folder").value = str(tmp_path / "redding")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("n")
        assert started.writer.flush()
        steps = len(load_events(tmp_path / "redding" / path.name))
    started.close()
    path.parent.mkdir(parents=True)
    path.write_bytes(on_the_stick)  # the stick is back, with the file as it was
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("r")
        await app.workers.wait_for_complete()  # the file is read by a worker
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert board.live.path == tmp_path / "redding" / path.name
        assert len(board.session.events) == steps and board.session.state.speaker == "Bram"
        # no warning: this is where it went on; a word on where this copy is
        [told] = app._notifications
        assert told.severity == "information" and "kopie" in told.message
        await pilot.press("escape")
        await pilot.pause()
    # the file on the stick, opened directly, says where the session went on
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.open_session(path)
        await app.workers.wait_for_complete()  # the file is read by a worker
        await pilot.pause()
        shown = " ".join(n.message for n in app._notifications)
        assert "ging verder in een kopie" in shown and "die staat er nog" in shown


async def test_resuming_says_that_it_opens_the_copy(library: DeckLibrary, tmp_path: Path) -> None:
    """*Hervat* opens the copy, not the file left behind, and says where that copy is."""
    _, copy = moved_session(library, tmp_path / "redding")
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await app.workers.wait_for_complete()  # the menu finds the last session
        await pilot.pause()
        await pilot.press("r")
        await app.workers.wait_for_complete()  # the file is read by a worker
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert app.screen.live.path == copy
        shown = " ".join(
            " ".join(str(toast.render()).split()) for toast in app.screen.query("Toast")
        )
        assert "kopie" in shown and str(copy.parent) in shown
        assert len(app.screen.session.state.notes) == 2


async def test_the_copy_dialog_is_not_covered_and_shows_its_save_key(
    library: DeckLibrary, tmp_path: Path
) -> None:
    """At 80x24 messages shown before it covered the dialog's "nothing is lost" for half a
    minute, and its Footer showed only `esc Later`: the messages go, `ctrl+s` saves the copy
    (also with a button focused) and the Footer says so."""
    from tests.screens import screen_text

    setup = SessionSetup(title="Teamdag", participants=("Ann", "Bram", "Carla"))
    started = live.create(setup, {d.id: d for d in library}, seed=3)
    path = started.path
    assert path is not None and started.writer is not None
    app = DialoogApp(library, seed=1, start=started)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("d")
        assert started.writer.flush()
        for number in range(3):
            app.notify(f"Melding {number}", timeout=30)
        shutil.rmtree(path.parent)
        await pilot.press("n")
        started.writer.flush()
        await pilot.pause()
        assert type(app.screen) is SaveCopyScreen
        assert not app.screen.query("Toast")
        assert "^s Kopie opslaan" in screen_text(app)
        field = app.screen.query_one("#save-folder")
        default = field.value  # type: ignore[attr-defined]
        field.value = ""  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")  # not into the folder dialoog was started from
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert type(app.screen) is SaveCopyScreen and field.value == default  # type: ignore[attr-defined]
        field.value = str(tmp_path / "redding")  # type: ignore[attr-defined]
        await pilot.press("tab")  # on to the buttons
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert type(app.screen) is not SaveCopyScreen
    started.close()
    assert (tmp_path / "redding" / path.name).exists()
