"""A board (and the menu) comes up without the second restyle Textual asks for
(`app.styled.StyledOnMount`): these tests hold Textual to the reasons that restyle changes
nothing for it."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from app import live
from app.main import DialoogApp
from app.screens.board import BoardScreen
from app.screens.dialogs import ConfirmScreen
from app.theme_names import DEFAULT_THEME
from cards.loader import DeckLibrary
from sessions.meta import SessionSetup

OTHER_THEME = "dialoog-contrast-light"


def styles_of(screen: Screen[Any]) -> list[tuple[str, object, object]]:
    """Every widget's styles from the stylesheet, its parts' (a Footer key's) included."""
    return [
        (
            repr(node),
            node.styles.base.get_rules(),
            {name: node.get_component_styles(name).base.get_rules() for name in parts},
        )
        for node in screen.walk_children(with_self=True)
        for parts in [node.COMPONENT_CLASSES]
    ]


def restyled(screen: Screen[Any]) -> list[tuple[str, object, object]]:
    """The styles a restyle of every widget on `screen` gives (what the skipped one would)."""
    screen.app.stylesheet.update_nodes(screen.walk_children(with_self=True), animate=False)
    return styles_of(screen)


def started(library: DeckLibrary) -> live.LiveSession:
    setup = SessionSetup(title="Stijl", participants=("Ann", "Bram", "Carla"))
    return live.create(setup, {d.id: d for d in library}, seed=1)


async def test_a_board_at_start_up_has_the_styles_a_restyle_would_give(
    library: DeckLibrary,
) -> None:
    app = DialoogApp(library, start=started(library))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen) and board._resumed  # it skipped the restyle
        assert styles_of(board) == restyled(board)


async def test_the_menu_at_start_up_has_the_styles_a_restyle_would_give(
    library: DeckLibrary,
) -> None:
    from app.screens.home import HomeScreen

    app = DialoogApp(library)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen) and home._resumed
        assert styles_of(home) == restyled(home)


async def test_a_theme_set_before_the_board_is_up_reaches_it(library: DeckLibrary) -> None:
    app = DialoogApp(library)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        board = BoardScreen(live.practice(library.get("dialoogkaarten"), seed=1))
        app.push_screen(board)
        app.theme = OTHER_THEME  # before the board has come up
        await pilot.pause()
        await pilot.pause()
        assert app.screen is board and board._resumed
        assert board.styles.background == app.current_theme.to_color_system().background
        assert styles_of(board) == restyled(board)


async def test_a_theme_changed_under_a_dialog_is_on_the_board_after_it(
    library: DeckLibrary,
) -> None:
    app = DialoogApp(library, start=started(library), theme_name=DEFAULT_THEME)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        before = styles_of(board)
        app.push_screen(ConfirmScreen("?", yes="ja"))
        await pilot.pause()
        app.theme = OTHER_THEME
        await pilot.pause()
        app.pop_screen()
        await pilot.pause()
        assert app.screen is board
        assert board.styles.background == app.current_theme.to_color_system().background
        assert styles_of(board) != before
        assert styles_of(board) == restyled(board)
