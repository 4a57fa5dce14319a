"""Pick a card face-up: type its number or words from it, choose from the matches."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from app.bindings import TranslatedBindings
from app.widgets.footer import ResponsiveFooter
from cards.dealer import Dealer, search
from cards.i18n import t


class QueryInput(Input):
    """The search field. Its `enter` chooses the highlighted match: it reaches the screen after
    the letters typed before it have filtered the list, even when they are read at once."""

    BINDINGS = [Binding("enter", "submit", "pick.choose", id="pick.choose")]


class PickScreen(TranslatedBindings, ModalScreen[str | None]):
    """Returns the chosen card's id, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "common.cancel", id="pick.cancel"),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    def __init__(self, dealer: Dealer) -> None:
        super().__init__()
        self.dealer = dealer

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-box"):
            yield Static(
                t("pick.title", deck=self.dealer.deck.title), id="pick-title", markup=False
            )
            yield QueryInput(placeholder=t("pick.placeholder"), id="pick-query")
            yield OptionList(id="pick-list")
            yield Static(id="pick-hint")
        yield ResponsiveFooter()

    def on_mount(self) -> None:
        self.drawn_anew()

    def drawn_anew(self) -> None:
        self._fill(self.query_one("#pick-query", Input).value)

    def _status(self, card_id: str) -> str:
        if card_id in self.dealer.shown:
            return t("pick.status.shown")
        if card_id in self.dealer.parked:
            return t("pick.status.parked")
        if card_id in self.dealer.skipped:
            return t("pick.status.skipped")
        return ""

    def _fill(self, query: str) -> None:
        options = self.query_one("#pick-list", OptionList)
        options.clear_options()
        deck = self.dealer.deck
        # parked cards first: those are the ones a facilitator comes back for
        found = sorted(search(deck, query), key=lambda card: card.id not in self.dealer.parked)
        for card in found:
            text = Text(card.text)
            if status := self._status(card.id):
                text.append(f"  [{status}]", style="italic")
            # the number in a column of its own: a long question wraps under its own words
            label = Table.grid()
            label.add_column(width=5, no_wrap=True)
            label.add_column(ratio=1)
            label.add_row(Text(f"{deck.number_of(card.id):>3}. ", style="bold"), text)
            options.add_option(Option(label, id=card.id))
        if found:
            options.highlighted = 0
        self.query_one("#pick-hint", Static).update(
            t("pick.none") if not found else t("pick.count", count=len(found))
        )

    @on(Input.Changed, "#pick-query")
    def query_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#pick-query")
    def query_submitted(self) -> None:
        self.action_choose()

    @on(OptionList.OptionSelected, "#pick-list")
    def option_chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_id)

    def action_move(self, step: int) -> None:
        options = self.query_one("#pick-list", OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_choose(self) -> None:
        options = self.query_one("#pick-list", OptionList)
        if options.highlighted is None:
            self.notify(t("pick.none"), severity="warning")
            return
        self.dismiss(options.get_option_at_index(options.highlighted).id)

    def action_cancel(self) -> None:
        self.dismiss(None)
