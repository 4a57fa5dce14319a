"""Pilot: the note line on the board, the reflection and the coaching screen: a note closed
with escape is kept as a draft, and the hint above the line names what will be saved."""

from __future__ import annotations

from app.main import DialoogApp
from app.screens.board import BoardScreen
from app.screens.reflection import ReflectionScreen
from app.widgets.capture import Capture
from app.widgets.capture_line import CaptureLine
from cards import i18n
from cards.loader import DeckLibrary
from sessions.notes import GROUP
from tests.fakes import FakeClock
from tests.screens import first_coaching_round, open_reflection, say_yes, screen_text
from tests.test_coaching import footer_keys, triad
from tests.test_notes_ui import on_the_board, send, start, type_note

KEYS = {" ": "space", "?": "question_mark", "!": "exclamation_mark", "@": "at"}


def keys(text: str) -> list[str]:
    return [KEYS.get(ch, ch) for ch in text]


def toasts(app: DialoogApp) -> str:
    """The text of the notifications on screen now."""
    return "\n".join(str(toast.render()) for toast in app.screen.query("Toast"))


def hint(screen: object) -> str:
    return str(screen.query_one("#capture-hint").content)  # type: ignore[attr-defined]


async def test_escape_keeps_the_note_as_a_draft_for_the_next_one(library: DeckLibrary) -> None:
    """`esc` by accident while someone speaks: the text comes back with the next `enter`, the
    cursor at its end, and a toast says so; once saved, the next note starts empty."""
    async with on_the_board(library) as (started, board, pilot):
        line = board.query_one(CaptureLine)
        await pilot.press("enter", *keys("Een lange gedachte"), "escape")
        await pilot.pause()
        assert not board.query_one(Capture).display and started.session.state.notes == ()
        assert "Concept bewaard" in toasts(pilot.app)
        await pilot.press("enter")
        assert board.focused is line and line.text == "Een lange gedachte"
        assert line.cursor_location == line.document.end
        await pilot.press(*keys(" van Ann"), "enter")
        await pilot.pause()
        assert [n.text for n in started.session.state.notes] == ["Een lange gedachte van Ann"]
        await pilot.press("enter")
        assert line.text == ""  # saved: the draft is gone
        await pilot.press("escape")


async def test_an_emptied_draft_is_gone_and_an_empty_line_leaves_no_toast(
    library: DeckLibrary,
) -> None:
    async with on_the_board(library) as (started, board, pilot):
        line = board.query_one(CaptureLine)
        await pilot.press("enter", "a", "b", "escape", "enter")
        assert line.text == "ab"
        await pilot.press("backspace", "backspace", "escape")
        await pilot.pause(0.2)
        await pilot.press("enter")
        assert line.text == ""
        await pilot.press("escape")
        await pilot.pause()
        assert toasts(pilot.app).count("Concept bewaard") == 1  # the first escape's alone
        assert started.session.state.notes == ()


async def test_tab_in_a_burst_chooses_the_speaker_before_the_save(library: DeckLibrary) -> None:
    """`enter tab a enter` in one read: the note is Bram's (the speaker used to change only
    after the save)."""
    async with on_the_board(library) as (started, _board, pilot):
        send(pilot.app, "enter", "tab", "a", "enter")
        await pilot.pause(0.2)
        assert [(n.text, n.speaker) for n in started.session.state.notes] == [("a", "Bram")]


async def test_the_draft_keeps_its_speaker_and_its_keys_in_a_burst(library: DeckLibrary) -> None:
    """`enter tab a b esc enter c enter` in one read: the draft comes back (for Bram, chosen
    with tab) before the `c` is typed into it, and is saved whole."""
    async with on_the_board(library) as (started, board, pilot):
        send(pilot.app, "enter", "tab", "a", "b", "escape", "enter", "c", "enter")
        await pilot.pause()
        await pilot.pause(0.2)
        assert [(n.text, n.speaker) for n in started.session.state.notes] == [("abc", "Bram")]
        assert board.focused is None  # the board has the keys again


async def test_an_edit_left_with_escape_is_cancelled_and_a_draft_waits(
    library: DeckLibrary,
) -> None:
    """An edit opened from the notes list and left with escape changes nothing and becomes
    no draft; a draft typed before it is still there for the next new note."""
    async with on_the_board(library) as (started, board, pilot):
        line = board.query_one(CaptureLine)
        await type_note(pilot, "Eerste")
        await pilot.press("enter", *keys("half af"), "escape")
        await pilot.pause(0.2)
        await pilot.press("o", "home", "enter", "x", "escape")  # edit the note, then leave it
        await pilot.pause(0.2)
        assert [n.text for n in started.session.state.notes] == ["Eerste"]
        await pilot.press("escape", "enter")  # out of the list; a new note
        assert line.text == "half af" and board.query_one(Capture).editing is None


