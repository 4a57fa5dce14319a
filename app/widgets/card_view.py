"""The card on the board: its text large and centred, the follow-up revealed on request."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Static

from cards.dealer import Dealer
from cards.i18n import t
from cards.model import Card


class CardView(Vertical):
    """One card, or a message in its place (before the first deal, at the deck's end)."""

    card: reactive[Card | None] = reactive(None, recompose=False)
    follow_up_shown: reactive[bool] = reactive(False)
    message: reactive[str] = reactive("")

    def compose(self) -> ComposeResult:
        yield Static(id="card-text")
        yield Static(id="card-follow-up")

    def _refresh_card(self) -> None:
        card = self.card
        text = self.query_one("#card-text", Static)
        follow = self.query_one("#card-follow-up", Static)
        if card is None or self.message:
            text.update(Text(self.message))
            follow.update("")
            self.set_class(True, "-message")
            follow.display = False
            return
        self.set_class(False, "-message")
        text.update(Text(card.text))
        shown = bool(card.follow_up) and self.follow_up_shown
        follow.update(Text(card.follow_up) if shown else "")
        follow.display = shown

    def watch_card(self) -> None:
        self._refresh_card()

    def watch_follow_up_shown(self) -> None:
        self._refresh_card()

    def watch_message(self) -> None:
        self._refresh_card()


def changed(widget: Static, content: Text | str) -> None:
    """Update a Static only when its content differs: every update of an auto-sized widget
    costs a layout pass, and the board redraws after every key."""
    if widget.content != content:
        widget.update(content)


def status_line(
    dealer: Dealer,
    *,
    notes: int,
    hint_follow_up: bool,
    at_end: bool,
    unsaved: int,
    presenting: bool = False,
) -> str:
    """The line under the board: where in the deck we are, what is parked, notes, shuffle code."""
    deck = dealer.deck
    card = dealer.current
    parts = []
    if unsaved:
        parts.append(t("board.unsaved", count=unsaved))
    if card is not None and not at_end:
        position = t(
            "board.position",
            number=deck.number_of(card.id),
            position=dealer.position,
            total=len(deck),
        )
        parts.append(position)
    parts.append(t("board.remaining", count=len(dealer.remaining)))
    if dealer.parked:
        parts.append(t("board.parked", count=len(dealer.parked)))
    if dealer.skipped:
        parts.append(t("board.skipped", count=len(dealer.skipped)))
    if card is not None and card.follow_up and hint_follow_up and not at_end:
        parts.append(t("board.has_follow_up"))
    if notes:
        parts.append(t("board.note_one") if notes == 1 else t("board.note_count", count=notes))
    if not presenting:
        parts.append(t("board.seed", seed=dealer.seed))
    return " · ".join(parts)
