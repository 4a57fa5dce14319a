"""Pilot: the note line on the board and the reflection: the hint above the line names what
will be saved."""

from __future__ import annotations

from app.main import DialoogApp
from app.screens.reflection import ReflectionScreen
from cards import i18n
from cards.loader import DeckLibrary
from tests.fakes import FakeClock
from tests.test_notes_ui import on_the_board, start

KEYS = {" ": "space", "?": "question_mark", "!": "exclamation_mark", "@": "at"}


def keys(text: str) -> list[str]:
    return [KEYS.get(ch, ch) for ch in text]


def hint(screen: object) -> str:
    return str(screen.query_one("#capture-hint").content)  # type: ignore[attr-defined]


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
