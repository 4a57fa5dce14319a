"""Pilot: export from the board and the archive; end a session and see its QR code."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from app import live, locations
from app.main import DialoogApp
from app.screens.dialogs import ConfirmScreen
from app.screens.export import ExportScreen
from app.screens.qr import QrScreen
from cards.loader import DeckLibrary
from sessions.meta import SessionSetup
from sessions.notes import Draft
from tests.screens import save_form, say_yes


def session(library: DeckLibrary) -> live.LiveSession:
    started = live.create(
        SessionSetup(title="Teamoverleg", participants=("Ann", "Bram")),
        {d.id: d for d in library},
        seed=1,
    )
    started.session.deal()
    started.session.record(Draft("agreement", "Ouders mailen", "Ann", "Ann", "vr 5 dec"))
    return started


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_export_from_the_board(library: DeckLibrary, size: tuple[int, int]) -> None:
    app = DialoogApp(library, start=session(library))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await save_form(pilot)
        written = sorted(p.suffix for p in locations.export_dir().iterdir())
        assert written == [".csv", ".html", ".json", ".md"]
        result = str(app.screen.query_one("#export-result").content)
        assert "4 bestanden geschreven" in result and str(locations.export_dir()) in result
        for path in locations.export_dir().iterdir():
            assert path.suffix in result and path.stem in result
        back = app.screen.query_one("#export-close").region  # within reach, on the screen
        assert back.bottom <= size[1] and back.height > 0
        assert "Ouders mailen" in next(locations.export_dir().glob("*.md")).read_text()


async def test_the_export_toast_says_how_many_files_went_where(library: DeckLibrary) -> None:
    """At 80x24 the toast said "4 bestanden geschreven:" and then nothing: the names it
    announced did not fit. It now says the count and the folder in one sentence."""
    app = DialoogApp(library, start=session(library))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await save_form(pilot)
        (toast,) = app.screen.query("Toast")
        shown = " ".join(str(toast.render()).split())
        assert shown == f"4 bestanden geschreven in {locations.export_dir()}."
        assert toast.region.right <= 80 and toast.region.bottom <= 24


async def test_export_failure_is_shown_and_nothing_half_written(
    library: DeckLibrary, tmp_path: Path
) -> None:
    blocker = tmp_path / "geen-map"
    blocker.write_text("een bestand, geen map", encoding="utf-8")
    app = DialoogApp(library, start=session(library))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#export-folder").value = str(blocker / "notities")
        await save_form(pilot)
        assert "Exporteren lukte niet" in str(app.screen.query_one("#export-result").content)
    assert blocker.read_text(encoding="utf-8") == "een bestand, geen map"


async def test_ending_a_session_shows_its_qr_code(library: DeckLibrary) -> None:
    started = session(library)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await say_yes(pilot)
        await pilot.pause()
        assert started.session.state.ended
        assert isinstance(app.screen, QrScreen)
        recorded = len(started.session.events)
        await pilot.press("escape")  # back on the board: a closed record, read not written
        await pilot.pause()
        await pilot.press("d", "n", "u")
        await pilot.pause()
        assert len(started.session.events) == recorded
        footer = " ".join(str(key.render()) for key in app.screen.query("FooterKey"))
        assert "Deel" not in footer and "Notitie" not in footer
        assert "Sessie afgerond" in str(app.screen.query_one("#card-status").content)


async def test_export_from_the_archive(library: DeckLibrary) -> None:
    session(library).close()
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("tab", "x")  # from the search box to the table, then export
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.state.notes[0].text == "Ouders mailen"


async def test_an_empty_or_relative_folder_is_not_where_dialoog_was_started(
    library: DeckLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An emptied folder field wrote the four files into the folder the terminal happened
    to be in (the project's own, in a test by a new user). Now an empty field is refused and
    filled with the default again; a relative folder is read from the home folder."""
    started_in = tmp_path / "started-here"
    started_in.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.chdir(started_in)
    monkeypatch.setenv("HOME", str(home))
    app = DialoogApp(library, start=session(library))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        field = app.screen.query_one("#export-folder")
        await save_form(pilot)  # one export first: its files are said in the dialog
        assert "4 bestanden" in str(app.screen.query_one("#export-result").content)
        field.value = "  "  # type: ignore[attr-defined]
        await save_form(pilot)
        assert not str(app.screen.query_one("#export-result").content)  # not as if it wrote
        assert "Vul een map in" in "\n".join(str(x.render()) for x in app.screen.query("Toast"))
        assert field.value == str(locations.export_dir())  # type: ignore[attr-defined]
        # what is typed next replaces the folder put back (it went in front of it)
        await pilot.press(*"Bureaublad/notities")
        assert field.value == "Bureaublad/notities"  # type: ignore[attr-defined]
        await save_form(pilot)
    assert not list(started_in.iterdir())
    assert sorted(p.suffix for p in (home / "Bureaublad" / "notities").iterdir()) == [
        ".csv",
        ".html",
        ".json",
        ".md",
    ]


async def test_the_folder_exported_to_is_offered_again_and_enter_in_the_list_exports(
    library: DeckLibrary, tmp_path: Path
) -> None:
    """The folder typed for an export was forgotten at the next `x`; `enter` in the list of
    formats untied the format under the cursor, and the export that followed left it out."""
    from app.settings import load_settings

    elsewhere = tmp_path / "teamschijf"
    started = session(library)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#export-folder", Input).value = str(elsewhere)
        app.screen.query_one("#export-formats").focus()
        await pilot.press("enter")  # in the list: export, all four ticked
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert sorted(p.suffix for p in elsewhere.iterdir()) == [".csv", ".html", ".json", ".md"]
        await pilot.press("escape", "x")
        await pilot.pause()
        assert app.screen.query_one("#export-folder", Input).value == str(elsewhere)
    await app.workers.wait_for_complete()
    settings, problems = load_settings(("dialoog-dark",))
    assert settings.export_dir == str(elsewhere) and not problems  # kept for the next start
