"""The mirror: a read-only projector view that follows a session another window is running.

It polls the session file, reloads it when it changes (the writer replaces the file atomically,
so every read sees a whole file) and shows the card, the clock, who has the floor and who has
been heard. It never writes and never takes the session's lock.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Static

from app.bindings import TranslatedBindings
from app.follow import SessionFollower
from app.widgets.card_view import CardView
from app.widgets.circle import Circle
from app.widgets.floor import ClockRow
from app.widgets.footer import ResponsiveFooter
from cards.i18n import t
from cards.model import Deck
from sessions.session import Session


class MirrorScreen(TranslatedBindings, Screen[None]):
    AUTO_FOCUS = ""
    BINDINGS = [
        Binding("question_mark,f1", "app.toggle_keys", "board.keys", id="keys"),
        Binding("escape,q", "app.quit", "app.quit", id="mirror.quit"),
    ]

    def __init__(self, path: Path, decks: Mapping[str, Deck]) -> None:
        super().__init__()
        self.path = path
        self.decks = decks
        self.session: Session | None = None
        self._follower: SessionFollower | None = None
        self._qr_shown = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="card-meta")
        yield CardView(id="card")
        yield ClockRow(id="clock-row")
        yield Circle(id="circle")
        yield Static(id="mirror-status")
        yield ResponsiveFooter()

    def on_mount(self) -> None:
        self._follower = SessionFollower(
            self, self.path, self.decks, shown=self._show, failed=self._show_problem
        )
        self.drawn_anew()
        self.set_interval(0.1, self.tick)

    def drawn_anew(self) -> None:
        self.sub_title = t("mirror.title")
        if self._follower is not None:
            self._follower.again()  # read the session again into the new widgets

    def _show_problem(self, message: str) -> None:
        self.query_one("#mirror-status", Static).update(Text(message, style="bold"))

    def _show(self, session: Session) -> None:
        self.session = session
        state = session.state
        self.title = state.started.title if state.started else ""
        card = state.card
        view = self.query_one(CardView)
        view.message = "" if card else t("mirror.waiting")
        view.card = card
        deck = self.decks.get(state.deck_id)
        meta = deck.title if deck else ""
        if card is not None and card.theme:
            meta = f"{meta} · {card.theme}"
        self.query_one("#card-meta", Static).update(Text(meta))
        self.query_one(ClockRow).show(session)
        self.query_one(Circle).show(state)
        title = state.started.title if state.started else ""
        following = t("mirror.following", title=title or self.path.name)
        status = t("mirror.ended") if state.ended else following
        self.query_one("#mirror-status", Static).update(Text(status))  # a title is not markup
        if state.ended and not self._qr_shown:
            from app.screens.qr import QrScreen

            self._qr_shown = True  # the room takes the agreements home: show the code once
            self.app.push_screen(QrScreen(state))

    def tick(self) -> None:
        if self.session is not None and not self.redrawing:
            self.query_one(ClockRow).tick(self.session)

    def action_floor_to(self, index: int) -> None:
        """Clicks on names do nothing here: the mirror only shows."""
