"""Pilot: record what is said on the board: kinds, speakers, pastes, edit, delete, undo, and
hostile text shown literally."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from textual import events
from textual.pilot import Pilot

from app import live
from app.main import DialoogApp
from app.screens.board import BoardScreen
from app.screens.export import ExportScreen
from app.widgets.capture_line import CaptureLine
from app.widgets.notes_panel import NotesPanel
from cards.loader import DeckLibrary
from sessions.meta import SessionSetup
from sessions.notes import GROUP, MAX_NOTE_CHARS
from sessions.store import load_events
from tests.fakes import FakeClock
from tests.screens import screen_text

PEOPLE = ("Ann", "Bram", "Carla")


def start(library: DeckLibrary, fake: FakeClock | None = None, **extra: object) -> live.LiveSession:
    setup = SessionSetup(title="Notities", participants=PEOPLE, team="Team A", **extra)  # type: ignore[arg-type]
    return live.create(setup, {d.id: d for d in library}, seed=4, now=fake or FakeClock())


@asynccontextmanager
async def on_the_board(
    library: DeckLibrary,
) -> AsyncIterator[tuple[live.LiveSession, BoardScreen, Pilot[None]]]:
    """A board at 100x30 with the first card dealt and Ann on the floor."""
    started = start(library)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("d", "n")
        assert isinstance(app.screen, BoardScreen)
        yield started, app.screen, pilot


async def type_note(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("enter")
    await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in text])
    await pilot.press("enter")
    await pilot.pause()


def panel_text(board: BoardScreen) -> str:
    panel = board.query_one("#notes")
    return "\n".join(str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count))


async def test_each_kind_by_prefix_attributed_to_the_floor(library: DeckLibrary) -> None:
    started = start(library)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        board = app.screen
        await pilot.press("d", "n")  # Ann has the floor
        for text in ("Eerst luisteren", "?Waarom nu", "+Een pilot", "!We starten", "~Later"):
            await type_note(pilot, text)
        await type_note(pilot, ">Ouders mailen; bram; 5-12")
        notes = started.session.state.notes
        assert [n.kind for n in notes] == [
            "perspective",
            "question",
            "idea",
            "decision",
            "parked",
            "agreement",
        ]
        assert {n.speaker for n in notes} == {"Ann"}
        agreement = notes[-1]
        assert (agreement.text, agreement.who, agreement.due) == ("Ouders mailen", "Bram", "5-12")
        assert agreement.due_date.endswith("-12-05")
        shown = panel_text(board)
        for label in ("Perspectief", "Vraag", "Idee", "Besluit", "Geparkeerd", "Afspraak"):
            assert label in shown  # kinds named, not only coloured
        assert "wie: Bram" in shown
        started.writer.flush()
        assert (
            len([e for e in load_events(started.path) if type(e).__name__ == "NoteRecorded"]) == 6
        )


async def test_kind_shows_while_typing_and_speaker_changes(library: DeckLibrary) -> None:
    started = start(library)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        board = app.screen
        await pilot.press("d", "n", "enter", "question_mark")
        assert "Vraag" in str(board.query_one("#capture-hint").content)
        await pilot.press("tab")  # the next speaker in line: Bram
        assert "Bram" in str(board.query_one("#capture-hint").content)
        await pilot.press("W", "a", "t", "enter")
        await pilot.pause()
        await type_note(pilot, "@groep Samen eens")
        await type_note(pilot, "@car Mooi")
        notes = started.session.state.notes
        assert [(n.kind, n.speaker) for n in notes] == [
            ("question", "Bram"),
            ("perspective", GROUP),
            ("perspective", "Carla"),
        ]


async def test_clock_keeps_running_while_typing(library: DeckLibrary) -> None:
    fake = FakeClock()
    started = start(library, fake, format="circle", turn_seconds=60)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        board = app.screen
        await pilot.press("d", "space", "n", "enter", "a", "b")
        fake.advance(15)
        board.tick()
        assert str(board.query_one("#clock").value) == "0:45"
        assert started.session.running


async def test_multi_line_paste_is_kept_whole_and_huge_paste_refused(library: DeckLibrary) -> None:
    started = start(library)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("d", "n", "enter")
        app.post_message(events.Paste("eerste regel\ntweede regel\nderde"))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert started.session.state.notes[-1].text == "eerste regel\ntweede regel\nderde"
        await pilot.press("enter")
        app.post_message(events.Paste("x" * 100_000))
        await pilot.pause()
        line = app.screen.query_one(CaptureLine)
        assert line.text == ""  # refused, the app stays responsive
        assert str(MAX_NOTE_CHARS // 1000) in "".join(
            str(t.render()) for t in app.screen.query("Toast")
        ).replace(".", "")


async def test_a_tall_note_shows_its_heading_on_the_board(library: DeckLibrary) -> None:
    """A pasted note of eight lines, at 80x24: the panel showed its last lines, its heading
    ("Perspectief · Ann") and first points scrolled off the projector."""
    started = start(library)
    app = DialoogApp(library, start=started)
    points = "\n".join(f"Punt {n}: we bespraken hoe het leesuur verschuift" for n in range(1, 9))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("d", "n", "enter")
        app.post_message(events.Paste(points))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert started.session.state.notes[-1].text == points  # kept whole
        shown = screen_text(app)
        assert "Perspectief · Ann" in shown and "Punt 1:" in shown
    started.close()


async def test_edit_delete_and_undo(library: DeckLibrary) -> None:
    async with on_the_board(library) as (started, board, pilot):
        await type_note(pilot, "Eerste")
        await type_note(pilot, "Tweede")
        await pilot.press("o", "home", "enter", "enter")  # opened for editing, left as it was
        await pilot.pause()
        assert not started.session.state.notes[0].edited  # not saved, nor marked as edited
        await pilot.press("o", "home", "enter")  # the notes panel: edit the first note
        line = board.query_one(CaptureLine)
        assert line.text == "Eerste"
        line.text = "!Eerste, aangepast"
        await pilot.press("enter")
        await pilot.pause()
        first, _second = started.session.state.notes
        assert (first.kind, first.text, first.edited) == ("decision", "Eerste, aangepast", True)
        await pilot.press("o", "down", "delete")  # delete the second note
        assert [n.text for n in started.session.state.notes] == ["Eerste, aangepast"]
        await pilot.press("escape", "u")  # undo the delete
        assert [n.text for n in started.session.state.notes] == ["Eerste, aangepast", "Tweede"]
        await pilot.press("u")  # undo the edit
        assert started.session.state.notes[0].text == "Eerste"
        await pilot.press("u")  # undo the second note: the toast names what was taken back
        await pilot.pause()
        assert [n.text for n in started.session.state.notes] == ["Eerste"]
        shown = "\n".join(str(toast.render()) for toast in board.app.screen.query("Toast"))
        assert "Ongedaan gemaakt: het verwijderen van een notitie." in shown
        assert "Ongedaan gemaakt: de wijziging ‘Eerste, aangepast’." in shown
        assert "Ongedaan gemaakt: de notitie ‘Tweede’." in shown


async def test_undoing_a_note_leaves_the_follow_up_question_on_the_card(
    library: DeckLibrary,
) -> None:
    """The group reads the follow-up question (`f`); a note is typed and taken back (`u`): the
    question stays on the card. It goes only when the card on the table changes."""
    from app.widgets.card_view import CardView

    async with on_the_board(library) as (started, board, pilot):
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press("3", "enter")  # card 3 has a follow-up question
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        view = board.query_one(CardView)
        follow_up = started.session.state.card.follow_up
        assert follow_up and view.shown_follow_up == follow_up
        await type_note(pilot, "Eerst")
        await pilot.press("u")
        await pilot.pause()
        assert started.session.state.notes == ()
        assert view.shown_follow_up == follow_up  # it was gone after the undo
        await pilot.press("d")
        await pilot.pause()
        assert view.shown_follow_up == ""


async def test_a_saved_edit_gives_the_keys_back_to_the_board(library: DeckLibrary) -> None:
    """After a note is edited from the list and saved, `enter` starts a new note and `x`
    exports: they acted on the list, so the next note went into the one just edited and `x`
    deleted the highlighted one. An edit left with escape goes back to the list."""
    async with on_the_board(library) as (started, board, pilot):
        await type_note(pilot, "Eerste")
        await type_note(pilot, "Tweede")
        await pilot.press("o", "home", "enter", "space", "x", "enter")  # edit the first
        await pilot.pause(0.2)  # the line lets go of the focus a few frames later
        assert board.focused is None  # the board's keys
        await type_note(pilot, "Derde")  # a new note, not more text in the first
        assert [n.text for n in started.session.state.notes] == ["Eerste x", "Tweede", "Derde"]
        # the same in one burst, the keys read before the line let go of the focus
        await pilot.press("o", "end", "enter", "space", "y", "enter", "x")
        await pilot.pause(0.2)
        assert isinstance(board.app.screen, ExportScreen)  # `x` exports; nothing deleted
        assert [n.text for n in started.session.state.notes] == ["Eerste x", "Tweede", "Derde y"]
        await pilot.press("escape")
        await pilot.press("o", "home", "enter", "escape")  # opened, then left as it was
        await pilot.pause(0.2)
        assert isinstance(board.focused, NotesPanel)  # still in the list
        await pilot.press("down", "x")  # `x` exports, also from the list: nothing deleted
        await pilot.pause()
        assert isinstance(board.app.screen, ExportScreen)
        await pilot.press("escape")
        assert len(started.session.state.notes) == 3
        await pilot.press("delete")  # `delete` deletes the highlighted note
        await pilot.pause()
        assert [n.text for n in started.session.state.notes] == ["Eerste x", "Derde y"]


async def test_a_date_on_the_wrong_weekday_is_saved_with_a_warning(library: DeckLibrary) -> None:
    async with on_the_board(library) as (started, board, pilot):
        await type_note(pilot, ">Ouders mailen; Ann; vr 5 dec 2026")
        (note,) = started.session.state.notes
        assert note.due_date == "2026-12-05"  # kept as typed: the facilitator decides
        shown = "\n".join(str(toast.render()) for toast in board.app.screen.query("Toast"))
        assert "2026-12-05 is een zaterdag, geen vrijdag" in shown


async def test_escape_cancels_and_saves_nothing(library: DeckLibrary) -> None:
    started = start(library)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("d", "enter", "a", "b", "escape")
        assert started.session.state.notes == ()
        assert isinstance(app.screen, BoardScreen)  # escape closed the line, not the board


HOSTILE = [
    "[bold red]opmaak[/] en [@click=app.quit]klik[/]",
    "<script>alert(1)</script>",
    "kleur \x1b[31mrood\x1b[0m en bel \x07",
    "مرحبا بالعالم עברית",
    "👩\u200d👩\u200d👧 gezin 🎉",
    "x" * 3000,
]


async def test_hostile_text_is_shown_literally(library: DeckLibrary) -> None:
    started = start(library)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        board = app.screen
        await pilot.press("d", "n")
        for text in HOSTILE:
            await pilot.press("enter")
            app.post_message(events.Paste(text))
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
        notes = started.session.state.notes
        assert len(notes) == len(HOSTILE)
        assert notes[0].text == HOSTILE[0]  # markup kept as typed, never acted on
        assert notes[2].text == "kleur rood en bel"  # escape codes never reach the terminal
        shown = panel_text(board)
        assert "[@click=app.quit]klik[/]" in shown and "<script>" in shown
        assert "\x1b" not in shown and "\x07" not in shown
        assert app.is_running  # the quit link did nothing
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)


def toasts(app: DialoogApp) -> str:
    """The text of the notifications on screen now."""
    return "\n".join(str(toast.render()) for toast in app.screen.query("Toast"))


def earlier_session_of_team_a(library: DeckLibrary) -> None:
    """A closed session of Team A that left an open agreement and a parked item."""
    from sessions.notes import Draft

    before = live.create(
        SessionSetup(title="Vorige", team="Team A", participants=PEOPLE, date="2026-11-14"),
        {d.id: d for d in library},
        seed=1,
    )
    before.session.record(
        Draft("agreement", "Ouders mailen", "Ann", "Ann", "vr 5 dec", due_date="2026-12-05")
    )
    before.session.record(Draft("parked", "Rooster", "Bram"))
    before.close()


async def test_open_from_last_time_takes_no_key_meant_for_the_board(library: DeckLibrary) -> None:
    """Opened by itself, the list settles nothing until an item is chosen; each settle says
    what it did, and u undoes it there."""
    from app.screens.carry import CarryOverScreen
    from tests.screens import screen_text

    earlier_session_of_team_a(library)
    started = start(library)  # Team A again
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, CarryOverScreen)
        shown = str(app.screen.query_one("#carry-list").get_option_at_index(0).prompt)
        assert "Ouders mailen" in shown and "Vorige" in shown
        assert "wanneer: vr 5 dec (2026-12-05)" in shown  # the day it meant, not just as typed
        assert "u Ongedaan" in screen_text(app)  # the undo key is in the Footer

        def outcomes() -> list[str]:
            return [c.outcome for c in started.session.state.carried]

        await pilot.press("d")  # meant to deal a card
        assert outcomes() == ["", ""]
        assert "Kies eerst" in toasts(app)
        app.clear_notifications()

        await pilot.press("down", "d")
        assert outcomes() == ["done", ""]
        assert "Afspraak „Ouders mailen”: klaar" in toasts(app)
        assert app.screen.query_one("#carry-list").highlighted == 0  # stays on what was settled
        await pilot.press("down", "x")  # the next one
        assert outcomes() == ["done", "dropped"]
        assert "Geparkeerd „Rooster”: laten vallen" in toasts(app)
        app.clear_notifications()

        await pilot.press("u")
        assert outcomes() == ["done", ""]
        assert "Ongedaan gemaakt — Geparkeerd „Rooster”: weer open" in toasts(app)
        assert app.screen.query_one("#carry-list").highlighted == 1  # the item undone
        await pilot.press("u")
        assert outcomes() == ["", ""]
        app.clear_notifications()
        await pilot.press("u")  # nothing of this list left to undo
        assert outcomes() == ["", ""]
        assert "Niets om ongedaan te maken in deze lijst" in toasts(app)

        await pilot.press("k", "escape")
        assert isinstance(app.screen, BoardScreen)
        assert outcomes() == ["kept", ""]
        await pilot.press("d")  # on the board d deals again
        assert started.session.state.card is not None


async def test_open_from_last_time_asked_for_chooses_the_first_item(
    library: DeckLibrary,
) -> None:
    """v on the board opens the list with its first item chosen; u there undoes only the
    list's own steps, never a card dealt since."""
    from app.screens.carry import CarryOverScreen

    earlier_session_of_team_a(library)
    started = start(library)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.pause()
        await pilot.press("down", "x", "escape", "d")
        card = started.session.state.card
        assert card is not None
        await pilot.press("v")  # back to the list later
        assert isinstance(app.screen, CarryOverScreen)
        await pilot.press("u")  # the last step was a card dealt: not this list's to undo
        assert started.session.state.card == card
        assert [c.outcome for c in started.session.state.carried] == ["dropped", ""]
        await pilot.press("d")
        assert [c.outcome for c in started.session.state.carried] == ["done", ""]


