"""Stylesheets parsed at one start are read back at the next (`app.kept_css`): the screen
looks the same, an edited text or another theme is parsed anew, and a cache that cannot be
used never stands in the way."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest
import textual.css.stylesheet
from textual.layout import Layout

from app import cli, kept_css, locations
from app.main import DialoogApp
from cards.loader import DeckLibrary
from tests.test_styled import OTHER_THEME, started, styles_of


@pytest.fixture(autouse=True)
def no_cache_after() -> Any:
    yield
    kept_css.CSS.use(None)


def plain(value: object) -> object:
    """A value of a style as it can be compared between starts (a layout by its name)."""
    if isinstance(value, Layout):
        return value.name
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return tuple(plain(item) for item in value)
    return value


def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text Textual's parser is given from now on."""
    texts: list[str] = []
    parse = textual.css.stylesheet.parse

    def counted(scope: str, css: str, *args: Any, **kwargs: Any) -> Any:
        texts.append(css)
        return parse(scope, css, *args, **kwargs)

    monkeypatch.setattr(textual.css.stylesheet, "parse", counted)
    return texts


async def a_start(library: DeckLibrary, file: Path, theme: str | None = None) -> list[Any]:
    """Start the app on a board with `file` as its cache, as the command does; what the board
    looks like: every widget's styles, and the screen's cells."""
    kept_css.CSS.use(file)
    app = DialoogApp(library, start=started(library), theme_name=theme)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the first frame's rules written
        screen = app.screen
        looks = [plain(styles) for styles in styles_of(screen)]
        looks.append(
            [(s.text, s.style) for strip in screen._compositor.render_strips() for s in strip]
        )
    locations.save_cache(kept_css.CSS)  # the rest, as the command does when the app ends
    return looks


async def test_the_next_start_reads_the_rules_back_and_looks_the_same(
    library: DeckLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / kept_css.FILE
    first = await a_start(library, file)
    assert file.exists()
    texts = parsed(monkeypatch)
    again = await a_start(library, file)
    assert texts == []  # nothing parsed at all
    assert again == first


async def test_another_theme_is_parsed_anew(
    library: DeckLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / kept_css.FILE
    dark = await a_start(library, file)
    texts = parsed(monkeypatch)
    light = await a_start(library, file, theme=OTHER_THEME)
    assert texts  # the theme's colours are in the rules: parsed with this theme's
    assert light != dark
    texts.clear()
    assert await a_start(library, file, theme=OTHER_THEME) == light
    assert await a_start(library, file) == dark
    assert texts == []  # both kept


def a_stylesheet(css: str) -> kept_css.KeptStylesheet:
    sheet = kept_css.KeptStylesheet(variables={"accent": "red"})
    sheet.add_source(css, read_from=("eigen.tcss", ""))
    return sheet


def start_again(file: Path) -> None:
    locations.save_cache(kept_css.CSS)
    kept_css.CSS.use(file)


def parse_at_this_start(monkeypatch: pytest.MonkeyPatch, css: str) -> tuple[list[str], str]:
    """Parse `css`: the texts the parser was given for it, and the colour of its rule."""
    texts = parsed(monkeypatch)
    sheet = a_stylesheet(css)
    sheet.parse()
    return texts, sheet.rules[0].styles.color.css


def test_an_edited_text_is_parsed_anew(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / kept_css.FILE
    kept_css.CSS.use(file)
    a_stylesheet("Static { color: $accent; }").parse()
    start_again(file)
    blue = "Static { color: blue; }"
    assert parse_at_this_start(monkeypatch, blue) == ([blue], "rgb(0,0,255)")


def test_text_with_errors_is_reported_every_time_and_never_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / kept_css.FILE
    kept_css.CSS.use(file)
    for _ in range(2):
        with pytest.raises(textual.css.stylesheet.StylesheetParseError):
            a_stylesheet("Static { colour: red; }").parse()
        start_again(file)
    assert not file.exists()


@pytest.mark.parametrize("junk", ["garbage", "not rules", "other textual"])
def test_a_cache_that_cannot_be_used_is_parsed_anew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, junk: str
) -> None:
    file = tmp_path / kept_css.FILE
    kept_css.CSS.use(file)
    a_stylesheet("Static { color: $accent; }").parse()
    start_again(file)
    (key,) = kept_css.CSS.entries()
    if junk == "garbage":
        kept_css.CSS.put(key, b"\x80\x05garbage")
    elif junk == "not rules":
        kept_css.CSS.put(key, pickle.dumps(["Static { color: green; }"]))
    else:
        monkeypatch.setattr(kept_css.CSS, "format", (*kept_css.FORMAT[:2], "another textual"))
        kept_css.CSS.put(key, kept_css.CSS.entries()[key])  # written anew in its format
    start_again(file)
    kept_css.CSS.format = kept_css.FORMAT  # this Textual reads the file
    accent = "Static { color: $accent; }"
    assert parse_at_this_start(monkeypatch, accent) == ([accent], "rgb(255,0,0)")


def test_the_command_keeps_the_rules_for_the_next_start(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`dialoog new`, twice: the second start parses no stylesheet."""
    run, ready = DialoogApp.run, DialoogApp.on_ready

    def headless(app: DialoogApp) -> None:
        run(app, headless=True, size=(100, 30))

    def quit_once_shown(app: DialoogApp) -> None:
        ready(app)
        app.call_after_refresh(app.exit)

    monkeypatch.setattr(DialoogApp, "run", headless)
    monkeypatch.setattr(DialoogApp, "on_ready", quit_once_shown)
    command = ["new", "--title", "Stijl", "--participants", "Ann,Bram"]
    assert cli.main(command) == 0
    assert (isolated / "cache" / kept_css.FILE).exists()
    texts = parsed(monkeypatch)
    assert cli.main(command) == 0
    assert texts == []


async def test_a_theme_changed_while_running_reaches_what_is_parsed_afterwards(
    library: DeckLibrary, tmp_path: Path
) -> None:
    """A board (its Header's rules kept), then at the next start the menu, another theme,
    and a board: the Header has the new theme's colours, not the kept ones."""
    from textual.color import Color
    from textual.widgets import Header

    from app import live
    from app.screens.board import BoardScreen

    for switch in (False, True):
        kept_css.CSS.use(tmp_path / kept_css.FILE)
        app = DialoogApp(library)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            if switch:
                app.theme = OTHER_THEME
                await pilot.pause()
            await app.push_screen(BoardScreen(live.practice(library.get("dialoogkaarten"))))
            await pilot.pause()
            panel = Color.parse(app.get_css_variables()["panel"])
            assert app.screen.query_one(Header).styles.background == panel
        locations.save_cache(kept_css.CSS)
