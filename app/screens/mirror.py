"""The mirror: a read-only projector view that follows a session another window is running.

It polls the session file, reloads it when it changes (the writer replaces the file atomically,
so every read sees a whole file) and shows the card, the clock, who has the floor and who has
been heard. It never writes and never takes the session's lock.

Given the data folder (`dialoog mirror` without a session), it follows whatever session a
window runs: it waits when none does, and goes over to the session another window takes up
later. A coaching practice is shown on its own screen, read-only, over the mirror.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Static
from textual.worker import get_current_worker

from app.bindings import TranslatedBindings, typed_and_unbound
from app.follow import SessionFollower
from app.widgets.card_view import CardView
from app.widgets.circle import Circle
from app.widgets.floor import ClockRow
from app.widgets.footer import ResponsiveFooter
from cards.i18n import t
from cards.model import Deck
from sessions.archive import held_since, newest_held
from sessions.session import Session

LOOK_SECONDS = 1.0  # how often a mirror of whatever runs looks which session that is


class MirrorScreen(TranslatedBindings, Screen[None]):
    AUTO_FOCUS = ""
    BLANK = True  # drawn as its background alone (see `app.widgets.plain`)
    BINDINGS = [
        Binding("question_mark,f1", "app.toggle_keys", "board.keys", id="keys"),
        Binding("escape,q", "app.quit", "app.quit", id="mirror.quit"),
    ]

    def __init__(
        self, path: Path | None, decks: Mapping[str, Deck], *, folder: Path | None = None
    ) -> None:
        super().__init__()
        self.path = path  # the session followed (None: waiting for one)
        self.decks = decks
        self.folder = folder  # given: follow whatever session a window there runs
        self.session: Session | None = None
        self._follower: SessionFollower | None = None
        self._qr_shown = False
        self._since = ""  # since when a window has held the session followed (as it said)
        self._over: Screen[None] | None = None  # what this screen put over itself
        self._practice = False  # ... a practice's own screen, which follows it

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="card-meta")
        yield CardView(id="card")
        yield ClockRow(id="clock-row")
        yield Circle(id="circle")
        yield Static(id="mirror-status")
        yield ResponsiveFooter()

    def on_mount(self) -> None:
        if self.path is not None:
            self._since = held_since(self.path)
            self._follow(self.path)
        self.drawn_anew()
        self.set_interval(0.1, self.tick)
        if self.folder is not None:
            self.set_interval(LOOK_SECONDS, self._look_for_another)

    def drawn_anew(self) -> None:
        self.sub_title = t("mirror.title")
        if self._follower is not None:
            self._follower.again()  # read the session again into the new widgets
        elif self.path is None:
            self._show_waiting()

    def _follow(self, path: Path) -> None:
        if self._follower is not None:
            self._follower.stop()
        self.path = path
        self._follower = SessionFollower(
            self, path, self.decks, shown=self._show, failed=self._show_problem
        )

    def _show_waiting(self) -> None:
        for part in (ClockRow, Circle):  # no clock and no circle before there is a session
            self.query_one(part).display = False
        self.query_one(CardView).message = t("mirror.waiting_for_session")
        self.query_one("#mirror-status", Static).update(t("mirror.no_session"))

    def _look_for_another(self) -> None:
        self.run_worker(self._find_newest, thread=True, exclusive=True, group="mirror-look")

    def _find_newest(self) -> None:
        assert self.folder is not None
        newest = newest_held(self.folder)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._go_over_to, newest)

    def _go_over_to(self, newest: tuple[str, Path] | None) -> None:
        """Follow a session a window took up after the one shown was: the one shown stays
        when its window closes, also while older sessions are open in other windows (it
        went back to one of those, with another team's notes)."""
        if newest is None or not self.is_attached:
            return
        since, path = newest
        if since <= self._since:
            return
        self._since = since
        if path == self.path:
            return  # the session shown, taken up again

        self._take_off_over()  # the session before's QR code, or its practice screen
        self.session = None
        self._qr_shown = self._practice = False
        self._follow(path)

    def _show_problem(self, message: str) -> None:
        self.query_one("#mirror-status", Static).update(Text(message, style="bold"))

    def _show(self, session: Session) -> None:
        state = session.state
        if state.started is not None and state.started.format == "coaching":
            self._show_practice()
            return
        self.session = session
        for part in (ClockRow, Circle):
            self.query_one(part).display = True
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
        following = t("mirror.following", title=title or (self.path.name if self.path else ""))
        status = t("mirror.ended") if state.ended else following
        self.query_one("#mirror-status", Static).update(Text(status))  # a title is not markup
        if state.ended and not self._qr_shown:
            from app.screens.qr import QrScreen

            self._qr_shown = True  # the room takes the agreements home: show the code once
            self._put_over(QrScreen(state))

    def _show_practice(self) -> None:
        """A practice has no card and no circle: its own screen shows it, read-only, and
        follows it from there (this screen only looks whether another session is taken up)."""
        from app import live
        from sessions.lock import SessionLocked
        from sessions.state import MissingDeck
        from sessions.store import StoreError

        if self._practice or self.path is None:
            return
        try:
            opened = live.open_session(self.path, self.decks, read_only=True)
        except (SessionLocked, MissingDeck, StoreError) as problem:
            self._show_problem(getattr(problem, "message", str(problem)))
            return
        if self._follower is not None:
            self._follower.stop()
            self._follower = None
        self._practice = True
        self._put_over(self.app.board_for(opened))  # type: ignore[attr-defined]

    def _put_over(self, screen: Screen[None]) -> None:
        self._over = screen
        self.app.push_screen(screen)

    def _take_off_over(self) -> None:
        over, self._over = self._over, None
        while over is not None and over in self.app.screen_stack:
            self.app.pop_screen()

    def tick(self) -> None:
        if self.session is not None and not self.redrawing:
            self.query_one(ClockRow).tick(self.session)

    def action_floor_to(self, index: int) -> None:
        """Clicks on names do nothing here: the mirror only shows."""

    def on_key(self, event: events.Key) -> None:
        """A board's key here (`d`, `n`, space, enter) did nothing, silently: the mirror says
        where the session is run (its own keys never get here)."""
        if typed_and_unbound(self, event):  # not the mirror's own (`q`, `?`)
            self.notify(t("mirror.keys_elsewhere"), timeout=4)
