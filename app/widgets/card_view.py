"""The card on the board: its text large and centred, the follow-up revealed on request."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from cards.dealer import Dealer
from cards.i18n import t
from cards.model import Card


class CardView(Static):
    """One card, or a message in its place (before the first deal, at the deck's end).

    The card and its follow-up are one widget of a fixed size with the text centred in it, so
    a new card repaints this widget alone: no layout pass of the whole board on every deal.
    """

    # no watcher at mount: the card and the message are set by the screen before its first
    # frame, and the empty card is the empty Static (three redraws of it at start-up less)
    card: reactive[Card | None] = reactive(None, init=False)
    follow_up_shown: reactive[bool] = reactive(False, init=False)
    message: reactive[str] = reactive("", init=False)

    @property
    def shown_text(self) -> str:
        """The card's text (or the message) as it is on screen now."""
        card = self.card
        return self.message if card is None or self.message else card.text

    @property
    def shown_follow_up(self) -> str:
        """The follow-up question when it is revealed, else ""."""
        card = self.card
        if card is None or self.message or not self.follow_up_shown:
            return ""
        return card.follow_up

    def _refresh_card(self) -> None:
        card = self.card
        if card is None or self.message:
            content = Content.from_markup("[not b i $accent]$text[/]", text=self.message)
        elif self.shown_follow_up:
            content = Content.from_markup(
                "$text\n\n[not b i $secondary]$follow_up[/]",
                text=card.text,
                follow_up=card.follow_up,
            )
        else:
            content = Content(card.text)
        self.update(content, layout=False)  # the size is the board's, not the text's

    def watch_card(self) -> None:
        self._refresh_card()

    def watch_follow_up_shown(self) -> None:
        self._refresh_card()

    def watch_message(self) -> None:
        self._refresh_card()


def changed(widget: Static, content: Text | Content | str) -> None:
    """Update a Static only when its content differs, and ask for a layout pass only when its
    size changes with it: every layout pass reflows the whole board, and the board redraws
    after every key."""
    if widget.content == content:
        return
    before = widget.content_size
    widget.update(content, layout=False)
    styles = widget.styles
    width_auto = bool(styles.width and styles.width.is_auto)
    height_auto = bool(styles.height and styles.height.is_auto)
    if not (width_auto or height_auto):
        return
    container, viewport = widget.container_size, widget.app.size
    width = widget.get_content_width(container, viewport) if width_auto else before.width
    height = widget.get_content_height(container, viewport, width) if height_auto else before.height
    if (width, height) != (before.width, before.height):
        widget.refresh(layout=True)


def status_line(
    dealer: Dealer,
    *,
    notes: int,
    hint_follow_up: bool,
    at_end: bool,
    unsaved: int,
    presenting: bool = False,
    ended: bool = False,
    width: int = 10_000,
    dealt_number: int = 0,
) -> str:
    """The line under the board: where in the deck we are, what is parked, notes, shuffle code
    (in lines of at most `width` cells, each part whole). `dealt_number`: the card's place
    among the cards dealt in the session, as the notes number it (`SessionState.dealt_number`;
    the dealer's own count leaves parked and skipped cards out)."""
    deck = dealer.deck
    card = dealer.current
    parts = [t("board.ended")] if ended else []
    if unsaved:
        parts.append(t("board.unsaved", count=unsaved))
    if card is not None and not at_end:
        position = t(
            "board.position",
            number=deck.number_of(card.id),
            position=dealt_number or dealer.position,
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
    return joined_to_fit(parts, width)


def joined_to_fit(parts: list[str], width: int, separator: str = " · ") -> str:
    """`parts` joined by `separator` in lines of at most `width` cells, a line ending only
    between two parts (a part is broken only when it alone is wider than a line): "schudcode
    827837" stays together."""
    lines = [""]
    for part in parts:
        joined = f"{lines[-1]}{separator}{part}" if lines[-1] else part
        if lines[-1] and cell_len(joined) > width:
            lines.append(part)
        else:
            lines[-1] = joined
    return "\n".join(lines)
