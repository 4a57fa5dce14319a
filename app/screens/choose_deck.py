"""Switch to another of the session's decks: each with what is left of it."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from app.bindings import TranslatedBindings
from app.live import session_decks
from app.widgets.footer import ResponsiveFooter
from cards.i18n import t
from sessions.session import Session


class DeckList(OptionList):
    """The decks; `enter` chooses, and the Footer says so."""

    BINDINGS = [
        Binding("enter", "select", "pick.choose", key_display="⏎", id="deck_choice.choose"),
    ]


class DeckChoiceScreen(TranslatedBindings, ModalScreen[str | None]):
    """Returns the chosen deck's id, or None when cancelled (or the deck on the table)."""

    BINDINGS = [Binding("escape", "cancel", "common.cancel", id="deck_choice.cancel")]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(id="deck-choice-box"):
            yield Static(id="deck-choice-title")
            yield DeckList(id="deck-choice-list")
        yield ResponsiveFooter()

    def on_mount(self) -> None:
        self.drawn_anew()

    def drawn_anew(self) -> None:
        session = self.session
        state = session.state
        self.query_one("#deck-choice-title", Static).update(t("deck_choice.title"))
        options = self.query_one("#deck-choice-list", OptionList)
        options.clear_options()
        ids = session_decks(session)
        for deck_id in ids:
            dealer = session.dealer_of(deck_id)
            label = Text(dealer.deck.title, style="bold")
            label.append("  ")
            label.append(
                t("deck_choice.left", left=len(dealer.remaining), total=len(dealer.deck)),
                style="italic",
            )
            if deck_id == state.deck_id:
                label.append(f"  ({t('deck_choice.on_table')})", style="italic")
            options.add_option(Option(label, id=deck_id))
        # the highlight starts on the next deck after the one on the table
        here = ids.index(state.deck_id) if state.deck_id in ids else -1
        options.highlighted = (here + 1) % len(ids) if ids else None
        options.focus()

    @on(OptionList.OptionSelected, "#deck-choice-list")
    def option_chosen(self, event: OptionList.OptionSelected) -> None:
        self._chosen(event.option_id)

    def _chosen(self, deck_id: str | None) -> None:
        if deck_id == self.session.state.deck_id:
            self.notify(t("session.same_deck"), timeout=3)  # not a silent nothing
            return
        self.dismiss(deck_id)

    def action_cancel(self) -> None:
        self.dismiss(None)
