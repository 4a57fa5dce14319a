"""Snapshot tests of what the facilitator sees. Review the SVG before --snapshot-update."""

from __future__ import annotations

import pytest

from app.live import practice
from app.main import DialoogApp
from app.screens.board import BoardScreen
from cards.loader import DeckLibrary

SIZES = [(80, 24), (160, 45)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x45"])
def test_home(snap_compare, library: DeckLibrary, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(DialoogApp(library, seed=1), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x45"])
def test_board_with_follow_up(snap_compare, library: DeckLibrary, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """Dialoogkaart 3 (three questions: the first on the card, the rest as follow-up)."""

    async def deal_card_three(pilot) -> None:  # type: ignore[no-untyped-def]
        board = BoardScreen(practice(library.get("dialoogkaarten"), seed=1))
        await pilot.app.push_screen(board)
        await pilot.press("d", "d", "slash")
        await pilot.pause()
        await pilot.press("3", "enter", "f")
        await pilot.pause()

    assert snap_compare(DialoogApp(library, seed=1), terminal_size=size, run_before=deal_card_three)


def test_deck_browser(snap_compare, library: DeckLibrary) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(DialoogApp(library, seed=1), terminal_size=(80, 24), press=["d"])


def test_new_session_form_with_problems(snap_compare, library: DeckLibrary) -> None:  # type: ignore[no-untyped-def]
    """Validation messages stand beside their fields; the whole form fits at 80x24."""

    async def fill_badly(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("n")
        await pilot.pause()
        pilot.app.screen.query_one("#field-date").value = "2026-11-21"  # not today's date
        pilot.app.screen.query_one("#field-participants").focus()
        await pilot.press(*"Ann, Bram, ann")
        await pilot.press("ctrl+s")
        await pilot.pause()
        for field in pilot.app.screen.query("Input"):
            field.cursor_blink = False  # a blinking cursor makes the picture flicker
        await pilot.pause()

    assert snap_compare(DialoogApp(library, seed=1), terminal_size=(80, 24), run_before=fill_badly)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x45"])
def test_board_mid_kgotla(snap_compare, library: DeckLibrary, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """Ann heard, Bram passed, Carla speaking with 0:48 left; the clock is frozen."""
    from app import live
    from sessions.meta import SessionSetup
    from tests.fakes import FakeClock

    fake = FakeClock()
    setup = SessionSetup(
        title="Kgotla visie",
        participants=("Ann", "Bram", "Carla", "Dirk", "Leila"),
        leader="Leila",
        format="kgotla",
        turn_seconds=60,
    )
    started = live.create(setup, {d.id: d for d in library}, seed=5, now=fake)
    session = started.session
    session.deal()
    session.toggle_clock()
    session.next_speaker()
    fake.advance(30)
    session.next_speaker()
    session.pass_turn()
    fake.advance(12)
    assert snap_compare(DialoogApp(library, start=started), terminal_size=size)


def _triad(library: DeckLibrary, segments: int):  # type: ignore[no-untyped-def]
    from app import live
    from sessions.meta import SessionSetup
    from sessions.notes import Draft
    from tests.fakes import FakeClock

    fake = FakeClock()
    setup = SessionSetup(title="Triade", participants=("Ann", "Bram", "Carla"), format="coaching")
    started = live.create(setup, {d.id: d for d in library}, seed=1, now=fake)
    session = started.session
    session.start_coaching_round("Leraar aanspreken op te laat komen", "Feedbackgesprek")
    session.toggle_clock()
    session.next_segment()
    for seconds, behaviour in ((20, "open"), (15, "closed"), (40, "further"), (50, "advice")):
        fake.advance(seconds)
        session.tally(behaviour)
    for _ in range(segments):
        session.next_segment()
    if segments:
        session.record(Draft("feedback", "Je vroeg goed door", "Bram"), question="helped")
        session.record(Draft("feedback", "Advies kwam vroeg", "Carla"), question="better")
    fake.advance(7)
    return started


def test_coaching_conversation(snap_compare, library: DeckLibrary) -> None:  # type: ignore[no-untyped-def]
    started = _triad(library, 0)
    assert snap_compare(DialoogApp(library, start=started), terminal_size=(80, 24))


def test_coaching_feedback_sheet(snap_compare, library: DeckLibrary) -> None:  # type: ignore[no-untyped-def]
    started = _triad(library, 2)
    assert snap_compare(DialoogApp(library, start=started), terminal_size=(100, 30))


@pytest.mark.parametrize("theme", ["dialoog-contrast", "dialoog-contrast-light"])
def test_board_high_contrast(snap_compare, library: DeckLibrary, theme: str) -> None:  # type: ignore[no-untyped-def]
    """The beamer themes: big contrast, no thin grey text."""
    from app import live
    from sessions.meta import SessionSetup
    from sessions.notes import Draft
    from tests.fakes import FakeClock

    fake = FakeClock()
    setup = SessionSetup(title="Beamer", participants=("Ann", "Bram", "Carla"), format="circle")
    started = live.create(setup, {d.id: d for d in library}, seed=3, now=fake)
    started.session.deal()
    started.session.toggle_clock()
    started.session.next_speaker()
    started.session.record(Draft("question", "Wat maakt dit zo lastig?", "Ann"))
    fake.advance(100)
    app = DialoogApp(library, start=started, theme_name=theme)
    assert snap_compare(app, terminal_size=(100, 30))


def test_help_panel(snap_compare, library: DeckLibrary) -> None:  # type: ignore[no-untyped-def]
    from app import live
    from sessions.meta import SessionSetup
    from tests.fakes import FakeClock

    setup = SessionSetup(title="Hulp", participants=("Ann", "Bram"), format="kgotla", leader="Ann")
    started = live.create(setup, {d.id: d for d in library}, seed=3, now=FakeClock())
    app = DialoogApp(library, start=started)
    assert snap_compare(app, terminal_size=(120, 40), press=["question_mark"])
