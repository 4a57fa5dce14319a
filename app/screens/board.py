"""The board: the projector view of the card being discussed, dealt from one deck."""

from __future__ import annotations

from typing import cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, Static

from app.bindings import TranslatedBindings
from app.widgets.card_view import CardView
from app.widgets.footer import ResponsiveFooter
from cards.dealer import Dealer, DealerError, DeckFinished, NoCard, NothingBefore
from cards.i18n import t
from cards.model import Deck


class BoardScreen(TranslatedBindings, Screen[None]):
    BINDINGS = [
        Binding("d", "deal", "board.deal", id="board.deal"),
        Binding("b", "back", "board.back", id="board.back"),
        Binding("s", "skip", "board.skip", id="board.skip"),
        Binding("k", "park", "board.park", id="board.park"),
        Binding("f", "follow_up", "board.follow_up", id="board.follow_up"),
        Binding("slash", "pick", "board.pick", key_display="/", id="board.pick"),
        Binding("u", "undo", "board.undo", id="board.undo"),
        Binding("h", "reshuffle", "board.reshuffle", id="board.reshuffle"),
        Binding("escape", "leave", "common.menu", id="board.leave"),
    ]

    dealer: reactive[Dealer] = reactive(cast("Dealer", None), bindings=True, init=False)
    at_end: reactive[bool] = reactive(False, bindings=True, init=False)
    follow_up_shown: reactive[bool] = reactive(False, bindings=True, init=False)

    def __init__(self, deck: Deck, *, seed: int | None = None) -> None:
        super().__init__()
        self.deck = deck
        self._history: list[tuple[Dealer, bool, bool]] = []
        self.set_reactive(BoardScreen.dealer, Dealer.start(deck, seed))

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="board"):
            yield Static(id="card-meta")
            yield CardView(id="card")
            yield Static(id="card-status")
        yield ResponsiveFooter()

    def on_mount(self) -> None:
        self.sub_title = self.deck.title
        self._show()

    # -- showing ---------------------------------------------------------------------------

    def _show(self) -> None:
        dealer = self.dealer
        card_view = self.query_one(CardView)
        card = dealer.current
        meta = self.query_one("#card-meta", Static)
        status = self.query_one("#card-status", Static)
        if self.at_end:
            card_view.message = t("board.finished", parked=len(dealer.parked))
        elif card is None:
            card_view.message = t("board.ready", deck=self.deck.title, count=len(self.deck))
        else:
            card_view.message = ""
        card_view.card = card
        card_view.follow_up_shown = self.follow_up_shown
        theme = card.theme if card and not self.at_end else ""
        meta.update(f"{self.deck.title} · {theme}" if theme else self.deck.title)
        parts = []
        if card is not None and not self.at_end:
            parts.append(
                t(
                    "board.position",
                    number=self.deck.number_of(card.id),
                    position=dealer.position,
                    total=len(self.deck),
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
        status.update(" · ".join(parts))

    def watch_dealer(self) -> None:
        self._show()

    def watch_at_end(self) -> None:
        self._show()

    def watch_follow_up_shown(self) -> None:
        self._show()

    # -- moves -----------------------------------------------------------------------------

    def _move(self, dealer: Dealer, *, at_end: bool = False) -> None:
        """Make one move, remembering the table as it was so `u` can undo it."""
        self._history.append((self.dealer, self.at_end, self.follow_up_shown))
        self.follow_up_shown = False
        self.at_end = at_end
        self.dealer = dealer

    def _try(self, move: str) -> Dealer | None:
        try:
            return getattr(self.dealer, move)()  # type: ignore[no-any-return]
        except NothingBefore:
            self.notify(t("board.first_card"), severity="warning")
        except NoCard:
            self.notify(t("board.no_card"), severity="warning")
        except DealerError:
            pass
        return None

    def action_deal(self) -> None:
        if self.at_end:
            self.notify(t("board.finished_hint"), severity="warning")
            return
        try:
            dealer = self.dealer.deal()
        except DeckFinished:
            self._move(self.dealer, at_end=True)
            return
        self._move(dealer)

    def action_back(self) -> None:
        if self.at_end:
            self._move(self.dealer)
            return
        if (dealer := self._try("back")) is not None:
            self._move(dealer)

    def action_skip(self) -> None:
        self._set_aside("skip", "board.skipped_one")

    def action_park(self) -> None:
        self._set_aside("park", "board.parked_one")

    def _set_aside(self, move: str, message: str) -> None:
        if self.at_end or self.dealer.current is None:
            self.notify(t("board.no_card"), severity="warning")
            return
        card = self.dealer.current
        dealer = self._try(move)
        if dealer is None:
            return
        self._move(dealer, at_end=dealer.current is None and not dealer.remaining)
        self.notify(t(message, number=self.deck.number_of(card.id)), timeout=3)

    def action_follow_up(self) -> None:
        card = self.dealer.current
        if card is None or self.at_end or not card.follow_up:
            self.notify(t("board.no_follow_up"), severity="warning")
            return
        self.follow_up_shown = not self.follow_up_shown

    def action_pick(self) -> None:
        from app.screens.pick import PickScreen

        def picked(card_id: str | None) -> None:
            if card_id is not None:
                self._move(self.dealer.pick(card_id))

        self.app.push_screen(PickScreen(self.dealer), picked)

    def action_undo(self) -> None:
        if not self._history:
            self.notify(t("board.nothing_to_undo"), severity="warning")
            return
        dealer, at_end, follow_up_shown = self._history.pop()
        self.at_end = at_end
        self.follow_up_shown = follow_up_shown
        self.dealer = dealer
        self.notify(t("board.undone"), timeout=2)

    def action_reshuffle(self) -> None:
        self._move(self.dealer.reshuffle())
        self.notify(t("board.reshuffled", seed=self.dealer.seed), timeout=4)

    def action_leave(self) -> None:
        self.app.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reshuffle":
            return self.at_end
        if action == "follow_up":
            card = self.dealer.current
            return bool(card and card.follow_up and not self.at_end)
        if action == "undo":
            return bool(self._history) or None
        return True
