"""Pilot: a full kgotla round on the board, keys only, as a facilitator runs it."""

from __future__ import annotations

import io

import pytest
from textual.widgets import Static

from app import live
from app.main import DialoogApp
from app.screens.board import BoardScreen
from app.screens.closing import ClosingScreen
from cards.loader import DeckLibrary
from sessions.export.markdown import to_markdown
from sessions.meta import SessionSetup
from sessions.store import load_events
from tests.fakes import FakeClock
from tests.screens import screen_text


def kgotla(library: DeckLibrary, fake: FakeClock) -> live.LiveSession:
    setup = SessionSetup(
        title="Kgotla",
        participants=("Ann", "Bram", "Carla", "Dirk", "Leila"),
        leader="Leila",
        format="kgotla",
        turn_seconds=60,
    )
    return live.create(setup, {d.id: d for d in library}, seed=5, now=fake)


def airtime_lines(board: BoardScreen) -> list[str]:
    """The rows of the airtime panel as shown: name, time, turns, passes."""
    from rich.console import Console

    console = Console(width=36, file=io.StringIO(), record=True)
    console.print(board.query_one("#airtime", Static).content)
    lines = console.export_text().splitlines()
    return [line for line in lines if line.split()[:1] in (["Ann"], ["Bram"], ["Carla"])]


def toasts(app: DialoogApp) -> str:
    return "\n".join(str(toast.render()) for toast in app.screen.query("Toast"))


async def test_full_kgotla_round_with_a_pass(library: DeckLibrary) -> None:
    fake = FakeClock()
    started = kgotla(library, fake)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        await pilot.press("d", "l")
        await pilot.pause()
        assert "als laatste" in toasts(app)  # the leader is locked
        await pilot.press("space", "n")
        assert board.session.state.speaker == "Ann"
        fake.advance(20)
        board.tick()
        assert str(board.query_one("#clock").value) == "0:40"
        await pilot.press("n")
        fake.advance(5)
        await pilot.press("p")  # Bram passes
        assert board.session.state.speaker == "Carla"
        circle = str(board.query_one("#circle").content)
        assert "✓ Ann" in circle and "– Bram" in circle and "▶ Carla" in circle
        assert "· Dirk" in circle and "Leila★" in circle
        await pilot.press("n", "n")  # Dirk, then his turn ends: everyone is heard
        await pilot.pause()
        assert board.session.state.speaker == ""
        floor = str(board.query_one("#floor").content)
        assert floor == "Iedereen is gehoord. l: Leila vat samen."
        info = str(board.query_one("#round-info").content)
        assert info.startswith("Ronde 1 · 3 van 4 gehoord · 1 gepast"), info
        await pilot.press("l")
        assert board.session.state.speaker == "Leila"
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ClosingScreen)
        await pilot.press("2")  # agree to disagree
        await pilot.pause()
        state = board.session.state
        assert state.round.closing == "disagree"
        assert "verschillen van mening" in str(board.query_one("#floor").content)
        started.writer.flush()
        on_disk = load_events(started.path)
        assert [type(e).__name__ for e in on_disk].count("FloorGiven") == 6
        assert on_disk[-1].closing == "disagree"


async def test_a_step_clears_the_refusal_it_made_stale_but_not_a_notice(
    library: DeckLibrary,
) -> None:
    """`n` once everyone is heard is refused ("l: Leila vat samen"); after `l` that message
    no longer holds and goes at once, rather than covering the circle for its seconds. A
    notice to read (12 s, as the decks skipped at start) stays through a step."""
    app = DialoogApp(library, start=kgotla(library, FakeClock()))
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("d", "space", *"nnnnn")  # Ann to Dirk heard; the floor is empty
        await pilot.press("n")
        await pilot.pause()
        assert "l: Leila vat samen" in toasts(app)
        await pilot.press("l")
        await pilot.pause()
        assert app.screen.session.state.speaker == "Leila"
        assert toasts(app) == ""
        app.notify("De map is verplaatst", severity="warning", timeout=12)
        await pilot.press("plus")
        await pilot.pause()
        assert "De map is verplaatst" in toasts(app)


