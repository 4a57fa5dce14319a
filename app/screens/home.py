"""The first screen: new session, resume the last one, archive, decks, quit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from app import locations
from app.bindings import TranslatedBindings
from app.styled import StyledOnMount
from app.widgets.footer import ResponsiveFooter
from cards.i18n import t

if TYPE_CHECKING:
    from sessions.archive import SessionSummary


class HomeScreen(TranslatedBindings, StyledOnMount, Screen[None]):
    BINDINGS = [
        Binding("n", "new", "home.new_key", id="home.new"),
        Binding("r", "resume", "home.resume_key", id="home.resume"),
        Binding("a", "archive", "home.archive_key", id="home.archive"),
        Binding("d", "decks", "home.decks_key", id="home.decks"),
        Binding("i", "settings", "home.settings_key", id="home.settings"),
        Binding("q", "app.quit", "home.quit_key", id="home.quit"),
        Binding("question_mark,f1", "app.toggle_keys", "board.keys", id="keys"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.last: SessionSummary | None = None

    def compose(self) -> ComposeResult:
        # no Header: the menu names the app itself (and the first frame comes sooner)
        with Vertical(id="home-box"):
            yield Static(t("home.heading"), id="home-heading")
            yield Static(t("home.tagline"), id="home-tagline")
            yield OptionList(*self._options(), id="home-menu")
        yield ResponsiveFooter()

    def _options(self) -> list[Option]:
        if self.last is not None:
            # the title as typed: brackets in it are no markup
            named = t("home.resume_named", title=self.last.title, date=self.last.date)
            resume = Option(Content(named), id="resume")
        else:
            resume = Option(t("home.resume_none"), id="resume", disabled=True)
        return [
            Option(t("home.new"), id="new"),
            resume,
            Option(t("home.archive"), id="archive"),
            Option(t("home.decks"), id="decks"),
            Option(t("home.settings"), id="settings"),
            Option(t("home.quit"), id="quit"),
        ]

    @on(events.ScreenResume)
    def find_last_soon(self) -> None:
        # after the first frame: reading the data folder (and loading the session layer to do
        # it) should not hold up the menu
        self.call_after_refresh(self.find_last)

    @work(thread=True, exclusive=True, group="home-last", exit_on_error=False)
    def find_last(self) -> None:
        from sessions.archive import latest_unfinished  # the session layer, off the start-up path

        # the session whose board this window just left may still hold its lock: it is free
        last = latest_unfinished(locations.data_dir(), ours_free=True)
        self.app.call_from_thread(self._found, last)

    def _found(self, last: SessionSummary | None) -> None:
        self.last = last
        menu = self.query_one("#home-menu", OptionList)
        highlighted = menu.highlighted
        menu.set_options(self._options())
        menu.highlighted = highlighted if highlighted is not None else 0
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#home-menu")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        actions = {
            "new": self.action_new,
            "resume": self.action_resume,
            "archive": self.action_archive,
            "decks": self.action_decks,
            "settings": self.action_settings,
            "quit": self.app.exit,
        }
        actions[event.option_id or "quit"]()

    def action_new(self) -> None:
        from app.screens.new_session import NewSessionScreen

        self.app.push_screen(NewSessionScreen())

    def action_resume(self) -> None:
        if self.last is None:
            self.notify(t("home.nothing_to_resume"), severity="warning")
            return
        self.app.open_session(self.last.path)  # type: ignore[attr-defined]

    def action_archive(self) -> None:
        from app.screens.archive import ArchiveScreen

        self.app.push_screen(ArchiveScreen())

    def action_decks(self) -> None:
        from app.screens.decks import DecksScreen

        self.app.push_screen(DecksScreen())

    def action_settings(self) -> None:
        from app.screens.settings import SettingsScreen

        self.app.push_screen(SettingsScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return self.last is not None
        return True