async def test_closing_reflection_records_answers_per_person(library: DeckLibrary) -> None:
    from app.screens.reflection import ReflectionScreen

    fake = FakeClock()
    started = start(library, fake)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        screen = app.screen
        assert isinstance(screen, ReflectionScreen)
        started_as = started.session.state.started
        assert started_as is not None and screen.title == started_as.title  # not "dialoog"
        assert "goed" in screen.questions[0].text
        await pilot.press("enter", "tab")  # Ann answers question 1
        await pilot.press(*"Fijn", "enter")
        fake.advance(60)
        screen.tick()
        assert str(screen.query_one("#reflection-clock").value) == "9:00"
        await pilot.press("3", "enter")  # the group answers question 3
        await pilot.press(*"Mailen", "enter")
        await pilot.pause()
        notes = started.session.state.notes_of("reflection")
        assert [(n.question, n.speaker, n.text) for n in notes] == [
            (screen.questions[0].id, "Ann", "Fijn"),
            (screen.questions[2].id, GROUP, "Mailen"),
        ]
        assert "Fijn" in str(screen.query_one("#reflection-answers").content)


async def test_the_line_lets_go_of_the_focus_after_the_saved_note_is_shown(
    library: DeckLibrary,
) -> None:
    """The capture line keeps the focus for a few frames after enter; keys that come in that
    moment (sent back to back, as a terminal delivers fast typing) are the board's, a line
    opened again keeps its text, and then the board has the keys."""
    from app.widgets.capture import LET_GO_SECONDS

    async with on_the_board(library) as (started, board, pilot):
        line = board.query_one(CaptureLine)
        await pilot.press("enter", "a")
        send(pilot.app, "enter", "n")  # save, and at once: next speaker
        await pilot.pause()
        assert [n.text for n in started.session.state.notes] == ["a"]
        assert started.session.state.speaker == "Bram"  # `n` went to the board, not the line
        assert line.text == ""
        await pilot.press("enter", "b")
        send(pilot.app, "enter", "enter", "c")  # save, open again at once, type
        await pilot.pause(LET_GO_SECONDS * 2)
        assert [n.text for n in started.session.state.notes] == ["a", "b"]
        assert board.focused is line and line.text == "c"  # the reopened line kept both
        send(pilot.app, "enter")
        await pilot.pause(LET_GO_SECONDS * 2)
        assert board.focused is None  # the board's keys again
        assert [n.text for n in started.session.state.notes] == ["a", "b", "c"]
        footer = {b.binding.action for b in board.active_bindings.values() if b.binding.show}
        assert "deal" in footer and "submit" not in footer