async def test_the_airtime_panel_shows_long_names_whole(library: DeckLibrary) -> None:
    """Names were cut to the panel's name column: two people called Mohammed El ... were
    both "Mohammed E…", and anonymous participants all "Participan…". A long name now
    wraps within its column."""
    from rich.console import Console

    setup = SessionSetup(
        title="Lange namen",
        participants=("Mohammed El Amrani", "Mohammed El Idrissi", "Participant 12"),
        format="kgotla",
    )
    started = live.create(setup, {d.id: d for d in library}, seed=5, now=FakeClock())
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("d", "n", "n", "n", "a")
        await pilot.pause()
        console = Console(width=32, file=io.StringIO(), record=True)
        console.print(app.screen.query_one("#airtime", Static).content)
        shown = " ".join(console.export_text().split())
        for name in ("El Amrani", "El Idrissi", "nt 12"):  # "Participa" / "nt 12": folded
            assert name in shown, shown
        assert "…" not in shown
    started.close()


async def test_clock_cues_at_zero(library: DeckLibrary) -> None:
    fake = FakeClock()
    started = kgotla(library, fake)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        board = app.screen
        await pilot.press("d", "space", "n")
        digits = board.query_one("#clock")
        fake.advance(35)
        board.tick()
        assert digits.has_class("-warning")
        fake.advance(30)
        board.tick()
        await pilot.pause()
        assert digits.has_class("-over") and board.has_class("-flash")
        assert str(digits.value) == "+0:05"
        assert board.session.state.speaker == "Ann"  # the clock never stops a speaker


async def test_airtime_panel_is_hidden_by_default_and_counts_who_is_speaking(
    library: DeckLibrary,
) -> None:
    """Hidden until `a`; then Ann's 42 s, and Bram's time as it goes (not 0:00 until he is
    done)."""
    fake = FakeClock()
    app = DialoogApp(library, start=kgotla(library, fake))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        board = app.screen
        await pilot.press("d", "space", "n")
        fake.advance(42)
        await pilot.press("n")
        panel = board.query_one("#airtime")
        assert not panel.display  # projector-safe: no minutes per person
        await pilot.press("a")
        assert panel.display
        fake.advance(17)
        board.tick()
        await pilot.pause()
        rows = {line.split()[0]: line.split()[1:] for line in airtime_lines(board)}
        assert rows["Ann"] == ["0:42", "1", "0"]
        assert rows["Bram"] == ["0:17", "1", "0"]
        await pilot.press("a")
        assert not panel.display
        # Carla's 11.5 s: the panel cut it to 0:11, the exports rounded it to 0:12
        await pilot.press("n")
        fake.advance(11.5)
        await pilot.press("n", "a")
        await pilot.pause()
        rows = {line.split()[0]: line.split()[1:] for line in airtime_lines(board)}
        exported = to_markdown(board.session.state)
        assert rows["Carla"][0] == "0:12" and "| Carla | 0:12 |" in exported


def test_closing_with_the_clock_running_keeps_the_time_it_stood_at(library: DeckLibrary) -> None:
    """The facilitator quits while Ann speaks (13 s of her 60): resumed, her clock shows 0:47,
    paused, and `u` takes back the floor given to her, not the pause the closing made."""
    fake = FakeClock()
    started = kgotla(library, fake)
    session = started.session
    session.deal()
    session.toggle_clock()
    session.next_speaker()
    fake.advance(13)
    started.close()
    fake.advance(600)  # the break
    decks = {d.id: d for d in library}
    resumed = live.open_session(started.path, decks, now=fake)
    try:
        again = resumed.session
        assert not again.running
        assert again.turn_clock.remaining() == pytest.approx(47, abs=0.01)
        again.undo()
        assert again.state.speaker == ""
    finally:
        resumed.close()
    closed_twice = live.open_session(started.path, decks, now=fake)
    closed_twice.close()  # opened and closed with the clock paused: nothing more is recorded
    assert len(load_events(started.path)) == len(session.events) + 1  # the undo


