"""Choose how a round closes: consensus, agree to disagree, or deferred to a next meeting."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from app.bindings import TranslatedBindings
from app.widgets.footer import ResponsiveFooter
from cards.i18n import t


class ClosingScreen(TranslatedBindings, ModalScreen[str | None]):
    BINDINGS = [
        Binding("1", "pick(0)", "pick.choose", key_display="1-3", id="closing.choose"),
        Binding("2", "pick(1)", show=False),
        Binding("3", "pick(2)", show=False),
        Binding("escape", "cancel", "common.cancel", id="closing.cancel"),
    ]

    def __init__(self, closings: tuple[str, ...]) -> None:
        super().__init__()
        self.closings = closings

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("round.choose_closing"), classes="dialog-text")
            yield OptionList(
                *(
                    Option(f"{number}. {t(f'closing.{closing}')}", id=closing)
                    for number, closing in enumerate(self.closings, start=1)
                ),
                id="closings",
            )
        yield ResponsiveFooter()  # the dialog's keys, not the board's beneath it

    @on(OptionList.OptionSelected, "#closings")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_id)

    def action_pick(self, index: int) -> None:
        if 0 <= index < len(self.closings):
            self.dismiss(self.closings[index])

    def action_cancel(self) -> None:
        self.dismiss(None)