def send(app: DialoogApp, *keys: str) -> None:
    """Keys posted back to back, as a terminal delivers a burst of typing in one read."""
    for key in keys:
        character = {"space": " ", "plus": "+"}.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key(key, character))


async def test_keys_typed_in_one_burst_act_in_the_order_they_were_typed(
    library: DeckLibrary,
) -> None:
    """`d n n enter a b` in one burst: deal, the floor to Ann and on to Bram, then a note by
    Bram; keys before `enter` are the board's, keys after it the note's, none lost."""
    async with on_the_board(library) as (started, board, pilot):
        first = started.session.state.card
        send(pilot.app, "d", "n", "n", "enter", "a", "b")
        await pilot.pause()
        await pilot.pause()
        state = started.session.state
        assert state.card != first and state.speaker == "Bram"
        line = board.query_one(CaptureLine)
        assert board.focused is line and line.text == "ab"
        send(pilot.app, "space", "c", "enter", "z", "n")  # the note; `z` is no key, `n` is
        await pilot.pause(0.2)
        notes = started.session.state.notes
        assert [(n.text, n.speaker) for n in notes] == [("ab c", "Bram")]
        assert started.session.state.speaker == "Carla"  # `n` after the note: next speaker
        assert line.text == "" and board.focused is None


async def test_a_busy_card_lists_its_newest_notes_and_offers_the_earlier_ones(
    library: DeckLibrary,
) -> None:
    """Back to a card with 60 notes: the newest 50 are listed under a line offering the other
    10; `enter` on that line lists them, a new note joins the list, nothing is out of reach."""
    from sessions.notes import Draft

    async with on_the_board(library) as (started, board, pilot):
        for number in range(60):
            started.session.record(Draft("perspective", f"nummer {number}", "Ann"))
        board.refresh_board()
        await pilot.pause()
        panel = board.query_one(NotesPanel)
        assert panel.option_count == 60  # written while the card was on the table: all listed
        await pilot.press("d", "b")
        await pilot.pause()
        assert panel.option_count == 51
        assert "eerdere notities: 10" in str(panel.get_option_at_index(0).prompt)
        assert "nummer 10" in str(panel.get_option_at_index(1).prompt)
        await pilot.press("o", "home", "delete")  # the line is no note: nothing is deleted
        assert len(started.session.state.notes) == 60
        await pilot.press("enter")
        assert panel.option_count == 60  # all ten listed, and the line gone
        assert "nummer 9" in str(panel.get_option_at_index(panel.highlighted).prompt)
        await pilot.press("escape")
        await type_note(pilot, "nieuw")
        assert panel.option_count == 61  # a new note joins the list
        assert "nieuw" in str(panel.get_option_at_index(60).prompt)
        await pilot.press("d")  # another card, then back: its list starts at 50 again
        await pilot.press("b")
        await pilot.pause()
        assert panel.option_count == 51
        assert "eerdere notities: 11" in str(panel.get_option_at_index(0).prompt)
        started.writer.flush()


