"""The board: the projector view of the card being discussed and who holds the floor.

Every key is a session command; the screen re-renders from the session's state afterwards.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, Static

from app.bindings import TranslatedBindings
from app.live import LiveSession
from app.widgets.card_view import CardView
from app.widgets.footer import ResponsiveFooter
from cards.i18n import t
from sessions.session import CommandRefused

# actions that change the session: hidden on a read-only board
WRITING = {"deal", "back", "skip", "park", "pick", "undo", "reshuffle", "next_speaker"}


class BoardScreen(TranslatedBindings, Screen[None]):
    BINDINGS = [
        Binding("d", "deal", "board.deal", id="board.deal"),
        Binding("b", "back", "board.back", id="board.back"),
        Binding("s", "skip", "board.skip", id="board.skip"),
        Binding("k", "park", "board.park", id="board.park"),
        Binding("f", "follow_up", "board.follow_up", id="board.follow_up"),
        Binding("slash", "pick", "board.pick", key_display="/", id="board.pick"),
        Binding("n", "next_speaker", "board.next_speaker", id="board.next_speaker"),
        Binding("u", "undo", "board.undo", id="board.undo"),
        Binding("h", "reshuffle", "board.reshuffle", id="board.reshuffle"),
        Binding("escape", "leave", "common.menu", id="board.leave"),
    ]

    at_end: reactive[bool] = reactive(False, bindings=True, init=False)
    follow_up_shown: reactive[bool] = reactive(False, bindings=True, init=False)

    def __init__(self, live: LiveSession) -> None:
        super().__init__()
        self.live = live

    @property
    def session(self):  # type: ignore[no-untyped-def]
        return self.live.session

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="board"):
            yield Static(id="card-meta")
            yield CardView(id="card")
            yield Static(id="floor")
            yield Static(id="card-status")
        yield ResponsiveFooter()

    def on_mount(self) -> None:
        state = self.session.state
        if self.live.saved or self.live.read_only:
            self.title = state.started.title if state.started else ""
        deck = self.session.decks[state.deck_id]
        self.sub_title = t("board.read_only") if self.live.read_only else deck.title
        self.refresh_board()

    # -- showing ---------------------------------------------------------------------------

    def refresh_board(self) -> None:
        """Draw the board from the session's state."""
        state = self.session.state
        deck = self.session.decks[state.deck_id]
        dealer = self.session.dealer_now() if state.dealer is None else state.dealer
        card = dealer.current
        card_view = self.query_one(CardView)
        if self.at_end:
            card_view.message = t("board.finished", parked=len(dealer.parked))
        elif card is None:
            card_view.message = t("board.ready", deck=deck.title, count=len(deck))
        else:
            card_view.message = ""
        card_view.card = card
        card_view.follow_up_shown = self.follow_up_shown
        theme = card.theme if card and not self.at_end else ""
        self.query_one("#card-meta", Static).update(
            Text(f"{deck.title} · {theme}" if theme else deck.title)
        )
        self.query_one("#floor", Static).update(self._floor())
        self.query_one("#floor", Static).display = bool(state.participants)
        parts = []
        if card is not None and not self.at_end:
            parts.append(
                t(
                    "board.position",
                    number=deck.number_of(card.id),
                    position=dealer.position,
                    total=len(deck),
                )
            )
        parts.append(t("board.remaining", count=len(dealer.remaining)))
        if dealer.parked:
            parts.append(t("board.parked", count=len(dealer.parked)))
        if dealer.skipped:
            parts.append(t("board.skipped", count=len(dealer.skipped)))
        if card is not None and card.follow_up and not self.follow_up_shown and not self.at_end:
            parts.append(t("board.has_follow_up"))
        parts.append(t("board.seed", seed=dealer.seed))
        writer = self.live.writer
        if writer is not None and writer.failed is not None:
            parts.insert(0, t("board.unsaved", count=writer.pending))
        self.query_one("#card-status", Static).update(" · ".join(parts))
        self.refresh_bindings()

    def _floor(self) -> Text:
        state = self.session.state
        text = Text()
        if state.speaker:
            text.append(t("board.speaking", name=""), style="bold")
            text.append(state.speaker, style="bold reverse")
        else:
            text.append(t("board.nobody_speaking"), style="italic")
        text.append("   ")
        for index, name in enumerate(state.participants):
            if index:
                text.append(" · ")
            marker = "★" if name == (state.started.leader if state.started else "") else ""
            style = "bold underline" if name == state.speaker else ""
            text.append(f"{name}{marker}", style=style)
        return text

    def watch_at_end(self) -> None:
        if self.is_mounted:
            self.refresh_board()

    def watch_follow_up_shown(self) -> None:
        if self.is_mounted:
            self.refresh_board()

    # -- commands --------------------------------------------------------------------------

    def _run(self, command: str, *args: object, at_end: bool = False) -> bool:
        """Run one session command; show its refusal as a short message. True when done."""
        try:
            getattr(self.session, command)(*args)
        except CommandRefused as refused:
            self.notify(t(refused.key, **refused.params), severity="warning", timeout=3)
            return False
        self.follow_up_shown = False
        self.at_end = at_end
        self.refresh_board()
        return True

    def action_deal(self) -> None:
        if self.at_end:
            self.notify(t("board.finished_hint"), severity="warning")
            return
        dealer = self.session.state.dealer
        if dealer is not None and dealer.finished and dealer.current is not None:
            self.at_end = True
            return
        self._run("deal")

    def action_back(self) -> None:
        if self.at_end:
            self.at_end = False
            return
        self._run("back")

    def action_skip(self) -> None:
        self._set_aside("skip", "board.skipped_one")

    def action_park(self) -> None:
        self._set_aside("park", "board.parked_one")

    def _set_aside(self, move: str, message: str) -> None:
        card = self.session.state.card
        if self.at_end or card is None:
            self.notify(t("dealer.NoCard"), severity="warning")
            return
        deck = self.session.decks[self.session.state.deck_id]
        if self._run(move):
            dealer = self.session.state.dealer
            if dealer is not None and dealer.current is None and not dealer.remaining:
                self.at_end = True
            self.notify(t(message, number=deck.number_of(card.id)), timeout=3)

    def action_follow_up(self) -> None:
        card = self.session.state.card
        if card is None or self.at_end or not card.follow_up:
            self.notify(t("board.no_follow_up"), severity="warning")
            return
        self.follow_up_shown = not self.follow_up_shown

    def action_pick(self) -> None:
        from app.screens.pick import PickScreen

        def picked(card_id: str | None) -> None:
            if card_id is not None:
                self._run("pick", card_id)

        self.app.push_screen(PickScreen(self.session.dealer_now()), picked)

    def action_next_speaker(self) -> None:
        self._run("next_speaker", at_end=self.at_end)

    def action_undo(self) -> None:
        if self._run("undo"):
            self.notify(t("board.undone"), timeout=2)

    def action_reshuffle(self) -> None:
        if self._run("reshuffle"):
            dealer = self.session.state.dealer
            self.notify(t("board.reshuffled", seed=dealer.seed if dealer else 0), timeout=4)

    def action_leave(self) -> None:
        self.app.pop_screen()

    def on_unmount(self) -> None:
        self.live.close()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.live.read_only and action in WRITING:
            return False
        if action == "reshuffle":
            return self.at_end
        if action == "next_speaker":
            return bool(self.session.state.participants)
        if action == "follow_up":
            card = self.session.state.card
            return bool(card and card.follow_up and not self.at_end)
        return True
