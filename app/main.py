"""The Textual app: themes, stylesheets and the first screen. Screens do the rest."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

import assets
from app.themes import DEFAULT_THEME, THEMES
from cards.i18n import t
from cards.loader import DeckLibrary

ASSETS = Path(assets.__file__).parent


class DialoogApp(App[None]):
    """dialoog: deal dialogue cards on a projector."""

    TITLE = "dialoog"
    CSS_PATH = [ASSETS / "app.tcss", ASSETS / "board.tcss"]
    BINDINGS = [
        Binding("ctrl+q", "quit", "app.quit", show=False, priority=True, id="quit"),
        Binding("ctrl+c", "help_quit", show=False, system=True),
        Binding("ctrl+p", "command_palette", "app.palette", show=False, priority=True),
    ]

    def __init__(
        self,
        library: DeckLibrary,
        *,
        theme_name: str | None = None,
        seed: int | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.seed = seed
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = theme_name or DEFAULT_THEME

    def get_default_screen(self) -> Screen[None]:
        from app.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self.title = t("app.title")
        for error in self.library.errors:
            self.notify(
                "\n".join(error.lines()),
                title=t("app.deck_skipped"),
                severity="warning",
                timeout=15,
                markup=False,
            )
