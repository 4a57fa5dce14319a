"""The screens that hold a session draw their plain containers as background alone
(`app.widgets.plain`): Textual then keeps one blank line for such a container rather than
each of its lines, cut up around the widgets on it (about 1 MiB of a 2,000-note board's
peak memory, `make bench`). What the screen shows stays the same: the snapshots hold that."""

from __future__ import annotations

from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget

from app import live
from app.main import DialoogApp
from app.screens.reflection import ReflectionScreen
from cards.loader import DeckLibrary
from sessions.meta import SessionSetup


def _bordered(widget: Widget) -> bool:
    styles = widget.styles
    edges = (styles.border_top, styles.border_right, styles.border_bottom, styles.border_left)
    return any(kind not in ("", "none", "hidden") for kind, _ in edges)


def drawn_line_by_line(screen: Screen[object]) -> list[str]:
    """The screen itself, and the plain containers on it without a border, that Textual
    still draws line by line."""
    found = [] if screen.BLANK else [type(screen).__name__]
    for widget in screen.walk_children():
        plain = isinstance(widget, Horizontal | Vertical)  # scrolling ones are neither
        if plain and not _bordered(widget) and not widget.BLANK:
            found.append(f"{type(widget).__name__}#{widget.id}")
    return found


async def test_board_with_its_note_line_open(library: DeckLibrary) -> None:
    setup = SessionSetup(title="Plain", participants=("Ann", "Bram", "Carla"))
    started = live.create(setup, {d.id: d for d in library}, seed=1)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("d", "n", "enter", *"Een mening")
        await pilot.pause()
        assert app.screen.query_one("#capture").display
        assert drawn_line_by_line(app.screen) == []
        app.push_screen(ReflectionScreen(started))
        await pilot.pause()
        assert drawn_line_by_line(app.screen) == []


async def test_coaching(library: DeckLibrary) -> None:
    setup = SessionSetup(title="Triade", participants=("Ann", "Bram", "Carla"), format="coaching")
    started = live.create(setup, {d.id: d for d in library}, seed=1)
    started.session.start_coaching_round("Casus", "Feedbackgesprek")
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert drawn_line_by_line(app.screen) == []
