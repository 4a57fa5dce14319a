"""Fit the room: settings, English, the command palette, help and presentation mode."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import live, locations
from app.cli import main
from app.main import DialoogApp
from app.screens.board import BoardScreen
from app.screens.new_session import NewSessionScreen
from app.settings import Settings, load_settings, save_settings
from app.theme_names import THEME_NAMES
from cards import i18n
from cards.loader import DeckLibrary
from sessions.meta import SessionSetup
from tests.screens import save_form


def write_settings(isolated: Path, text: str) -> Path:
    folder = isolated / "config"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_broken_settings_file_gives_defaults_and_a_message(isolated: Path) -> None:
    path = write_settings(isolated, 'language = "en"\ntheme = [oops\n')
    settings, problems = load_settings(THEME_NAMES)
    assert settings == Settings()
    assert len(problems) == 1 and str(path) in problems[0]
    assert path.read_text(encoding="utf-8").endswith("[oops\n")  # never overwritten on load


def test_bad_values_are_named_and_the_rest_is_kept(isolated: Path) -> None:
    write_settings(isolated, 'language = "fr"\nturn_seconds = 5\ntheme = "dialoog-light"\nx = 1\n')
    settings, problems = load_settings(THEME_NAMES)
    assert settings.theme == "dialoog-light" and settings.language == "nl"
    assert settings.turn_seconds == 120
    assert len(problems) == 3


def test_settings_round_trip_and_cli_uses_them(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save_settings(Settings(language="en", theme="dialoog-contrast", turn_seconds=90))
    assert load_settings(THEME_NAMES) == (
        Settings(language="en", theme="dialoog-contrast", turn_seconds=90),
        [],
    )
    with pytest.raises(SystemExit):
        main(["new", "--help"])
    out = capsys.readouterr().out
    assert "start a new session" in out.lower() and "90" in out  # English, default turn 90 s


def test_the_settings_file_names_the_settings_screen_in_the_language_in_use(
    isolated: Path,
) -> None:
    """In English its first line pointed to "(Instellingen)", a screen the English app calls
    Settings."""
    i18n.set_language("en")  # (conftest puts Dutch back after each test)
    first = save_settings(Settings(language="en")).read_text("utf-8").splitlines()[0]
    assert first == "# dialoog settings; edit here or in the app (Settings)"
    i18n.set_language("nl")
    first = save_settings(Settings()).read_text("utf-8").splitlines()[0]
    assert first.endswith("(Instellingen)")


def test_settings_data_dir_is_used_unless_overridden(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DIALOOG_DATA_DIR")
    chosen = isolated / "elsewhere"
    save_settings(Settings(data_dir=str(chosen)))
    assert main(["sessions"]) == 0
    assert locations.data_dir() == chosen


async def test_main_flow_in_english(library: DeckLibrary) -> None:
    i18n.set_language("en")
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#home-menu")
        assert "Start a new session" in str(menu.get_option_at_index(0).prompt)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewSessionScreen)
        app.screen.query_one("#field-title").value = "Vision"
        app.screen.query_one("#field-participants").value = "Ann, Bram"
        await save_form(pilot)
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("d", "n")
        assert "Speaking: Ann" in str(app.screen.query_one("#floor").content)
        assert "Card 1 · no." in str(app.screen.query_one("#card-status").content)
        footer = {b.binding.description for b in app.screen.active_bindings.values()}
        assert {"Deal", "Speaker", "Note", "Menu"} <= footer


async def test_palette_commands_are_translated(library: DeckLibrary) -> None:
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Nieuwe sessie" in titles and "Taal wisselen" in titles and "Thema kiezen" in titles
        await pilot.press("ctrl+p")  # its prompt in Dutch too
        await pilot.pause()
        assert app.screen.query_one("CommandInput").placeholder == "Zoek een opdracht…"
        await pilot.press("escape")
        await pilot.pause()
        app.switch_language()
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "New session" in titles
        assert app.settings.language == "en"
        await app.workers.wait_for_complete()
        assert load_settings(THEME_NAMES)[0].language == "en"  # kept for the next start


async def test_help_panel_lists_every_key_in_dutch(library: DeckLibrary) -> None:
    started = live.create(
        SessionSetup(title="x", participants=("Ann", "Bram")), {d.id: d for d in library}, seed=1
    )
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await help_panel_opens_and_closes(pilot)


async def help_panel_opens_and_closes(pilot) -> None:  # type: ignore[no-untyped-def]
    """`?` opens the key panel, F1 closes it; the panel names both keys for itself (where it
    has the room to show its last line)."""
    from tests.screens import screen_text

    await pilot.press("question_mark")
    await pilot.pause()
    assert pilot.app.screen.query("HelpPanel")
    if pilot.app.size.height >= 36:
        assert "? f1 Hulp" in screen_text(pilot.app), "the panel's own keys: ? and f1"
    await pilot.press("f1")
    await pilot.pause()
    assert not pilot.app.screen.query("HelpPanel")


async def test_presentation_mode_hides_facilitator_things(library: DeckLibrary) -> None:
    from sessions.notes import Draft

    started = live.create(
        SessionSetup(title="x", participants=("Ann", "Bram")), {d.id: d for d in library}, seed=1
    )
    started.session.deal()
    started.session.next_speaker()
    started.session.record(Draft("perspective", "Mooi", "Ann"))
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        board = app.screen
        await pilot.press("a")
        assert board.query_one("#airtime").display
        await pilot.press("f5")
        await pilot.pause()
        assert not board.query_one("#airtime").display
        notes = board.query_one("#notes")
        assert "Ann" not in str(notes.get_option_at_index(0).prompt)
        assert "schudcode" not in str(board.query_one("#card-status").content)
        await pilot.press("a")  # refused while presenting
        assert not board.query_one("#airtime").display
        await pilot.press("f5")
        await pilot.pause()
        assert "schudcode" in str(board.query_one("#card-status").content)
        assert board.query_one("#airtime").display  # back as it was
        assert "Ann" in str(notes.get_option_at_index(0).prompt)
        # names hidden with `m` before F5 stay hidden after it: not back on the projector
        await pilot.press("m", "f5", "f5")
        await pilot.pause()
        assert "Ann" not in str(notes.get_option_at_index(0).prompt)


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_the_menu_shows_and_hides_its_keys_with_question_mark_and_f1(
    library: DeckLibrary, size: tuple[int, int]
) -> None:
    """On the menu too `?` (shown in the Footer) and F1 open the key panel (they did nothing)."""
    from tests.test_coaching import footer_keys

    app = DialoogApp(library)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert footer_keys(app).get("app.toggle_keys", "").strip() == "? Hulp"
        await help_panel_opens_and_closes(pilot)


def test_names_hidden_an_agreement_shows_its_date_and_no_dash_for_who() -> None:
    """With the names hidden (F5, `m`) an agreement shows when, not "who: —", which read as
    nobody taking it on; shown, who and when."""
    from app.widgets.notes_panel import note_text
    from sessions.state import Note

    agreed = Note(
        3, "", "agreement", "Plan mailen", speaker="Ann", who="Bram", due="vrijdag",
        due_date="2026-11-27",
    )  # fmt: skip
    # the date "vrijdag" was read as, as the exports show it
    assert "wie: Bram · wanneer: vrijdag (2026-11-27)" in str(note_text(agreed))
    hidden = str(note_text(agreed, hide_names=True))
    assert "wanneer: vrijdag (2026-11-27)" in hidden
    assert "Bram" not in hidden and "—" not in hidden
    undated = Note(4, "", "agreement", "Plan mailen", speaker="Ann", who="Bram")
    assert str(note_text(undated, hide_names=True)).splitlines()[-1] == "Plan mailen"


async def test_the_settings_show_the_folder_used_while_theirs_is_empty(
    library: DeckLibrary,
) -> None:
    """The field for the sessions' folder, left empty, shows the folder used then (an empty
    compact field was not to be seen at all)."""
    from textual.widgets import Input

    from app import locations
    from tests.screens import screen_text

    app = DialoogApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        field = app.screen.query_one("#data-dir", Input)
        # the tests' own folder (DIALOOG_DATA_DIR), as sessions go there, not the system's
        assert field.value == "" and field.placeholder == str(locations.data_dir())
        assert field.region.width >= 20 and field.region.y < 24  # on screen, with room
        assert str(locations.data_dir())[:20] in screen_text(app)


def test_the_settings_list_dialoogs_own_themes_first() -> None:
    from app.screens.settings import ours_first

    names = ["dracula", "dialoog-light", "catppuccin-mocha", "dialoog-dark", "dialoog-contrast"]
    assert ours_first(names) == [
        "dialoog-dark",
        "dialoog-light",
        "dialoog-contrast",
        "catppuccin-mocha",
        "dracula",
    ]
