"""The Footer draws its keys as one line: each key still runs when clicked, lights up under
the mouse with its tooltip, and a key that is off says so with a bell; the line follows the
keys without being made anew."""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from app import live
from app.main import DialoogApp
from app.screens.board import BoardScreen
from app.widgets.footer import KeyLine, ResponsiveFooter
from cards.loader import DeckLibrary
from sessions.meta import SessionSetup
from tests.screens import footer_shown


class Keys(Screen[None]):
    BINDINGS = [
        Binding("a", "count('a')", "Alfa", tooltip="De eerste"),
        Binding("b", "count('b')", "Bravo"),
        Binding("c", "count('c')", "Charlie"),  # shown, but off (`check_action`)
    ]

    def __init__(self) -> None:
        super().__init__()
        self.ran: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("Velden", id="field")
        yield ResponsiveFooter()

    def action_count(self, name: str) -> None:
        self.ran.append(name)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if parameters == ("c",) else True


class KeysApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.bells = 0

    def on_mount(self) -> None:
        self.push_screen(Keys())

    def bell(self) -> None:
        self.bells += 1


def place(app: Any, action: str) -> tuple[int, int]:
    """Where `action`'s key is in the Footer's key line: its offset in the line."""
    line = app.screen.query_one(KeyLine)
    for key, region in footer_shown(app):
        if key.action == action:
            return region.x - line.region.x, 0
    raise AssertionError(f"{action} is not in the Footer")


async def test_a_clicked_key_runs_and_a_key_that_is_off_rings() -> None:
    app = KeysApp()
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, Keys)
        assert await pilot.click(KeyLine, offset=place(app, "count('b')"))
        await pilot.pause()
        assert screen.ran == ["b"]
        assert await pilot.click(KeyLine, offset=place(app, "count('c')"))
        await pilot.pause()
        assert screen.ran == ["b"] and app.bells == 1


async def test_a_key_under_the_mouse_lights_up_with_its_tooltip() -> None:
    app = KeysApp()
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        line = app.screen.query_one(KeyLine)
        hover = line.get_component_rich_style("key-line--hover").bgcolor
        x, _ = place(app, "count('a')")
        assert hover is not None and hover != line.rich_style.bgcolor

        def background_at(cell: int) -> object:
            strip = line.render_line(0)
            seen = 0
            for segment in strip:
                if seen <= cell < seen + len(segment.text):
                    return segment.style.bgcolor if segment.style else None
                seen += len(segment.text)
            raise AssertionError("past the line")

        await pilot.hover(KeyLine, offset=(x, 0))
        await pilot.pause()
        assert background_at(x) == hover and line.tooltip == "De eerste"
        await pilot.hover(KeyLine, offset=place(app, "count('b')"))
        await pilot.pause()
        assert background_at(x) != hover and line.tooltip is None  # Bravo has no tooltip
        await pilot.hover("#field")
        await pilot.pause()
        assert line.hovered is None


async def test_a_key_that_is_off_is_dimmed() -> None:
    app = KeysApp()
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        line = app.screen.query_one(KeyLine)
        x, _ = place(app, "count('c')")
        dim = [
            bool(segment.style and segment.style.dim)
            for segment in line.render_line(0)
            for _ in segment.text
        ]
        assert dim[x] and not dim[place(app, "count('b')")[0]]


async def test_the_line_follows_the_keys_without_being_made_anew(library: DeckLibrary) -> None:
    setup = SessionSetup(title="Voet", participants=("Ann", "Bram"))
    started = live.create(setup, {d.id: d for d in library}, seed=1)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        line = app.screen.query_one(KeyLine)
        assert "deal" in {key.action for key, _ in footer_shown(app)}
        await pilot.press("enter")  # the note line opens: its keys take the Footer
        await pilot.pause(0.2)
        shown = {key.action for key, _ in footer_shown(app)}
        assert "deal" not in shown and "submit" in shown
        assert app.screen.query_one(KeyLine) is line
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert "deal" in {key.action for key, _ in footer_shown(app)}
        await pilot.click(KeyLine, offset=place(app, "deal"))  # a click deals, as `d` does
        await pilot.pause()
        assert started.session.state.card is not None
    started.close()