async def test_the_closing_choice_leaves_the_board_in_sight(library: DeckLibrary) -> None:
    """Choosing how a round closes covered the whole board; now the board shows, dimmed,
    around a centred dialog."""
    fake = FakeClock()
    app = DialoogApp(library, start=kgotla(library, fake))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("d", "n", "n", "n", "n", "l", "c")
        await pilot.pause()
        assert isinstance(app.screen, ClosingScreen)
        assert app.screen.styles.background.a < 1  # see-through: the board behind it
        dialog = app.screen.query_one(".dialog").region
        assert dialog.x > 0 and dialog.y > 0 and dialog.bottom < 36
        footer = screen_text(app).split("schudcode")[-1]  # the bottom line
        assert "1-3 Kies" in footer and "esc Annuleer" in footer  # the dialog's keys ...
        assert "d Deel" not in footer  # ... not the board's, which do nothing now


@pytest.mark.parametrize("language", ["nl", "en"])
async def test_at_80_columns_the_footer_shows_undo_and_then_the_leader_and_closing(
    library: DeckLibrary, language: str
) -> None:
    """Not every key fits at 80x24: the Footer follows the round, and undo always stays.
    While people are still to speak it shows the next speaker and pass; while the last of
    them holds the floor, pass (they may still pass) and the leader; once the leader has the
    floor, the leader and the closing, in place of pass, which the rule then refuses."""
    from app.bindings import COMPACT_BELOW
    from cards import i18n
    from tests.test_coaching import footer_keys

    assert COMPACT_BELOW > 80
    i18n.set_language(language)
    app = DialoogApp(library, start=kgotla(library, FakeClock()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("d", "n")
        await pilot.pause()
        shown = footer_keys(app)
        assert {"undo", "next_speaker", "pass_turn", "capture"} <= shown.keys(), shown
        narrow = language == "nl"  # the Dutch words do not all fit; the English ones do
        assert ("close_round" not in shown) is narrow
        await pilot.press("n", "n", "n")  # Bram, Carla, Dirk: the last before the leader
        await pilot.pause()
        shown = footer_keys(app)
        assert {"undo", "pass_turn", "leader_turn", "capture"} <= shown.keys(), shown
        assert ("close_round" not in shown) is narrow
        await pilot.press("l")  # the leader speaks last
        await pilot.pause()
        shown = footer_keys(app)
        assert {"undo", "leader_turn", "close_round", "capture"} <= shown.keys(), shown
        assert ("pass_turn" not in shown) is narrow
        await pilot.press("u")  # the leader's turn undone: Dirk holds the floor again
        await pilot.pause()
        assert {"pass_turn", "undo"} <= footer_keys(app).keys()


async def test_at_80_columns_the_round_line_beside_the_clock_wraps_rather_than_runs_off(
    library: DeckLibrary,
) -> None:
    """Ann heard, Bram passed, the clock paused: the line beside the clock is longer than the
    room the clock leaves at 80 columns; it wraps, and "gepauzeerd" is on screen whole."""
    app = DialoogApp(library, start=kgotla(library, FakeClock()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("d", "n", "space", "n", "p", "space")
        await pilot.pause()
        await pilot.pause()
        info = app.screen.query_one("#round-info", Static)
        assert "gepauzeerd" in str(info.content)
        assert info.region.right <= 80 and info.region.height >= 2
        assert "gepauzeerd" in screen_text(app)


def test_the_circle_breaks_between_names_so_a_mark_keeps_its_name(library: DeckLibrary) -> None:
    """Eleven people at 40 columns: the circle takes more lines, each name with its mark
    (Textual wrapped at any space, and a line could end in "·" with its name on the next)."""
    from app.widgets.circle import MARKS, circle_content
    from sessions.session import Session

    names = (
        *("Anna", "Bram", "Carla", "Dirk", "Eva", "Femke"),
        *("Gijs", "Hanna", "Ivo", "Jan", "Karin"),
    )
    setup = SessionSetup(title="K", participants=names, format="kgotla", leader="Carla")
    session = Session.start(setup, {d.id: d for d in library}, seed=1)
    lines = circle_content(session.state, 40).plain.split("\n")
    assert len(lines) > 1 and all(len(line) <= 40 for line in lines)
    assert all(line.split()[0] in MARKS.values() for line in lines), lines
    assert all(not line.rstrip().endswith(tuple(MARKS.values())) for line in lines), lines
    assert circle_content(session.state).plain.count("\n") == 0  # room enough: one line