async def test_a_note_being_written_survives_a_change_of_language(library: DeckLibrary) -> None:
    """The language changes (from the palette) while a note is typed: the line stays open,
    with its text and speaker, and the next keys go on typing; F5 works meanwhile."""
    from cards import i18n

    async with on_the_board(library) as (started, board, pilot):
        await pilot.press("enter", "a", "b", "tab")
        line = board.query_one(CaptureLine)
        speaker = board.query_one("#capture").speaker
        try:
            pilot.app.switch_language()
            await pilot.pause()
            await pilot.pause()
            line = board.query_one(CaptureLine)
            assert board.query_one("#capture").display and board.focused is line
            assert line.text == "ab" and board.query_one("#capture").speaker == speaker
            await pilot.press("d", "f5")  # typed; F5 is no text: presentation
            assert line.text == "abd" and board.presenting
            before = len(started.session.events)
            assert await pilot.app.run_action("screen.floor_to(2)")  # a click in the circle
            assert len(started.session.events) > before
            await pilot.press("enter")
            await pilot.pause()
            assert [(n.text, n.speaker) for n in started.session.state.notes] == [("abd", speaker)]
        finally:
            i18n.set_language("nl")


async def test_keys_in_one_burst_on_the_notes_list_act_in_order(library: DeckLibrary) -> None:
    """With the notes list focused, `up enter end s x` in one burst: the first note opens for
    editing, and the keys after `enter` are typed into it (before, `s` skipped the card)."""
    async with on_the_board(library) as (started, board, pilot):
        await type_note(pilot, "Eerste")
        await type_note(pilot, "Tweede")
        card = started.session.state.card
        await pilot.press("o")
        send(pilot.app, "up", "enter", "end", "s", "x")
        await pilot.pause()
        await pilot.pause()
        line = board.query_one(CaptureLine)
        assert started.session.state.card == card  # `s` did not skip the card
        assert board.focused is line and line.text == "Eerstesx"
        first = started.session.state.notes[0]
        assert board.query_one("#capture").editing == first.seq


