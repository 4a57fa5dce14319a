"""What the facilitator does with notes on the board: capture, edit, delete, hide names, the
closing reflection and what is open from last time. Mixed into `BoardScreen`."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text

from app.widgets.capture import Capture
from app.widgets.card_view import CardView
from app.widgets.notes_panel import NotesPanel
from cards.i18n import t
from sessions.notes import (
    ANONYMOUS,
    GROUP,
    PREFIXES,
    SYMBOLS,
    parse_capture,
    speaker_label,
    stray_name,
    weekday_clash,
)

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widget import Widget

    from app.live import LiveSession
    from sessions.notes import Draft
    from sessions.session import Session

    _Screen = Screen[None]
    W = TypeVar("W", bound=Widget)
else:
    _Screen = object


class NoteActions(_Screen):
    """The board's note keys; expects `session`, `live`, `_run` and `refresh_board`."""

    if TYPE_CHECKING:
        live: LiveSession
        names_hidden: bool

        @property
        def session(self) -> Session: ...

        def _run(
            self, command: str, *args: object, at_end: bool | None = None, redraw: bool = True
        ) -> bool: ...

        def refresh_board(self) -> None: ...

        def part(self, selector: str | type[W], kind: type[W] | None = None) -> W: ...

    def action_capture(self) -> None:
        """Open the capture line for the speaker who holds the floor (the clock runs on)."""
        state = self.session.state
        self.part(NotesPanel).display = True
        self._open_line(state.speaker or GROUP)

    def _open_line(self, speaker: str, text: str | None = None, editing: int | None = None) -> None:
        """The note line; on a short screen the card gives up its padding above and below
        while the line is open, so that its question stays whole (`board.tcss`)."""
        self.part(Capture).open(speaker, text, editing)
        self.fit_line()

    def fit_line(self) -> None:
        """The open note line, and the card's padding, fitted to the screen's height (at
        opening, and when the terminal is resized while the line is open)."""
        capture = self.part(Capture)
        if capture.display:
            self.part(CardView).set_class(capture.fit_to_screen(), "-tight")

    def speakers(self) -> list[str]:
        """Who `tab` offers as the note's speaker: the floor first, then everyone else."""
        state = self.session.state
        first = [state.speaker] if state.speaker else []
        others = [n for n in state.participants if n != state.speaker]
        return [*first, *others, GROUP, ANONYMOUS]

    def _parsed(self, capture: Capture, text: str) -> Draft:
        """The note `submit_note` saves for what was typed (and the hint shows)."""
        state = self.session.state
        return parse_capture(
            text, participants=state.participants, speaker=capture.speaker, today=date.today()
        )

    def note_hint(self, capture: Capture, text: str) -> Text:
        """Above the line while typing: the kind and the speaker the note will be saved with
        (an `@name` over the one `tab` chose), and the keys."""
        draft = self._parsed(capture, text)
        hint = Text()
        hint.append(f"{SYMBOLS[draft.kind]} {t(f'kind.{draft.kind}')}", style="bold reverse")
        hint.append("  ")
        hint.append(t("capture.by", name=speaker_label(draft.speaker)), style="bold")
        if stray := stray_name(text, self.session.state.participants):
            hint.append("  ")
            hint.append(t("capture.no_such_name", word=stray), style="italic")
        hint.append("  ")
        hint.append(t("capture.help_agreement" if draft.kind == "agreement" else "capture.help"))
        return hint

    def submit_note(self, capture: Capture, text: str) -> bool:
        """Save what was typed as a note (or an edit); True when saved."""
        state = self.session.state
        draft = self._parsed(capture, text)
        editing = capture.editing
        # a saved note closes the line, and the board redraws then (on_capture_closed)
        if editing:
            note = state.note(editing)
            fields = ("kind", "text", "speaker", "who", "due", "due_date")
            if note is not None and all(getattr(note, f) == getattr(draft, f) for f in fields):
                return True  # left as it was: nothing to save, and not marked as edited
            saved = self._run("edit_note", editing, draft, redraw=False)
        else:
            saved = self._run("record", draft, redraw=False)
        if saved and (clash := weekday_clash(draft.due, draft.due_date)):
            typed, actual = (t(f"weekday.{day}") for day in clash)
            self.notify(
                t("note.weekday_clash", date=draft.due_date, actual=actual, typed=typed),
                severity="warning",
                timeout=8,
            )
        return saved

    def on_capture_closed(self) -> None:
        """The capture line closed (saved or cancelled): redraw, the card with its padding."""
        self.part(CardView).remove_class("-tight")
        self.refresh_board()

    def action_focus_notes(self) -> None:
        panel = self.part(NotesPanel)
        if not panel.option_count:
            self.notify(t("note.none_here"), severity="warning", timeout=3)
            return
        panel.display = True
        # at once, not after the keys already typed (as `focus()` would): `o home enter` in
        # one burst edits the first note
        self.set_focus(panel)

    def _highlighted_note(self) -> int | None:
        panel = self.part(NotesPanel)
        if self.focused is not panel or panel.highlighted is None:
            return None
        option_id = panel.get_option_at_index(panel.highlighted).id
        return int(option_id) if option_id and option_id.isdigit() else None

    def edit_note(self, seq: int) -> None:
        """`enter` on a note in the notes list (or a click): edit it in the capture line."""
        note = self.session.state.note(seq)
        if note is None or self.live.read_only:
            return
        prefix = next((p for p, kind in PREFIXES.items() if kind == note.kind), "")
        text = note.text
        if note.kind == "agreement" and (note.who or note.due):
            text = f"{text}; {note.who}; {note.due}"
        self._open_line(note.speaker, f"{prefix}{text}", editing=note.seq)

    def action_delete_note(self) -> None:
        seq = self._highlighted_note()
        if seq is None:
            self.notify(t("note.choose_first"), severity="warning", timeout=3)
            return
        if self._run("delete_note", seq):
            self.notify(t("note.deleted"), timeout=3)

    def action_toggle_names(self) -> None:
        self.names_hidden = not self.names_hidden
        self.refresh_board()
        self.notify(
            t("board.names_hidden" if self.names_hidden else "board.names_shown"), timeout=2
        )

    def action_reflection(self) -> None:
        from app.screens.reflection import ReflectionScreen

        self.app.push_screen(ReflectionScreen(self.live), lambda _: self.refresh_board())

    def action_carried(self, by_itself: bool = False) -> None:
        """The list of items open from last time; `by_itself` when the board opens it
        unasked (then no item is chosen until the facilitator moves to one)."""
        from app.screens.carry import CarryOverScreen

        if not self.session.state.carried:
            self.notify(t("carry.none"), timeout=3)
            return
        screen = CarryOverScreen(self.live, by_itself=by_itself)
        self.app.push_screen(screen, lambda _: self.refresh_board())