async def test_the_hint_names_the_speaker_an_at_name_chooses(library: DeckLibrary) -> None:
    """The hint says who the note is saved for: an `@name` first or last overrides the one
    `tab` chose, as the save does; an `@word` that names nobody stays text, and says so."""
    async with on_the_board(library) as (started, board, pilot):  # Ann has the floor
        await pilot.press("enter", "tab")  # Bram
        await pilot.press(*keys("@Carla test hint"))
        assert "door Carla" in hint(board) and "door Bram" not in hint(board)
        await pilot.press("enter")
        await pilot.press("enter", *keys("? Hoe houden we dit vol @br"))
        shown = hint(board)
        assert "Vraag" in shown and "door Bram" in shown and "door Ann" not in shown
        await pilot.press("enter")
        await pilot.press("enter", *keys("@Karla ! te laat"))
        shown = hint(board)
        assert "Perspectief" in shown and "door Ann" in shown and "@Karla" in shown
        await pilot.press("enter")
        await pilot.pause()
        notes = started.session.state.notes
        assert [(n.kind, n.speaker, n.text) for n in notes] == [
            ("perspective", "Carla", "test hint"),
            ("question", "Bram", "Hoe houden we dit vol"),
            ("perspective", "Ann", "@Karla ! te laat"),
        ]


async def test_the_reflections_footer_offers_its_three_questions_as_keys(
    library: DeckLibrary,
) -> None:
    """It read "1 Vraag 1-3", the key and the questions' numbers twice over."""
    started = start(library, FakeClock())
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_reflection(pilot)
        assert footer_keys(app)["question(0)"].strip() == "1-3 Vraag"
    started.close()


async def test_the_reflection_hint_says_what_is_saved_there(library: DeckLibrary) -> None:
    """On the reflection a `!` makes no decision: the hint names the answer to the question
    and who gives it, and offers no kinds of note; in English too."""
    started = start(library, FakeClock())
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t", "2", "enter", *keys("! Test besluit"))
        screen = app.screen
        assert isinstance(screen, ReflectionScreen)
        shown = hint(screen)
        assert "Antwoord op vraag 2" in shown and "door de groep" in shown
        assert "Besluit" not in shown and "! besluit" not in shown and "tab" in shown
        await pilot.press("tab")
        assert "door Ann" in hint(screen)
        try:
            app.switch_language()
            await pilot.pause()
            await pilot.pause()
            shown = hint(app.screen)
            assert "Answer to question 2" in shown and "by Ann" in shown
            assert "decision" not in shown.replace("decisions and agreements go", "")
        finally:
            i18n.set_language("nl")
        await pilot.press("enter")
        await pilot.pause()
        (note,) = started.session.state.notes_of("reflection")
        assert (note.speaker, note.text) == ("Ann", "! Test besluit")


async def test_the_reflection_keeps_a_draft_when_left_and_opened_again(
    library: DeckLibrary,
) -> None:
    started = start(library, FakeClock())
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("t", "enter", *keys("Goed geluisterd"), "escape")
        await pilot.pause()
        assert "Concept bewaard" in toasts(app)
        await pilot.press("escape")  # back to the board
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("t", "enter")
        await pilot.pause()
        assert app.screen.query_one(CaptureLine).text == "Goed geluisterd"
        await pilot.press("enter")
        await pilot.pause()
        notes = started.session.state.notes_of("reflection")
        assert [(n.text, n.speaker) for n in notes] == [("Goed geluisterd", GROUP)]


async def test_a_reflection_answer_takes_an_at_name_as_a_note_does(library: DeckLibrary) -> None:
    """`@name` at the start or end of an answer said who gave it on the board, but on the
    reflection it was saved as text, by the group."""
    started = start(library, FakeClock())
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t", "enter", *keys("Goed gesprek @Br"))
        assert "door Bram" in hint(app.screen)
        await pilot.press("enter", "2", "enter", *keys("@Ann, meer rust"), "enter")
        await pilot.pause()
        notes = started.session.state.notes_of("reflection")
        assert [(n.text, n.speaker) for n in notes] == [
            ("Goed gesprek", "Bram"),
            ("meer rust", "Ann"),
        ]
        assert notes[1].question == app.screen.questions[1].id


async def test_coaching_feedback_keeps_a_draft(library: DeckLibrary) -> None:
    started = triad(library, FakeClock())
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await first_coaching_round(pilot)
        await pilot.press("enter", *keys("Mooie vraag"), "escape")
        await pilot.pause()
        assert "Concept bewaard" in toasts(app)
        await pilot.press("enter")
        assert screen.query_one(CaptureLine).text == "Mooie vraag"
        await pilot.press("enter")
        await pilot.pause()
        assert [n.text for n in started.session.state.notes_of("feedback")] == ["Mooie vraag"]
        started.writer.flush()


