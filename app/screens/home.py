"""The first screen: what the facilitator can do, with what is not built yet marked as such."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from app.bindings import TranslatedBindings
from app.widgets.footer import ResponsiveFooter
from cards.i18n import t

# (option id, catalogue key, available yet)
MENU: tuple[tuple[str, str, bool], ...] = (
    ("new", "home.new", False),
    ("resume", "home.resume", False),
    ("archive", "home.archive", False),
    ("decks", "home.decks", True),
    ("quit", "home.quit", True),
)


class HomeScreen(TranslatedBindings, Screen[None]):
    BINDINGS = [
        Binding("q", "app.quit", "home.quit_key", id="home.quit"),
        Binding("d", "decks", "home.decks_key", id="home.decks"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Center(), Vertical(id="home-box"):
            yield Static(t("home.heading"), id="home-heading")
            yield Static(t("home.tagline"), id="home-tagline")
            yield OptionList(*self._options(), id="home-menu")
        yield ResponsiveFooter()

    def _options(self) -> list[Option]:
        return [
            Option(
                t(key) if ready else t("home.not_yet", item=t(key)),
                id=option_id,
                disabled=not ready,
            )
            for option_id, key, ready in MENU
        ]

    def on_mount(self) -> None:
        menu = self.query_one("#home-menu", OptionList)
        menu.highlighted = menu.get_option_index("decks")

    @on(OptionList.OptionSelected, "#home-menu")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_id == "decks":
            self.action_decks()
        elif event.option_id == "quit":
            self.app.exit()

    def action_decks(self) -> None:
        from app.screens.decks import DecksScreen

        self.app.push_screen(DecksScreen())
