"""Pilot tests: set up a session on the form, resume it, find it in the archive, delete it."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select

from app import live, locations
from app.main import DialoogApp
from app.screens.archive import ArchiveScreen
from app.screens.board import BoardScreen
from app.screens.decks import DecksScreen
from app.screens.dialogs import ConfirmScreen, LeaveCopyScreen, SaveCopyScreen
from app.screens.home import HomeScreen
from app.screens.new_session import NewSessionScreen
from app.widgets.card_view import CardView
from cards.i18n import set_language, t
from cards.loader import DeckLibrary
from sessions.archive import list_sessions
from sessions.events import Event
from sessions.meta import SessionSetup
from sessions.store import load_events
from tests.fakes import saved_bytes
from tests.screens import new_session_form, save_form, say_yes, screen_text
from tests.test_notes_ui import send


def toasts(app: DialoogApp) -> str:
    return "\n".join(str(toast.render()) for toast in app.screen.query("Toast"))


async def type_into(pilot, field: str, text: str) -> None:  # type: ignore[no-untyped-def]
    widget = pilot.app.screen.query_one(f"#field-{field}")
    widget.value = ""
    widget.focus()
    await pilot.press(*text)


def make_session(library: DeckLibrary, title: str = "Teamoverleg") -> live.LiveSession:
    setup = SessionSetup(title=title, team="Team A", participants=("Ann", "Bram", "Carla"))
    started = live.create(setup, {d.id: d for d in library}, seed=3)
    return started


async def test_an_unticked_box_is_empty(library: DeckLibrary) -> None:
    """Textual draws an unticked box's X faintly; on a projector that read as ticked."""
    from textual.widgets import Checkbox, SelectionList

    def shows_x(widget: object, component: str) -> bool:
        style = widget.get_component_rich_style(component)  # type: ignore[attr-defined]
        return style.color != style.bgcolor

    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        decks = app.screen.query_one("#field-decks", SelectionList)
        assert not shows_x(decks, "selection-list--button")
        assert not shows_x(decks, "selection-list--button-highlighted")
        assert shows_x(decks, "selection-list--button-selected")
        fair = app.screen.query_one("#field-fair_share", Checkbox)
        assert not fair.value and not shows_x(fair, "toggle--button")
        fair.value = True
        await pilot.pause()
        assert shows_x(fair, "toggle--button")


async def test_form_shows_problems_beside_fields(library: DeckLibrary) -> None:
    """Each problem beside its field; the message names the fields (it gave only their
    number, while most of them were out of sight at 80x24)."""
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewSessionScreen)
        app.screen.query_one("#field-format", Select).value = "circle"  # turns of a set time
        await pilot.pause()
        await type_into(pilot, "participants", "Ann, Bram, ann")
        await type_into(pilot, "leader", "Zed")
        await type_into(pilot, "turn_seconds", "5")
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NewSessionScreen)  # not started
        errors = {
            e.id.removeprefix("error-"): str(e.content)
            for e in screen.query(".setup-error")
            if e.has_class("-shown")
        }
        assert set(errors) == {"title", "participants", "leader", "turn_seconds"}
        assert "titel" in errors["title"]
        assert "twee keer" in errors["participants"]
        assert "Zed" in errors["leader"]
        assert "10" in errors["turn_seconds"]
        assert app.focused is screen.query_one("#field-title")
        assert list_sessions(locations.data_dir()) == []
        (toast,) = app.screen.query("Toast")
        assert str(toast.render()) == (
            "Nog 4 velden aanpassen: Titel, Deelnemers, Leider, Spreektijd per beurt (seconden)."
        )


def shown_problems(screen: NewSessionScreen) -> dict[str, str]:
    return {
        (e.id or "").removeprefix("error-"): str(e.content)  # type: ignore[attr-defined]
        for e in screen.query(".setup-error")
        if e.has_class("-shown")
    }


async def test_a_message_goes_as_soon_as_its_field_is_fixed(library: DeckLibrary) -> None:
    """The messages shown are checked again as fields change; new ones wait for ctrl+s. Once
    all are fixed, "Nog 3 velden aanpassen" goes too (it stayed its six seconds)."""
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await new_session_form(pilot)
        await type_into(pilot, "participants", "ann, Bram, ann")
        await type_into(pilot, "leader", "Zed")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert set(shown_problems(screen)) == {"title", "participants", "leader"}
        await type_into(pilot, "title", "Visie")
        assert set(shown_problems(screen)) == {"participants", "leader"}
        assert not screen.query_one("#field-title").has_class("-invalid")
        screen.query_one("#field-participants").focus()
        await pilot.press("home", *"Zed, ")  # Zed is one of them now; ann is still twice
        assert set(shown_problems(screen)) == {"participants"}
        assert "ann staat twee keer" in shown_problems(screen)["participants"]
        await pilot.press("end", *["backspace"] * len(", ann"))
        assert screen.query_one("#field-participants", Input).value == "Zed, ann, Bram"
        assert shown_problems(screen) == {}
        await pilot.pause()
        assert not app.screen.query("Toast")
        await type_into(pilot, "leader", "Yves")  # a field checked again shows it at once
        assert set(shown_problems(screen)) == {"leader"}
        await type_into(pilot, "total_minutes", "0")  # a problem elsewhere waits for ctrl+s
        assert set(shown_problems(screen)) == {"leader"}
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert set(shown_problems(screen)) == {"leader", "total_minutes"}