async def test_leaving_with_a_note_typed_and_not_saved_asks_first(library: DeckLibrary) -> None:
    """A draft kept with `esc` lived only as long as the board: `esc` to the menu (or ctrl+q
    with text in the open line) threw it away without a word. Now dialoog asks; "no" keeps
    the note where it was, "yes" leaves without it."""
    from app.screens.dialogs import ConfirmScreen
    from app.screens.home import HomeScreen

    async with on_the_board(library) as (started, board, pilot):
        app = pilot.app
        await pilot.press("enter", *keys("Belangrijk punt"), "escape")  # kept as a draft
        await pilot.press("escape")  # to the menu
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "‘Belangrijk punt’ is nog niet bewaard" in app.screen.question
        await pilot.press("n")  # stay
        await pilot.pause()
        assert app.screen is board
        await pilot.press("enter")
        assert board.query_one(CaptureLine).text == "Belangrijk punt"

        await pilot.press("ctrl+q")  # the line is open, with text in it
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and app.is_running
        await pilot.press("escape")  # escape is "no" too
        await pilot.pause()
        assert app.screen is board and board.query_one(CaptureLine).text == "Belangrijk punt"

        await pilot.press("escape", "escape")  # close the line (draft), then leave
        await pilot.pause()
        await say_yes(pilot)  # throw it away and leave
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert started.session.state.notes == ()


async def test_leaving_with_nothing_typed_asks_nothing(library: DeckLibrary) -> None:
    from app.screens.home import HomeScreen

    async with on_the_board(library) as (_, _board, pilot):
        await type_note(pilot, "Bewaard")
        await pilot.press("enter", "escape")  # opened and closed empty: no draft
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)


async def test_leaving_asks_once_and_not_for_an_edit_left_as_it_was(library: DeckLibrary) -> None:
    """A note opened to edit and left as it was loses nothing: no question. A second ctrl+q
    while the question is open does not stack another one, nor quit without asking."""
    from app.screens.dialogs import ConfirmScreen

    async with on_the_board(library) as (_, board, pilot):
        app = pilot.app
        await type_note(pilot, "Bewaard")
        await pilot.press("o", "enter")  # the note opened for editing, unchanged
        await pilot.pause()
        assert board.query_one(Capture).display
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running  # nothing to lose: quit at once

    async with on_the_board(library) as (_, board, pilot):
        app = pilot.app
        await pilot.press("enter", *keys("Nog niet bewaard"))
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running
        assert [type(s) for s in app.screen_stack].count(ConfirmScreen) == 1
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is board and board.query_one(CaptureLine).text == "Nog niet bewaard"


async def test_an_ended_session_does_not_ask_about_a_draft(library: DeckLibrary) -> None:
    """After the end nothing can be saved: a draft kept before it is no reason to hold the
    facilitator back."""
    from app.screens.home import HomeScreen

    async with on_the_board(library) as (started, _board, pilot):
        await pilot.press("enter", *keys("Te laat"), "escape")
        started.session.end()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)


async def test_the_line_comes_after_the_first_frame_and_enter_before_it_still_works() -> None:
    """The note line (a TextArea) is made once the screen is shown; a line opened before
    that (`enter` among the very first keys) is made at once and takes the keys typed."""
    from rich.text import Text
    from textual.app import App, ComposeResult

    saved: list[str] = []

    def submit(capture: Capture, text: str) -> bool:
        saved.append(f"{capture.speaker}: {text}")
        return True

    def made() -> Capture:
        return Capture(submit, speakers=lambda: ["Ann"], hint=lambda c, text: Text(text))

    class Two(App[None]):
        def compose(self) -> ComposeResult:
            yield made()
            yield made()

        def on_mount(self) -> None:
            first = self.query(Capture).first()
            assert first.made_line is None  # not yet: the screen is not shown yet
            first.open("Ann", "Twee")  # before the first frame

    app = Two()
    async with app.run_test() as pilot:
        first, second = app.query(Capture)
        await pilot.press("space", "d", "enter")
        assert saved == ["Ann: Twee d"] and isinstance(first.made_line, CaptureLine)
        await pilot.pause()
        assert isinstance(second.made_line, CaptureLine) and second.made_line.is_mounted


