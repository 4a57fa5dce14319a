"""The notes of the card on the table, newest last. Kinds differ by symbol and name, not by
colour alone; every text from people is shown literally (never as markup)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from app.bindings import in_typed_order
from cards.i18n import t
from sessions.notes import SYMBOLS, speaker_label
from sessions.state import Note, due_label

SHOWN_CHARS = 600


def note_text(note: Note, *, hide_names: bool = False, limit: int | None = SHOWN_CHARS) -> Text:
    text = Text()
    text.append(f"{SYMBOLS.get(note.kind, '•')} {t(f'kind.{note.kind}')}", style="bold")
    if note.speaker and not hide_names:
        text.append(f" · {speaker_label(note.speaker)}", style="italic")
    text.append("\n")
    body = note.text if limit is None or len(note.text) <= limit else note.text[:limit] + " …"
    text.append(body)
    due = due_label(note)  # "vrijdag (2026-11-27)": the date it was read as, as exported
    if note.kind == "agreement" and hide_names and due:
        # names hidden: the date alone (a dash for who read as "nobody takes this on")
        text.append(f"\n  {t('note.when_only', due=due)}", style="italic")
    elif note.kind == "agreement" and not hide_names and (note.who or due):
        text.append(
            f"\n  {t('note.who_when', who=note.who or '?', due=due or '?')}",
            style="italic",
        )
    if note.edited:
        text.append(f"  ({t('note.edited')})", style="dim")
    return text


class NotesPanel(OptionList):
    """A list the facilitator can move through to edit or delete a note.

    Redrawn incrementally: a new note is appended, an unchanged list is left alone, so the
    board stays quick with hundreds of notes on one card. The newest `PAGE` notes of a card
    are listed; above them a line offers the earlier ones, `PAGE` more at each `enter` (Textual
    lays out every option to know the list's height: hundreds cost frames and memory).
    """

    # in the order typed with the board's keys (`in_typed_order`): in a burst of keys, the
    # ones that move through the list or open a note act before the ones typed after them
    BINDINGS = in_typed_order(*OptionList.BINDINGS)  # type: ignore[arg-type]
    PAGE = 50
    MOST = 200  # new notes join the list up to this many; then the oldest listed give way
    EARLIER = "earlier"  # the id of the line that offers the earlier notes

    def __init__(self, *, choose: Callable[[int], object], id: str | None = None) -> None:
        """`choose(seq)` is called with the note chosen with `enter` or a click."""
        super().__init__(id=id)
        self._choose = choose
        self._notes: tuple[Note, ...] = ()  # all the card's notes
        self._shown: tuple[Note, ...] = ()  # the newest of them, listed
        self._hide_names = False
        self._card: object = None
        self._listed = self.PAGE

    def show(self, notes: tuple[Note, ...], *, hide_names: bool, card: object = None) -> None:
        """Show the notes of `card`; a new note is highlighted and scrolled into view,
        otherwise the highlight stays where the facilitator left it."""
        before = self._notes
        added = len(notes) - len(before)
        if card != self._card:
            self._card, self._listed = card, self.PAGE
        elif (
            added > 0
            and notes[: len(before)] == before
            and self._listed + added <= max(self.MOST, self._listed)
        ):
            self._listed += added  # new notes join the list, none leaves (up to MOST)
        self._notes = notes
        listed = notes[-self._listed :]
        if listed == self._shown and hide_names == self._hide_names:
            return
        old, self._shown, self._hide_names = self._shown, listed, hide_names
        grew = len(listed) > len(old)
        appended = grew and bool(old) and listed[: len(old)] == old
        if appended and self.option_count == len(old) + (len(notes) > len(listed)):
            self.add_options(self._option(note) for note in listed[len(old) :])
        else:
            highlighted = self.highlighted
            self._list()
            if not grew and highlighted is not None and listed:
                self.highlighted = min(highlighted, self.option_count - 1)
                return
        if listed:
            self.highlighted = self.option_count - 1
            # the newest at the bottom; one taller than the list from its heading (the list's
            # end showed its last lines only, the kind and the speaker off the screen)
            self.call_after_refresh(self.scroll_to_highlight, True)

    def _list(self) -> None:
        """List the shown notes, under the line offering the earlier ones if there are."""
        options = [self._option(note) for note in self._shown]
        earlier = len(self._notes) - len(self._shown)
        if earlier:
            more = min(earlier, self.PAGE)
            line = Text(t("note.earlier", count=earlier, more=more), style="italic")
            options.insert(0, Option(line, id=self.EARLIER))
        self.set_options(options)

    def _option(self, note: Note) -> Option:
        return Option(note_text(note, hide_names=self._hide_names), id=str(note.seq))

    def action_select(self) -> None:
        """`enter` (or a click): the note is chosen; on the first line, `PAGE` earlier notes
        are listed above, the highlight on the newest of them."""
        if self.highlighted is None:
            return
        option_id = self.get_option_at_index(self.highlighted).id
        if option_id != self.EARLIER:
            if option_id:
                self._choose(int(option_id))
            return
        before = len(self._shown)
        self._listed += self.PAGE
        self._shown = self._notes[-self._listed :]
        self._list()
        line = 1 if len(self._notes) > len(self._shown) else 0
        self.highlighted = line + len(self._shown) - before - 1
