"""Open from last time: the team's parked items and open agreements; done, keep or drop.

Each settle is an event, so it says what it did and `u` here undoes it with the session's
own undo. Opened by itself (a new session of the team, a resume), the list has no item chosen
until the facilitator moves to one: a key meant for the board (`d` to deal) settles nothing.
"""

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
from app.undone import quoted
from app.widgets.footer import ResponsiveFooter
from cards.i18n import t
from sessions.notes import SYMBOLS, speaker_label
from sessions.session import CommandRefused
from sessions.state import CarriedItem, due_label


def item_text(item: CarriedItem) -> Text:
    text = Text()
    mark = {"done": "✓", "kept": "↻", "dropped": "✗"}.get(item.outcome, "·")
    text.append(f"{mark} {SYMBOLS.get(item.kind, '•')} {t(f'kind.{item.kind}')}", style="bold")
    if item.outcome:
        text.append(f" — {t(f'carry.{item.outcome}')}", style="italic")
    text.append(f"\n{item.text}")
    if item.kind == "agreement":
        who = speaker_label(item.who) if item.who else "?"
        text.append(
            f"\n  {t('note.who_when', who=who, due=due_label(item) or '?')}", style="italic"
        )
    text.append(f"\n  {t('carry.from', title=item.session_title, date=item.session_date)}")
    return text


def short_text(item: CarriedItem) -> str:
    """The item's first line, cut to fit in a message."""
    return quoted(item.text.split("\n", 1)[0])


class CarryOverScreen(TranslatedBindings, ModalScreen[None]):
    BINDINGS = [
        Binding("d", "settle('done')", "carry.done_key", id="carry.done"),
        Binding("k", "settle('kept')", "carry.kept_key", id="carry.kept"),
        Binding("x", "settle('dropped')", "carry.dropped_key", id="carry.dropped"),
        Binding("u", "undo", "carry.undo_key", id="carry.undo"),
        Binding("escape", "close", "carry.close", id="carry.close"),
    ]

    def __init__(self, live: LiveSession, *, by_itself: bool = False) -> None:
        super().__init__()
        self.live = live
        self.by_itself = by_itself  # opened without being asked: no item chosen yet

    @property
    def settling(self) -> bool:
        """Items can be settled here: not in a session that ended or is open read-only (its
        keys were shown, and refused when pressed)."""
        return not (self.live.read_only or self.live.session.state.ended)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("settle", "undo"):
            return self.settling
        return True

    def compose(self) -> ComposeResult:
        with Vertical(id="carry-box", classes="dialog"):
            yield Static(t("carry.heading"), classes="dialog-title")
            explain = "carry.explain_choose" if self.by_itself else "carry.explain"
            if not self.settling:
                explain = "carry.explain_read"
            yield Static(t(explain), classes="dialog-text")
            yield OptionList(id="carry-list")
        yield ResponsiveFooter()

    def on_mount(self) -> None:
        self.drawn_anew()
        if not self.by_itself and self.live.session.state.carried:
            self.query_one(OptionList).highlighted = 0

    def drawn_anew(self) -> None:
        self.fill()
        self.query_one(OptionList).focus()

    def fill(self) -> None:
        """Show the items as they are now, with the same one chosen (or none)."""
        items = self.live.session.state.carried
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.set_options(Option(item_text(item), id=str(item.seq)) for item in items)
        options.highlighted = highlighted

    def _item(self, seq: int) -> CarriedItem | None:
        return next((i for i in self.live.session.state.carried if i.seq == seq), None)

    def action_settle(self, outcome: str) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            self.notify(t("carry.choose_first"), severity="warning", timeout=4)
            return
        seq = int(options.get_option_at_index(options.highlighted).id or 0)
        try:
            self.live.session.settle(seq, outcome)
        except CommandRefused as refused:
            self.notify(t(refused.key, **refused.params), severity="warning")
            return
        self.fill()
        item = self._item(seq)
        if item is not None:  # the item stays chosen, its outcome shown: ↓ goes on to the next
            self.notify(self._said(item, "carry.settled", outcome), timeout=5, markup=False)

    def action_undo(self) -> None:
        """Undo the last settle, when that is the session's last step; choose its item."""
        try:
            settled = self.live.session.undo_settle()
        except CommandRefused as refused:
            self.notify(t(refused.key, **refused.params), severity="warning", timeout=4)
            return
        self.fill()
        item = self._item(settled.target)
        if item is None:
            return
        options = self.query_one(OptionList)
        options.highlighted = self.live.session.state.carried.index(item)
        outcome = item.outcome or "open"
        self.notify(self._said(item, "carry.undone", outcome), timeout=5, markup=False)

    @staticmethod
    def _said(item: CarriedItem, key: str, outcome: str) -> str:
        return t(
            key,
            kind=t(f"kind.{item.kind}"),
            text=short_text(item),
            outcome=t(f"carry.{outcome}"),
        )

    def action_close(self) -> None:
        self.dismiss(None)