async def test_the_notes_list_opened_in_a_burst_takes_the_keys_after_it(
    library: DeckLibrary,
) -> None:
    """`o home enter` in one burst opens the first note for editing (before, `enter` reached
    the board before the list had the focus, and opened a new note)."""
    async with on_the_board(library) as (started, board, pilot):
        await type_note(pilot, "Eerste")
        await type_note(pilot, "Tweede")
        send(pilot.app, "o", "home", "enter")
        await pilot.pause()
        await pilot.pause()
        first = started.session.state.notes[0]
        assert board.query_one("#capture").editing == first.seq
        assert board.query_one(CaptureLine).text == "Eerste"


@pytest.mark.parametrize("width", [80, 100, 120])
async def test_the_footer_fits_with_the_notes_list_focused(
    library: DeckLibrary, width: int
) -> None:
    """The notes list's `x`/`delete` key is one item in the Footer; it fitted or not by the
    width of `x` while the Footer showed `del`, and ran over the palette key."""
    from textual.widgets._footer import FooterKey

    started = start(library)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        await pilot.press("d", "n")
        await type_note(pilot, "Eerste")
        await pilot.press("o")
        await pilot.pause(0.1)
        keys = [key for key in app.screen.query(FooterKey) if key.display]
        palette = [key for key in keys if key.has_class("-command-palette")]
        end = palette[0].region.x if palette else width
        assert keys and all(key.region.right <= end for key in keys if key not in palette)
        if width >= 100:  # in the list, deleting a note is among the first keys offered
            assert any(key.action == "delete_note" for key in keys)
        started.writer.flush()