async def test_a_message_while_a_note_is_typed_leaves_the_line_in_view(
    library: DeckLibrary,
) -> None:
    """Textual shows messages bottom right, where the note line is: while it is open they
    show at the top instead, so what is typed stays in view; afterwards, bottom right again."""
    async with on_the_board(library) as (_, board, pilot):

        def message_region():  # type: ignore[no-untyped-def]
            return board.query_one("Toast").region

        await pilot.press("enter", *keys("Een mening"))
        pilot.app.notify("Een bericht tijdens het typen", timeout=30)
        await pilot.pause()
        line = board.query_one(CaptureLine).region
        assert not message_region().overlaps(line)
        assert message_region().y < board.query_one("#card").region.bottom
        await pilot.press("escape")
        await pilot.pause()
        assert message_region().bottom > board.size.height // 2  # bottom right again


async def test_a_note_typed_on_after_its_line_closed_does_not_end_the_session(
    library: DeckLibrary,
) -> None:
    """After `enter` saves a note the keys are the board's again; a facilitator typing on
    ("Deze week jij") gives `e` (end the session?) and later `j`. The question goes away at
    the first letter that answers nothing, and `enter` alone would say no: the session
    goes on. Asked on purpose, `j` still ends it."""
    from app.screens.dialogs import ConfirmScreen

    async with on_the_board(library) as (started, _, pilot):
        await type_note(pilot, "Eerste punt")
        await pilot.press("e", "z", "e", "enter", "j", "i", "j")
        await pilot.pause()
        assert not started.session.state.ended
        assert not isinstance(pilot.app.screen, ConfirmScreen)
        # the same in one burst, as a terminal delivers fast typing: every key reaches the
        # question before it has gone (it used to be put away once for each, and the board
        # under it with it)
        await type_note(pilot, "Tweede punt")
        send(pilot.app, *keys("Deze week jij"), "n", "n", "escape")
        await pilot.pause()
        await pilot.pause()
        assert not started.session.state.ended and pilot.app.is_running
        send(pilot.app, *keys("de jij"))  # a space right after the `e`, then a `j`
        await pilot.pause()
        await pilot.pause()
        assert not started.session.state.ended and pilot.app.is_running
        # typed at a person's pace, the `j` right after the `e` ("bejaard", "hey"): too soon
        # after the question came to be an answer to it; the next letter puts it away
        for key in ["b", "e", "j", "a", "space", "h", "e", "y", "space"]:
            await pilot.press(key)
            await pilot.pause(0.15)
        assert not started.session.state.ended and pilot.app.is_running
        assert isinstance(pilot.app.screen, BoardScreen)
        assert isinstance(pilot.app.screen, BoardScreen)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await say_yes(pilot)
        await pilot.pause()
        assert started.session.state.ended


async def test_at_80x24_a_long_note_leaves_the_card_whole(library: DeckLibrary) -> None:
    """A note that wraps to four lines, or a paste of thirty, shrank the card at 80x24 until
    its question lost its last line, on the projector. Under 30 rows the note line now
    shows three lines and scrolls, with its frame whole, and the card keeps its question."""
    from textual import events

    started = start(library)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", "4", "enter")  # a question of three lines at 80 columns
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        question = board.session.state.card.text
        assert question.endswith("dagelijkse werk van schoolleiders?")
        await pilot.press("n", "enter")
        line = board.query_one(CaptureLine)
        line.post_message(events.Paste("Dit is een lange notitie " * 9))
        await pilot.pause()
        assert line.wrapped_document.height >= 4  # the note wraps to more lines than show
        assert " ".join(question.split()[-4:]) in screen_text(app)
        line.post_message(events.Paste("\n".join(f"Regel {n}" for n in range(1, 31))))
        await pilot.pause()
        assert "Regel 30" in line.text
        assert " ".join(question.split()[-4:]) in screen_text(app)
        assert line.region.height == 5  # three lines and the frame
        assert line.region.bottom <= app.size.height - 1  # above the Footer
        await pilot.press("escape")
    started.close()


async def test_a_note_line_open_as_the_window_shrinks_to_80x24_leaves_the_card_whole(
    library: DeckLibrary,
) -> None:
    """The short line was set only as the line opened: a window made smaller to 80x24 with a
    long note open kept the tall line, and the card lost its question's last line."""
    from textual import events

    started = start(library)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("slash", "4", "enter")
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        question = board.session.state.card.text
        await pilot.press("n", "enter")
        line = board.query_one(CaptureLine)
        line.post_message(events.Paste("\n".join(f"Regel {n}" for n in range(1, 31))))
        await pilot.pause()
        tall = line.region.height
        assert tall > 5
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert " ".join(question.split()[-4:]) in screen_text(app)
        assert line.region.height == 5 and line.region.bottom <= app.size.height - 1
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        await pilot.pause()
        assert line.region.height == tall  # room again: the line as tall as before
        await pilot.press("escape")
    started.close()
