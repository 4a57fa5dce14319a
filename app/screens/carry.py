"""Open from last time: the team's parked items and open agreements; done, keep or drop."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from app.bindings import TranslatedBindings
from app.live import LiveSession
from app.widgets.footer import ResponsiveFooter
from cards.i18n import t
from sessions.notes import SYMBOLS, speaker_label
from sessions.session import CommandRefused
from sessions.state import CarriedItem


def item_text(item: CarriedItem) -> Text:
    text = Text()
    mark = {"done": "✓", "kept": "↻", "dropped": "✗"}.get(item.outcome, "·")
    text.append(f"{mark} {SYMBOLS.get(item.kind, '•')} {t(f'kind.{item.kind}')}", style="bold")
    if item.outcome:
        text.append(f" — {t(f'carry.{item.outcome}')}", style="italic")
    text.append(f"\n{item.text}")
    if item.kind == "agreement":
        who = speaker_label(item.who) if item.who else "?"
        text.append(f"\n  {t('note.who_when', who=who, due=item.due or '?')}", style="italic")
    text.append(f"\n  {t('carry.from', title=item.session_title, date=item.session_date)}")
    return text


class CarryOverScreen(TranslatedBindings, ModalScreen[None]):
    BINDINGS = [
        Binding("d", "settle('done')", "carry.done_key", id="carry.done"),
        Binding("k", "settle('kept')", "carry.kept_key", id="carry.kept"),
        Binding("x", "settle('dropped')", "carry.dropped_key", id="carry.dropped"),
        Binding("escape", "close", "carry.close", id="carry.close"),
    ]

    def __init__(self, live: LiveSession) -> None:
        super().__init__()
        self.live = live

    def compose(self) -> ComposeResult:
        with Vertical(id="carry-box", classes="dialog"):
            yield Static(t("carry.heading"), classes="dialog-title")
            yield Static(t("carry.explain"), classes="dialog-text")
            yield OptionList(id="carry-list")
        yield ResponsiveFooter()

    def on_mount(self) -> None:
        self.drawn_anew()

    def drawn_anew(self) -> None:
        self.fill()
        self.query_one(OptionList).focus()

    def fill(self) -> None:
        items = self.live.session.state.carried
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.set_options(Option(item_text(item), id=str(item.seq)) for item in items)
        if items:
            options.highlighted = highlighted if highlighted is not None else 0

    def action_settle(self, outcome: str) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return
        seq = int(options.get_option_at_index(options.highlighted).id or 0)
        try:
            self.live.session.settle(seq, outcome)
        except CommandRefused as refused:
            self.notify(t(refused.key, **refused.params), severity="warning")
            return
        self.fill()
        if options.highlighted is not None and options.highlighted + 1 < options.option_count:
            options.highlighted += 1

    def action_close(self) -> None:
        self.dismiss(None)