async def test_text_typed_after_a_tab_in_one_burst_goes_to_the_next_field(
    library: DeckLibrary,
) -> None:
    """On a form, `D i r k tab a b c` read at once: Dirk in the first field, abc in the
    next (the tab moved the focus only after the letters behind it had gone to the first)."""
    from tests.screens import new_session_form

    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await new_session_form(pilot)
        send(app, "D", "i", "r", "k", "tab", "a", "b", "c")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#field-title").value.endswith("Dirk")
        assert app.screen.query_one("#field-team").value.endswith("abc")


async def test_the_notes_give_way_when_a_side_panel_would_squeeze_the_card(
    library: DeckLibrary,
) -> None:
    """At 80 columns the airtime panel (or the key panel) beside the notes left the card a
    few letters wide; the notes panel gives way while it is open, and comes back."""
    started = start(library)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("d", "n")
        await type_note(pilot, "Eerste")
        board = app.screen
        notes, card = board.query_one(NotesPanel), board.query_one("#card")
        assert notes.display
        await pilot.press("a")
        await pilot.pause()
        assert not notes.display and card.outer_size.width >= 36
        await pilot.press("a", "question_mark")
        await pilot.pause()
        await pilot.pause()
        assert not notes.display and card.outer_size.width >= 36
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.pause()
        assert notes.display
        await pilot.resize_terminal(140, 30)
        await pilot.press("a")
        await pilot.pause()
        assert notes.display and card.outer_size.width >= 36  # room for all three
        started.writer.flush()


