"""The notes of the card on the table, newest last. Kinds differ by symbol and name, not by
colour alone; every text from people is shown literally (never as markup)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from cards.i18n import t
from sessions.notes import SYMBOLS, speaker_label
from sessions.state import Note

SHOWN_CHARS = 600


def note_text(note: Note, *, hide_names: bool = False, limit: int | None = SHOWN_CHARS) -> Text:
    text = Text()
    text.append(f"{SYMBOLS.get(note.kind, '•')} {t(f'kind.{note.kind}')}", style="bold")
    if note.speaker and not hide_names:
        text.append(f" · {speaker_label(note.speaker)}", style="italic")
    text.append("\n")
    body = note.text if limit is None or len(note.text) <= limit else note.text[:limit] + " …"
    text.append(body)
    if note.kind == "agreement" and (note.who or note.due):
        who = note.who if not hide_names else "—"
        text.append(
            f"\n  {t('note.who_when', who=who or '?', due=note.due or '?')}", style="italic"
        )
    if note.edited:
        text.append(f"  ({t('note.edited')})", style="dim")
    return text


class NotesPanel(OptionList):
    """A list the facilitator can move through to edit or delete a note.

    Redrawn incrementally: a new note is appended, an unchanged list is left alone, so the
    board stays quick with hundreds of notes on one card. The newest `LIMIT` are listed.
    """

    LIMIT = 200

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[Note, ...] = ()
        self._hide_names = False

    def show(self, notes: tuple[Note, ...], *, hide_names: bool) -> None:
        """Show `notes`; a new note is highlighted and scrolled into view, otherwise the
        highlight stays where the facilitator left it."""
        notes = notes[-self.LIMIT :]
        if notes == self._shown and hide_names == self._hide_names:
            return
        old, self._shown, self._hide_names = self._shown, notes, hide_names
        grew = len(notes) > len(old)
        if grew and notes[: len(old)] == old and old and self.option_count == len(old):
            self.add_options(
                Option(note_text(note, hide_names=hide_names), id=str(note.seq))
                for note in notes[len(old) :]
            )
        else:
            highlighted = self.highlighted
            self.set_options(
                Option(note_text(note, hide_names=hide_names), id=str(note.seq)) for note in notes
            )
            if not grew and highlighted is not None and notes:
                self.highlighted = min(highlighted, len(notes) - 1)
                return
        if notes:
            self.highlighted = len(notes) - 1
            self.scroll_end(animate=False)