async def test_the_forms_message_does_not_follow_to_the_next_screen(
    library: DeckLibrary,
) -> None:
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await new_session_form(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "aanpassen" in str(app.screen.query_one("Toast").render())
        await pilot.press("escape")  # nothing typed: closed at once
        await pilot.pause()
        assert not app.screen.query("Toast")


async def test_escape_on_a_filled_in_form_asks_first(library: DeckLibrary) -> None:
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_session_form(pilot)
        await pilot.press("escape")  # nothing typed: closed at once
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

        screen = await new_session_form(pilot)
        await type_into(pilot, "title", "Visie")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Formulier sluiten?" in str(app.screen.query_one(".dialog-text").content)  # type: ignore[attr-defined]
        await pilot.press("enter")  # the safe answer is the default: keep the form
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#field-title", Input).value == "Visie"
        await pilot.press("escape", "escape")  # escape on the question keeps it as well
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")
        await say_yes(pilot)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert list_sessions(locations.data_dir()) == []


async def test_the_form_offers_only_the_times_the_format_uses(library: DeckLibrary) -> None:
    times = ("turn_seconds", "round_minutes", "fair_share")
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_session_form(pilot)
        choice = screen.query_one("#field-format", Select)

        async def shown(format_id: str) -> tuple[tuple[str, ...], dict[str, str]]:
            choice.value = format_id
            await pilot.pause()
            usable = tuple(
                name for name in times if not screen.query_one(f"#field-{name}").disabled
            )
            hints = {
                hint.id.removeprefix("hint-"): str(hint.content)
                for hint in screen.query(".setup-hint")
                if hint.has_class("-shown") and hint.id
            }
            return usable, hints

        assert await shown("dialogue") == (
            ("round_minutes",),
            {
                "turn_seconds": t("setup.not_used.turn_seconds"),
                "fair_share": "Alleen bij een vaste spreektijd.",
            },
        )
        assert await shown("kgotla") == (
            ("turn_seconds", "fair_share"),
            {"round_minutes": t("setup.not_used.round_minutes")},
        )
        assert await shown("brainstorm") == (times, {})  # turns, then an open harvest
        usable, hints = await shown("coaching")
        assert usable == () and set(hints.values()) == {t("setup.not_used.coaching")}
        # a time typed for one format is not checked for a format that does not use it
        await shown("dialogue")
        await type_into(pilot, "round_minutes", "999")
        await shown("kgotla")
        await type_into(pilot, "title", "Kgotla")
        await type_into(pilot, "participants", "Ann, Bram, Carla")
        await type_into(pilot, "leader", "Ann")
        await save_form(pilot)
        assert isinstance(app.screen, BoardScreen)


async def test_after_choosing_a_format_tab_goes_on_to_the_participants(
    library: DeckLibrary,
) -> None:
    """The focus stays on the format once chosen, as in any form: the `tab` typed next goes
    to the participants (the focus had moved on by itself, so `tab` went past them to the
    number of anonymous participants, which dropped the names typed)."""
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_session_form(pilot)
        choice = screen.query_one("#field-format", Select)
        choice.focus()
        await pilot.pause()
        await pilot.press("enter")  # the list opens
        await pilot.pause()
        await pilot.press("up", "enter")  # the format above the dialogue: kgotla
        await pilot.pause()
        assert choice.value == "kgotla" and app.focused is choice
        await pilot.press("tab", *"Ann, Bram")
        assert screen.query_one("#field-participants", Input).value == "Ann, Bram"


async def test_after_choosing_a_format_enter_goes_on_to_the_participants(
    library: DeckLibrary,
) -> None:
    """`enter` is the next field everywhere on the form; on the format, after a choice, it
    opened the list again, and the names typed next jumped through its options until the last
    `enter` chose one ("Brainstorm"), the names lost."""
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_session_form(pilot)
        choice = screen.query_one("#field-format", Select)
        choice.focus()
        await pilot.press("enter")  # the list opens
        await pilot.pause()
        assert choice.expanded
        await pilot.press("up", "enter")  # kgotla
        await pilot.pause()
        await pilot.press("enter", *"Ann, Bram", "enter")
        await pilot.pause()
        assert choice.value == "kgotla" and not choice.expanded
        assert screen.query_one("#field-participants", Input).value == "Ann, Bram"
        choice.focus()  # back on the field later: `enter` opens the list again
        await pilot.press("tab", "shift+tab", "enter")
        await pilot.pause()
        assert choice.expanded


async def test_form_starts_session_on_board(library: DeckLibrary) -> None:
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await type_into(pilot, "title", "Visie op leren")
        await type_into(pilot, "participants", "Ann, Bram, Carla")
        await pilot.press("enter")  # enter moves on through the form
        assert app.focused is not app.screen.query_one("#field-participants")
        await save_form(pilot)
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("d", "n")
        board = app.screen
        state = board.session.state
        assert state.started.title == "Visie op leren"
        assert state.speaker == "Ann"
        assert board.live.writer.flush()
        [summary] = list_sessions(locations.data_dir())
        assert summary.title == "Visie op leren" and summary.cards == 1
        await pilot.press("escape")
        await pilot.pause()
        assert "Hervat: Visie op leren" in str(
            app.screen.query_one("#home-menu").get_option_at_index(1).prompt
        )


async def test_the_form_takes_a_date_the_dutch_way(library: DeckLibrary) -> None:
    """22-11-2026 is taken and kept as 2026-11-22; a day that does not exist is refused with
    the forms the field takes."""
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_session_form(pilot)
        await type_into(pilot, "title", "Visie")
        await type_into(pilot, "participants", "Ann, Bram")
        await type_into(pilot, "date", "31-02-2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert "DD-MM-JJJJ of JJJJ-MM-DD" in shown_problems(screen)["date"]
        await type_into(pilot, "date", "22-11-2026")
        assert shown_problems(screen) == {}
        await save_form(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert app.screen.session.state.started.date == "2026-11-22"
        assert app.screen.live.writer.flush()
        [summary] = list_sessions(locations.data_dir())
        assert summary.date == "2026-11-22"


async def test_a_session_that_cannot_be_started_is_said_and_the_form_stays(
    library: DeckLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder cannot be written: a clear message, and the form with what was typed."""

    def no_room(self: DialoogApp, setup: SessionSetup) -> live.LiveSession:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(DialoogApp, "create_session", no_room)
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await type_into(pilot, "title", "Visie op leren")
        await type_into(pilot, "participants", "Ann, Bram")
        await save_form(pilot)
        assert isinstance(app.screen, NewSessionScreen)
        assert app.screen.query_one("#field-title", Input).value == "Visie op leren"
        [told] = app._notifications
        assert told.title == t("setup.failed") and "No space left" in told.message


async def test_a_session_opened_at_start_up_is_offered_again_on_the_menu(
    library: DeckLibrary,
) -> None:
    """`dialoog resume` opens the board without a menu under it; leaving the board shows the
    menu, which then offers the session to resume."""
    started = make_session(library, title="Studiedag")
    app = DialoogApp(library, seed=1, start=started)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert not any(isinstance(s, HomeScreen) for s in app.screen_stack)  # not built yet
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Hervat: Studiedag" in str(
            app.screen.query_one("#home-menu").get_option_at_index(1).prompt
        )
        await pilot.press("r")  # and it opens again from there
        await app.workers.wait_for_complete()  # the file is read by a worker
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert app.screen.session.state.started.title == "Studiedag"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 2


async def test_the_menu_offers_again_the_session_just_left(library: DeckLibrary) -> None:
    """Two open sessions; resume the newest from the menu and leave its board: the menu
    offered the other one (the board's lock was still there as it looked), and `r` opened
    that. It offers the one just left."""
    make_session(library, title="Plak").close()
    time.sleep(1.1)  # a second apart, as in use
    make_session(library, title="Vervolg").close()
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        menu = app.screen.query_one("#home-menu", OptionList)
        assert "Hervat: Vervolg" in str(menu.get_option_at_index(1).prompt)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("escape")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Hervat: Vervolg" in str(menu.get_option_at_index(1).prompt)
        await pilot.press("r")  # and `r` opens it again
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert app.screen.session.state.started.title == "Vervolg"  # type: ignore[union-attr]


async def test_resume_from_home_comes_back_at_same_card_and_speaker(library: DeckLibrary) -> None:
    first = make_session(library)
    first.session.deal()
    first.session.deal()
    first.session.next_speaker()
    first.session.next_speaker()
    card, speaker = first.session.state.card, first.session.state.speaker
    first.close()
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("r")
        await app.workers.wait_for_complete()  # the file is read by a worker
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        state = app.screen.session.state
        assert state.card == card and state.speaker == speaker
        assert app.screen.query_one(CardView).shown_text == card.text
        assert speaker in str(app.screen.query_one("#floor").content)


def reads_held_back(
    library: DeckLibrary, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, threading.Event, list[live.LiveSession]]:
    """A closed session's file, and session files read only once the gate is set: each
    session so opened is listed."""
    first = make_session(library)
    first.close()
    gate, opened = threading.Event(), []
    read = live.open_session

    def slow(*args: object, **kwargs: object) -> live.LiveSession:
        assert gate.wait(10)
        opened.append(read(*args, **kwargs))  # type: ignore[arg-type]
        return opened[-1]

    monkeypatch.setattr(live, "open_session", slow)
    return first.path, gate, opened


async def resume_from_menu(pilot: Pilot[None]) -> None:
    """`r` on the menu, once it found the last session."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("r")
    await pilot.pause()


async def test_a_session_is_read_while_the_menu_still_answers(
    library: DeckLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long session takes a moment to read: meanwhile the menu answers its keys (here `d`,
    the decks, and `escape` back), and an impatient second `r` does not open the file twice
    (the second would find it locked by the first, and ask to open it read-only)."""
    path, gate, opened = reads_held_back(library, monkeypatch)
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await resume_from_menu(pilot)
        await pilot.press("r", "d")
        await pilot.pause()
        assert isinstance(app.screen, DecksScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen) and not app.screen.live.read_only
        assert [session.path for session in opened] == [path]


async def test_a_session_read_as_the_app_ends_is_let_go_of(
    library: DeckLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`r`, then quit before the file is read: the session it opens is closed again (its
    lock released, its writer stopped), not left open behind a board that never came."""
    path, gate, opened = reads_held_back(library, monkeypatch)
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await resume_from_menu(pilot)
        app.exit()
        gate.set()
    for _ in range(250):  # the worker thread finishes after the app
        if opened and opened[0].writer is None:
            break
        time.sleep(0.02)
    assert len(opened) == 1 and opened[0].writer is None  # closed
    monkeypatch.undo()
    live.open_session(path, {d.id: d for d in library}).close()  # not locked


async def test_second_window_is_offered_read_only(library: DeckLibrary) -> None:
    holder = make_session(library)
    path = holder.path
    before = saved_bytes(path)
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.open_session(path)
        await app.workers.wait_for_complete()  # the file is read by a worker
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "ander venster sinds" in app.screen.question
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert app.screen.live.read_only
        await pilot.press("d", "n", "u")
        await pilot.pause()
    holder.close()
    assert saved_bytes(path) == before


@pytest.mark.parametrize("language", ["nl", "en"])
async def test_a_question_shows_its_yes_key_and_words_in_the_footer(
    library: DeckLibrary, language: str
) -> None:
    """The Footer of a question names the yes button's own words, with the key a Dutch
    (`j`) or an English (`y`) user presses for yes; both keys work in either language (but see
    the next test)."""
    set_language(language)
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        for key, answer in (("j", True), ("y", True), ("n", False)):
            answers: list[bool | None] = []
            question = ConfirmScreen("Doorgaan?", yes=t("session.open_read_only"))
            app.push_screen(question, answers.append)
            await pilot.pause()
            footer = screen_text(app).rsplit("Doorgaan?", 1)[1]
            assert f"{t('common.yes_key')} {t('session.open_read_only')}" in footer
            assert f"n {t('common.no')}" in footer and t("common.yes") not in footer.split()
            await pilot.press(key)
            await pilot.pause()
            assert answers == [answer]


@pytest.mark.parametrize(("language", "other"), [("nl", "y"), ("en", "j")])
async def test_a_question_that_cannot_be_undone_takes_only_the_yes_key_it_shows(
    library: DeckLibrary, language: str, other: str
) -> None:
    """Ending a session cannot be undone: in English the `j` of a word typed on ("just") puts
    the question away, as any letter does, and only `y` ends it; in Dutch the other way round."""
    from app.screens.dialogs import ANSWER_AFTER

    set_language(language)
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        for key, answer in ((other, False), (t("common.yes_key"), True)):
            answers: list[bool | None] = []
            app.push_screen(ConfirmScreen("Afsluiten?", danger=True), answers.append)
            await pilot.pause(ANSWER_AFTER)
            await pilot.press(key)
            await pilot.pause()
            assert answers == [answer]
            assert not isinstance(app.screen, ConfirmScreen)


async def open_archive(pilot: Pilot[None]) -> ArchiveScreen:
    """`a` on the home screen, and the session files read."""
    await pilot.press("a")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ArchiveScreen)
    return screen


async def test_archive_lists_searches_and_deletes(library: DeckLibrary) -> None:
    for title in ("Visie", "Teamdag"):
        make_session(library, title).close()
    folder = locations.data_dir()
    broken = folder / "20200101-000000-dead.json"
    broken.write_text('{"meta": {"1": {"schema": 1}}, "events": {"1": {"typ', encoding="utf-8")
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await open_archive(pilot)
        table = screen.query_one("#archive-table")
        assert table.row_count == 3
        damaged = [s for s in screen.sessions if s.damaged]
        assert [s.path for s in damaged] == [broken]
        assert "JSON" in damaged[0].problem
        assert isinstance(screen.focused, Input)  # the search box: typing searches
        await pilot.press("down")  # into the list, on the row `enter` would have opened
        await pilot.pause()
        assert table.cursor_row == 0 and screen.focused is table
        await pilot.press("down", "down")  # in the list, the arrows move
        await pilot.pause()
        assert table.cursor_row == 2 and screen.focused is table
        footer = screen_text(app).splitlines()[-1]  # the list's keys, now they act
        assert all(key in footer for key in ("o Alleen lezen", "x Exporteer", "del Verwijder"))
        await pilot.press("up", "up")
        assert table.cursor_row == 0 and screen.focused is table
        await pilot.press("up")  # above the first row: the search box again
        assert isinstance(screen.focused, Input)
        await pilot.press("down", *"teamdag")  # in the list, a letter goes on with the search
        await pilot.pause()
        assert screen.query_one(Input).value == "teamdag" and table.row_count == 1
        await pilot.press("down")  # the one row found, chosen
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await say_yes(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        titles = sorted(s.title for s in list_sessions(folder) if not s.damaged)
        assert titles == ["Visie"]
        assert broken.exists()  # a damaged file is never touched


async def test_the_archive_leaves_other_files_alone_and_refuses_a_delete_before_asking(
    library: DeckLibrary,
) -> None:
    """A file of the user's own in the data folder (notes, an exported JSON) was listed as a
    damaged session, and deleted on a yes; a session open in another window was refused only
    after the yes."""
    from sessions.export.json_export import to_json

    running = make_session(library, "Studiedag")
    folder = locations.data_dir()
    (folder / "notes.json").write_text('{"todo": ["koffie"]}', encoding="utf-8")
    (folder / "kladje.json").write_text("geen json", encoding="utf-8")
    (folder / "export.json").write_text(to_json(running.session.state), encoding="utf-8")
    broken = folder / "20200101-000000-dead.json"  # named as a session: damaged, listed
    broken.write_text("{", encoding="utf-8")
    try:
        assert sorted(s.path.name for s in list_sessions(folder)) == sorted(
            [running.path.name, broken.name]  # type: ignore[union-attr]
        )
        app = DialoogApp(library, seed=1)
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await open_archive(pilot)
            await pilot.press(*"studiedag", "down", "delete")
            await pilot.pause()
            assert not isinstance(app.screen, ConfirmScreen)  # no question to say yes to
            assert "open in een ander venster" in screen_text(app)
        assert running.path is not None and running.path.exists()
    finally:
        running.close()


async def test_an_archive_search_chooses_the_title_typed_first(library: DeckLibrary) -> None:
    """ "Teamoverleg 1" listed Teamoverleg 3 first (its date has a 1 in it), and `enter`
    opened it; a title that holds what was typed now comes first and is chosen."""
    for title in ("Teamoverleg 1", "Teamoverleg 2", "Teamoverleg 3"):
        make_session(library, title).close()
        time.sleep(1.05)  # ids by the second: the newest is listed first, as in use
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_archive(pilot)
        await pilot.press(*"Teamoverleg")
        await pilot.pause()
        assert screen.selected().title == "Teamoverleg 3"  # type: ignore[union-attr]
        await pilot.press(*" 1")
        await pilot.pause()
        assert screen.selected().title == "Teamoverleg 1"  # type: ignore[union-attr]
        await pilot.press("down", "backspace", "2")  # from the list: the search, edited
        await pilot.pause()
        assert screen.query_one(Input).value == "Teamoverleg 2"
        assert screen.selected().title == "Teamoverleg 2"  # type: ignore[union-attr]
        await pilot.press("backspace", "1", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.session.state.started.title == "Teamoverleg 1"  # type: ignore[attr-defined]


async def test_the_archive_fits_its_columns_to_the_width(library: DeckLibrary) -> None:
    """At 80 columns a long title pushed every other column out of sight and was cut off
    mid-word; now the title is cut with "…", whether a session is open or ended shows, and
    the wider the window, the more columns come in. The chosen row stays through a resize."""
    long_title = "Visie op leiderschap voor de komende vier jaar met het hele team van de school"
    make_session(library, long_title).close()
    ended = make_session(library, "Teamdag")
    ended.session.end()
    ended.close()
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_archive(pilot)
        shown = screen_text(app)
        assert "Datum Titel Stand Team" in shown
        assert re.search(r"Visie op leiderschap [^…]{4,}… open", shown)  # cut short, with …
        assert "afgerond" in shown and " open " in shown
        assert "Afspraken" not in shown  # no room for it
        table = screen.query_one("#archive-table")
        await pilot.press("down", "down")
        chosen = screen.selected()
        await pilot.resize_terminal(200, 30)
        await pilot.pause()
        shown = screen_text(app)
        assert long_title in shown  # room for all of it now
        assert "Werkvorm Notities Kaarten Afspraken" in shown
        assert "Reflectieve dialoog" in shown  # not cut short while there is room
        assert screen.selected() == chosen and table.cursor_row == 1


def test_a_damaged_file_leaves_the_title_its_room(tmp_path: Path) -> None:
    """A damaged file's reason goes in the state column: a long one (a newer version's
    message) took all the room, and every title was cut to a few letters."""
    from app.screens.archive import TITLE_AT_LEAST, fitting_columns
    from sessions.archive import SessionSummary

    summaries = [
        SessionSummary(path=tmp_path / "a.json", id="a", title="Visie op leren " * 4),
        SessionSummary(
            path=tmp_path / "b.json",
            id="b",
            problem="Geschreven door een nieuwere "
            "versie van dialoog (schema 9); werk dialoog bij om dit bestand te openen.",
        ),
    ]
    for room in (76, 96, 156):
        widths = dict(fitting_columns(summaries, room))
        assert widths["title"] >= TITLE_AT_LEAST and "state" in widths


async def _disk_fails(app: DialoogApp, started: live.LiveSession, pilot: Pilot[None]) -> None:
    """The data folder disappears under the session (a USB stick pulled out), then `d`: the
    dialog that offers a copy comes up."""
    for item in started.path.parent.iterdir():
        item.unlink()
    started.path.parent.rmdir()
    await pilot.press("d")
    assert started.writer is not None
    started.writer.flush()
    await pilot.pause()
    await pilot.pause()
    assert type(app.screen) is SaveCopyScreen


async def test_disk_failure_offers_save_copy(library: DeckLibrary, tmp_path: Path) -> None:
    started = make_session(library)
    app = DialoogApp(library, seed=1, start=started)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        good = load_events(started.path)
        await _disk_fails(app, started, pilot)
        assert started.writer and started.writer.pending == 1
        rescue = tmp_path / "redding"
        field = app.screen.query_one("#save-folder")
        field.value = str(rescue)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("d")
        assert started.writer.flush()
        saved = load_events(rescue / started.path.name)
        assert len(saved) == len(good) + 2
        assert "niet opgeslagen" not in str(app.screen.query_one("#card-status").content)


async def _unsaved_after_later(
    app: DialoogApp, started: live.LiveSession, pilot: Pilot[None]
) -> int:
    """The disk fails; two events stay in memory; the facilitator picks "later"."""
    await _disk_fails(app, started, pilot)
    await pilot.press("escape")
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(app.screen, BoardScreen)
    assert started.writer is not None
    assert started.writer.pending == 2
    return started.writer.pending


async def test_quitting_with_unsaved_events_offers_the_copy_again(
    library: DeckLibrary, tmp_path: Path
) -> None:
    started = make_session(library)
    app = DialoogApp(library, seed=1, start=started)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        good = len(load_events(started.path))
        await _unsaved_after_later(app, started, pilot)

        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running  # not gone with two events in memory only
        assert isinstance(app.screen, SaveCopyScreen)
        shown = " ".join(str(s.content) for s in app.screen.query(".dialog-text"))
        # the folder went with the file in it: not two steps but the whole session is at stake
        assert "Het sessiebestand is weg: de hele sessie staat alleen in het geheugen" in shown
        assert "2 stappen" not in shown
        await pilot.press("ctrl+q")  # asked already: not a second dialog over it
        await pilot.pause()
        assert [type(s) for s in app.screen_stack[-2:]] == [BoardScreen, LeaveCopyScreen]
        await pilot.press("escape")  # stay
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, BoardScreen)

        await pilot.press("ctrl+q")
        await pilot.pause()
        rescue = tmp_path / "redding"
        app.screen.query_one("#save-folder", Input).value = str(rescue)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert not app.is_running  # the copy saved, the app quits as asked
    assert len(load_events(rescue / started.path.name)) == good + 2


async def test_leaving_without_the_copy_is_a_choice(library: DeckLibrary) -> None:
    started = make_session(library)
    app = DialoogApp(library, seed=1, start=started)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await _unsaved_after_later(app, started, pilot)
        await pilot.press("escape")  # to the menu
        await pilot.pause()
        assert isinstance(app.screen, SaveCopyScreen)
        await pilot.click("#discard")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_quitting_from_the_failure_dialog_asks_once(library: DeckLibrary) -> None:
    started = make_session(library)
    app = DialoogApp(library, seed=1, start=started)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await _disk_fails(app, started, pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running
        assert [type(s) for s in app.screen_stack[-2:]] == [BoardScreen, LeaveCopyScreen]


async def test_quitting_while_the_disk_hangs_offers_the_copy(library: DeckLibrary) -> None:
    started = make_session(library)
    assert started.writer is not None
    store, go = started.writer.store, threading.Event()
    append = store.append

    def hung(event: Event) -> None:  # a disk that stopped answering, until `go`
        go.wait(10)
        append(event)

    store.append = hung  # type: ignore[method-assign]
    app = DialoogApp(library, seed=1, start=started)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, LeaveCopyScreen)
        shown = " ".join(str(s.content) for s in app.screen.query(".dialog-text"))
        assert "wacht op de schijf" in shown and "1 stap niet opgeslagen" in shown
        await pilot.press("escape")
        go.set()  # the disk answers again: the step is written, and quitting just quits
        assert started.writer.flush()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert load_events(started.path)[-1].seq == len(started.session.events)


async def test_quitting_while_the_copy_is_being_saved_waits_for_it(
    library: DeckLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = make_session(library)
    go = threading.Event()
    save_copy = live.save_copy
    monkeypatch.setattr(live, "save_copy", lambda *a: (go.wait(10), save_copy(*a))[1])
    app = DialoogApp(library, seed=1, start=started)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await _disk_fails(app, started, pilot)
        dialog = app.screen
        dialog.query_one("#save-folder", Input).value = str(tmp_path / "redding")
        await pilot.press("enter")  # the copy is being written ...
        await pilot.press("ctrl+q")  # ... and the facilitator wants to quit
        await pilot.press("escape")  # ... or go back to the board
        await pilot.pause()
        assert app.screen is dialog and app.is_running
        shown = "\n".join(str(toast.render()) for toast in app.screen.query("Toast"))
        assert "de kopie wordt opgeslagen" in shown
        go.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)  # saved: back on the board, nothing unsaved
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_a_failure_report_for_a_session_gone_on_elsewhere_shows_nothing(
    library: DeckLibrary,
) -> None:
    from sessions.store import StoreError

    started = make_session(library)
    app = DialoogApp(library, seed=1, start=started)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        stale = StoreError(started.path, "oud")  # not the writer's failure (there is none)
        app.post_message(DialoogApp.StoreFailed(started, stale, 1))
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await _disk_fails(app, started, pilot)
        assert started.writer is not None and started.writer.failed is not None
        app.post_message(DialoogApp.StoreFailed(started, started.writer.failed, 1))
        await pilot.pause()
        assert [type(s) for s in app.screen_stack[-2:]] == [BoardScreen, SaveCopyScreen]


def test_a_copy_written_while_the_session_is_left_is_kept_and_let_go(
    library: DeckLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = make_session(library)
    writing, go = threading.Event(), threading.Event()
    save_copy = live.save_copy

    def slow_copy(*args: object) -> object:
        writing.set()
        go.wait(10)
        return save_copy(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(live, "save_copy", slow_copy)
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(started.save_copy_to(tmp_path)))
    worker.start()
    assert writing.wait(5)
    started.close()  # "stop without saving" while the copy is being written
    go.set()
    worker.join(5)
    copied = result[0]
    assert isinstance(copied, Path) and load_events(copied) == started.session.events
    again = live.open_session(copied, {d.id: d for d in library})  # not locked by us
    again.close()


async def test_a_failing_worker_is_reported_not_a_crash(
    library: DeckLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreadable(folder: Path) -> list[object]:
        raise PermissionError(13, "Permission denied", str(folder))

    monkeypatch.setattr("app.screens.archive.list_sessions", unreadable)
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
        shown = "\n".join(str(toast.render()) for toast in app.screen.query("Toast"))
        assert "Permission denied" in shown and "niets verloren" in shown


async def test_a_question_on_a_narrow_terminal_shows_whole_keys(library: DeckLibrary) -> None:
    """The Footer is fitted with the yes button's own words: at 28 columns the long yes
    fits and `n Nee` is left out whole (escape and `n` still answer), not cut off."""
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(28, 12)) as pilot:
        answers: list[bool | None] = []
        app.push_screen(ConfirmScreen("Weg?", yes=t("capture.leave_anyway")), answers.append)
        await pilot.pause()
        shown = screen_text(app)
        assert f"j {t('capture.leave_anyway')}" in shown and "n Ne" not in shown
        await pilot.press("escape")
        await pilot.pause()
        assert answers == [False]


async def test_enter_in_the_archive_search_opens_the_session_found(library: DeckLibrary) -> None:
    """Type part of a title and `enter` (the Footer says ⏎ Hervat): the session found opens
    at once (it took a second `enter`, the first only moved to the list); a search that finds
    nothing says so and leaves the search box to be corrected."""
    for title in ("Visie", "Teamdag"):
        make_session(library, title).close()
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await open_archive(pilot)
        await pilot.press(*"zzz", "enter")
        await pilot.pause()
        assert app.screen is screen and isinstance(screen.focused, Input)
        await pilot.press("backspace", "backspace", "backspace", *"teamdag", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert app.screen.session.state.started.title == "Teamdag"
        app.screen.live.close()
    # typed fast, in one burst: `enter` is read before the letters reach the search box
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await open_archive(pilot)
        send(app, *"visie", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert app.screen.session.state.started.title == "Visie"


async def test_a_board_opened_read_only_follows_the_window_that_runs_the_session(
    library: DeckLibrary,
) -> None:
    """A second window opens a running session read-only: what the first records (a card, a
    note, the end) shows up there too, as in the mirror (the view stayed as it was opened)."""
    from sessions.notes import Draft

    running = make_session(library, "Visie")
    assert running.path is not None and running.writer is not None
    running.session.toggle_clock()  # the other window's clock runs
    running.writer.flush(5)
    viewed = live.open_session(running.path, {d.id: d for d in library}, read_only=True)
    assert not viewed.session.running  # a session read from its file comes back paused
    app = DialoogApp(library, start=viewed)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen) and board.session.state.card is None

        async def shown(check) -> bool:  # type: ignore[no-untyped-def]
            for _ in range(40):
                await pilot.pause(0.05)
                if check(board.session.state):
                    return True
            return False

        assert await shown(lambda _: board.session.running)  # ... but runs on here at once
        running.session.deal()
        running.session.next_speaker()
        running.session.record(Draft("perspective", "Vanuit de klas gezien", "Ann"))
        running.writer.flush(5)
        assert await shown(lambda state: [n.text for n in state.notes] == ["Vanuit de klas gezien"])
        await pilot.pause()
        assert board.query_one("#card").card == running.session.state.card  # type: ignore[attr-defined]
        assert "Ann" in str(board.query_one("#floor").content)  # type: ignore[attr-defined]
        if not running.session.running:
            running.session.toggle_clock()
        running.writer.flush(5)
        assert await shown(lambda _: board.session.running)
        running.session.end()  # with the clock running
        running.writer.flush(5)
        assert await shown(lambda state: state.ended)
        await pilot.pause(0.1)
        assert not board.session.running  # the clock stops with the session, here too
        await pilot.press("d")  # it ended there: that is what is said here, too
        await pilot.pause()
        assert "Deze sessie is al afgerond" in toasts(app)
    running.close()


async def test_the_mirror_shows_a_title_with_brackets_as_typed(library: DeckLibrary) -> None:
    """The mirror's status line names the session by its title, as typed: brackets are not
    Textual markup (one such title stopped the mirror on every change of the file)."""
    title = "Visie [rood] a [/] b"
    running = make_session(library, title)
    assert running.path is not None
    app = DialoogApp(library, mirror=running.path)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(40):
            await pilot.pause(0.05)
            if title in str(app.screen.query_one("#mirror-status").content):  # type: ignore[attr-defined]
                break
        assert title in str(app.screen.query_one("#mirror-status").content)  # type: ignore[attr-defined]
    running.close()


async def test_a_key_that_would_add_to_a_closed_or_read_only_session_says_why(
    library: DeckLibrary,
) -> None:
    """`d` or `enter` on a board opened read-only, and `r` on an ended practice, did nothing
    and said nothing (their keys leave the Footer): now they say why."""
    from app.screens.coaching import CoachingScreen

    running = make_session(library, "Visie")
    assert running.path is not None
    viewed = live.open_session(running.path, {d.id: d for d in library}, read_only=True)
    app = DialoogApp(library, start=viewed)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("d")
        await pilot.pause()
        assert toasts(app).count("Deze sessie is alleen te lezen") == 1
        await pilot.press("enter", "d", "d", "d")  # the same message is not stacked again
        await pilot.pause()
        assert toasts(app).count("Deze sessie is alleen te lezen") == 1
        assert app.screen.session.state.card is None and not app.screen.typing
    running.close()
    setup = SessionSetup(title="Triade", participants=("Ann", "Bram"), format="coaching")
    practice = live.create(setup, {d.id: d for d in library}, seed=1)
    practice.session.start_coaching_round("Casus", "Feedbackgesprek")
    practice.session.end()
    app = DialoogApp(library, start=practice)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CoachingScreen)
        await pilot.press("r")
        await pilot.pause()
        assert "Deze sessie is al afgerond" in toasts(app)
        app.clear_notifications()
        await pilot.press("e")  # ending it again, too
        await pilot.pause()
        assert "Deze sessie is al afgerond" in toasts(app)
        await pilot.press("x")  # reading and exporting still work, and say nothing of it
        await pilot.pause()
        assert toasts(app).count("afgerond") == 1
    practice.close()


def test_an_archive_search_takes_no_note_of_accents_and_reads_a_dutch_date() -> None:
    """ "ecole" and "Zoe" found nothing though a title held "école" and "Zoë", and
    "23-11-2026" (as the set-up form takes a date) found no session of that day."""
    from pathlib import Path

    from sessions.archive import SessionSummary

    summary = SessionSummary(
        path=Path("x.json"), id="20261123-101500-ab12", title="Visie — École 2027 met Zoë",
        date="2026-11-23",
    )  # fmt: skip
    for query in ("ecole", "ÉCOLE", "zoe", "Zoë", "23-11-2026", "2026-11-23", "visie ecole"):
        assert summary.matches(query), query
    assert summary.match_rank("ecole 2027") == 0  # in the title as typed, but for its accent
    assert summary.match_rank("zoe ecole") == 1  # every word in the title
    for query in ("24-11-2026", "ecoles", "31-02-2026"):
        assert not summary.matches(query), query