async def test_a_title_typed_and_started_in_one_burst_is_whole(library: DeckLibrary) -> None:
    """`ctrl+s` read in the same burst as the last letters of the title: the session starts
    with the whole title (a priority ctrl+s started it before the letters reached the field)."""
    from tests.screens import new_session_form

    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await new_session_form(pilot)
        app.screen.query_one("#field-title").value = ""
        app.screen.query_one("#field-participants").value = "Ann, Bram"
        send(app, *"Visie", "ctrl+s")
        await app.workers.wait_for_complete()
        for _ in range(5):
            await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert app.screen.session.state.started.title == "Visie"
        app.screen.live.close()


async def test_joined_emoji_and_joined_script_keep_their_joiners(library: DeckLibrary) -> None:
    """A family emoji is three people joined by zero-width joiners, and Persian writes some
    words with a zero-width non-joiner: typed, they stay whole (Textual took the joiners for
    keys that print nothing, so the note said three people and split words)."""
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    async with on_the_board(library) as (started, _board, pilot):
        await type_note(pilot, f"Gezin {family}")
        await type_note(pilot, persian)
        assert [n.text for n in started.session.state.notes] == [f"Gezin {family}", persian]


async def test_an_ended_session_does_not_offer_its_open_items_to_settle(
    library: DeckLibrary,
) -> None:
    """Opened after it ended, a session put "Open van de vorige keer" up by itself, with keys
    that were all refused ("Deze sessie is al afgerond.")."""
    from app.screens.board import BoardScreen
    from app.screens.carry import CarryOverScreen
    from app.widgets.card_view import CardView
    from tests.screens import screen_text

    earlier_session_of_team_a(library)
    started = start(library)
    assert started.session.state.carried  # left open: nothing settled
    started.session.end()
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        # nor does the card say to press d, which is refused there
        assert "Druk op d" not in app.screen.query_one(CardView).shown_text
        await pilot.press("v")  # asked for, the list shows; its keys to settle are gone
        await pilot.pause()
        assert isinstance(app.screen, CarryOverScreen)
        shown = screen_text(app)
        assert "Klaar" not in shown and "Houden" not in shown and "niets meer" in shown
        await pilot.press("down", "x")
        assert [c.outcome for c in started.session.state.carried] == ["", ""]
