"""The Textual app: themes, stylesheets, the first screen, and opening sessions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

import assets
from app import locations
from app.live import LiveSession, create, open_session
from app.themes import DEFAULT_THEME, THEMES
from cards.i18n import t
from cards.loader import DeckLibrary
from sessions.lock import SessionLocked
from sessions.meta import SessionSetup
from sessions.state import MissingDeck
from sessions.store import StoreError

ASSETS = Path(assets.__file__).parent


class DialoogApp(App[None]):
    """dialoog: deal dialogue cards and run sessions on a projector."""

    TITLE = "dialoog"
    CSS_PATH = [ASSETS / "app.tcss", ASSETS / "board.tcss"]
    BINDINGS = [
        Binding("ctrl+q", "quit", "app.quit", show=False, priority=True, id="quit"),
        Binding("ctrl+c", "help_quit", show=False, system=True),
        Binding("ctrl+p", "command_palette", "app.palette", show=False, priority=True),
    ]

    @dataclass
    class StoreFailed(Message):
        """The writer thread could not save; `waiting` events are kept in memory."""

        live: LiveSession
        error: StoreError
        waiting: int

    def __init__(
        self,
        library: DeckLibrary,
        *,
        theme_name: str | None = None,
        seed: int | None = None,
        start: LiveSession | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.decks = {deck.id: deck for deck in library}
        self.seed = seed
        self.start = start
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = theme_name or DEFAULT_THEME

    def action_toggle_keys(self) -> None:
        """`?` or F1: show or hide the panel that lists every key of this screen."""
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

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
        if self.start is not None:
            self.start.on_error = self._error_handler(self.start)
            if self.start.writer is not None:
                self.start.writer.on_error = self.start.on_error
            self.show_board(self.start)

    # -- sessions --------------------------------------------------------------------------

    def _error_handler(self, live: LiveSession):  # type: ignore[no-untyped-def]
        """A callback for the writer thread: post the failure to the UI thread."""

        def failed(error: StoreError, waiting: int) -> None:
            self.post_message(self.StoreFailed(live, error, waiting))

        return failed

    def create_session(self, setup: SessionSetup) -> LiveSession:
        """Start a new session and its file (called from a worker thread)."""
        live = create(setup, self.decks, seed=self.seed)
        live.on_error = self._error_handler(live)
        assert live.writer is not None
        live.writer.on_error = live.on_error
        return live

    def show_board(self, live: LiveSession, *, replace: bool = False) -> None:
        from app.screens.board import BoardScreen
        from app.screens.coaching import CoachingScreen

        started = live.session.state.started
        coaching = started is not None and started.format == "coaching"
        board = CoachingScreen(live) if coaching else BoardScreen(live)
        if replace:
            self.switch_screen(board)
        else:
            self.push_screen(board)

    def open_session(self, path: Path, *, read_only: bool = False) -> None:
        """Resume a session (or view it read-only); a locked one asks to open read-only."""
        from app.screens.dialogs import ConfirmScreen

        try:
            live = open_session(path, self.decks, read_only=read_only)
        except SessionLocked as locked:
            since = locked.holder.since_time if locked.holder else "?"

            def answered(yes: bool | None) -> None:
                if yes:
                    self.open_session(path, read_only=True)

            self.push_screen(
                ConfirmScreen(t("session.locked", since=since), yes=t("session.open_read_only")),
                answered,
            )
            return
        except MissingDeck as missing:
            self.notify(t("session.missing_deck", deck=missing.deck_id), severity="error")
            return
        except StoreError as error:
            self.notify(
                error.message, title=t("session.cannot_open"), severity="error", markup=False
            )
            return
        if live.writer is not None:
            live.on_error = self._error_handler(live)
            live.writer.on_error = live.on_error
        self.show_board(live)
        if read_only:
            self.notify(t("session.read_only_opened"), timeout=4)

    def on_dialoog_app_store_failed(self, message: StoreFailed) -> None:
        from app.screens.dialogs import SaveCopyScreen

        self.bell()
        self.notify(
            message.error.message,
            title=t("save.heading"),
            severity="error",
            timeout=10,
            markup=False,
        )
        board = self.screen
        if hasattr(board, "refresh_board"):
            board.refresh_board()

        def saved(path: Path | None) -> None:
            if path is not None:
                self.notify(t("save.saved", path=path), timeout=8, markup=False)
            if hasattr(self.screen, "refresh_board"):
                self.screen.refresh_board()

        default = locations.export_dir() / "noodkopie"
        self.push_screen(SaveCopyScreen(message.live, message.error, default), saved)
