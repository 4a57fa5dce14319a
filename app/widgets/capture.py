"""The capture line: type while people speak; enter saves, escape closes.

The line is a TextArea (`app.widgets.capture_line`). Above it a hint (the screen's) says,
while typing, what will be saved and who said it. A new note closed unsaved is kept as a
draft, and the next new note starts from it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.css.query import NoMatches
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from app.live import NoteDraft
from app.widgets.plain import PlainColumn
from cards.i18n import t

if TYPE_CHECKING:
    from app.widgets.capture_line import CaptureLine

LET_GO_SECONDS = 0.05  # three frames at 60 a second
SHORT_BELOW = 30  # rows: a screen lower than this is short (80x24), the line stays low on it


class Capture(PlainColumn):
    """The hint line and the capture line; the board shows it on `enter`.

    `hint` says what the screen's `submit` will make of the text; `draft` keeps a new note
    closed unsaved (the screen passes one its session holds, so that it outlives the screen)."""

    def __init__(
        self,
        submit: Callable[[Capture, str], bool],
        *,
        speakers: Callable[[], list[str]],
        hint: Callable[[Capture, str], Text],
        draft: NoteDraft | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._submit = submit
        self._speakers = speakers
        self._hint = hint
        self._draft = draft if draft is not None else NoteDraft()
        self.speaker = ""
        self.editing: int | None = None
        self.opened_with = ""
        self.display = False  # until `enter`; from the start, as the screen's keys ask
        self._done_with_text = False
        self._return_to: Widget | None = None  # where the focus goes back to on closing
        self._line: CaptureLine | None = None

    def submit(self, text: str) -> bool:
        """Hand the text to the screen that saves it; True when saved."""
        return self._submit(self, text)

    def compose(self) -> ComposeResult:
        yield Static(id="capture-hint")

    def on_mount(self) -> None:
        # the line is hidden until `enter`: it comes once the screen is shown, so that the
        # first frame does not wait for the TextArea (made at once if `enter` comes first)
        self.call_after_refresh(self.line)

    def line(self) -> CaptureLine:
        """The note line, made (and mounted) the first time it is asked for."""
        if self._line is None:
            from app.widgets.capture_line import CaptureLine

            self._line = CaptureLine(id="capture-line", soft_wrap=True, show_line_numbers=False)
            if self.is_attached:
                self.mount(self._line)
        return self._line

    @property
    def made_line(self) -> CaptureLine | None:
        """The note line if it was made yet (`line` makes it)."""
        return self._line

    @property
    def text(self) -> str:
        """What is in the line (nothing before it is made)."""
        return self._line.text if self._line is not None else ""

    def open(self, speaker: str, text: str | None = None, editing: int | None = None) -> None:
        """Open the line for `speaker`; without `text`, a new note: the draft, if one was kept
        (with the speaker it had), else an empty line."""
        if text is None:
            text = self._draft.text
            if text:
                speaker = self._draft.speaker or speaker
        self.speaker = speaker
        self.editing = editing
        self.fit_to_screen()
        self.opened_with = text  # an edit left as it was loses nothing when the line goes
        # a note opened from the notes list and left unchanged: back to the list afterwards
        self._return_to = self.screen.focused if editing is not None else None
        self._done_with_text = False
        line = self.line()
        line.text = text
        line.move_cursor(line.document.end)
        self.display = True
        self._toasts_clear_of_line(True)
        self.show_hint()
        # at once, not after the keys already waiting: they belong to the note
        self.screen.set_focus(line)

    def fit_to_screen(self) -> bool:
        """Under 30 rows (80x24) the line stays low, so that a long note leaves what is above
        it (the card) whole (`board.tcss`); True then. A class on the line, set as it opens
        (and by the board as the terminal is resized while it is open), restyles only the
        line; one on the screen would restyle the whole screen at each resize."""
        short = self.screen.size.height < SHORT_BELOW
        self.set_class(short, "-short")
        return short

    def close(self, *, saved: bool = False) -> None:
        """Close the line; a saved note hands the keys back to the board (where `enter` starts
        a new note and `x` exports), a cancelled edit back to the notes list. A new note
        closed unsaved is kept as the draft; saved or emptied, the draft goes."""
        if saved:
            self._return_to = None
        if self.editing is None:
            kept = "" if saved else self.text
            if kept.strip():
                self._draft.text, self._draft.speaker = kept, self.speaker
                self.notify(t("capture.draft_kept"), timeout=3)
            else:
                self._draft.text = self._draft.speaker = ""
        self.editing = None
        self.display = False
        self._toasts_clear_of_line(False)
        self._done_with_text = True  # saved or cancelled: what is in the line may go
        # the line is emptied and lets go of the focus a few frames later: both restyle and
        # redraw it (3-4 ms), and the frame that shows the saved note need not wait for that
        # (an after-refresh callback can run before that frame); a key typed meanwhile goes
        # to the screen (`CaptureLine.on_key`)
        self.set_timer(LET_GO_SECONDS, self.let_go)
        self.post_message(self.Closed())

    def _toasts_clear_of_line(self, writing: bool) -> None:
        """While the line is open, messages appear at the top of the screen, not over what is
        being typed (Textual shows them bottom right, where the line is)."""
        for rack in self.screen.query("ToastRack"):
            rack.set_class(writing, "-clear-of-line")

    def let_go(self) -> None:
        """Empty the closed line and take the focus from it."""
        line = self._line
        if self.display or line is None:
            return  # opened again before the frame
        if self._done_with_text:
            line.text = ""
        back, self._return_to = self._return_to, None
        usable = back is not None and back is not line and back.is_attached and back.display
        if usable and self.screen.focused in (None, line):
            self.screen.set_focus(back)
        elif self.screen.focused is line:
            self.screen.set_focus(None)

    class Closed(Message):
        """The capture line closed (saved or cancelled): the screen redraws."""

    def show_hint(self) -> None:
        self.query_one("#capture-hint", Static).update(self._hint(self, self.text))

    def next_speaker(self) -> None:
        """`tab`: the next in the screen's list of speakers (people, the group, anonymous)."""
        choices = self._speakers()
        index = choices.index(self.speaker) if self.speaker in choices else -1
        self.speaker = choices[(index + 1) % len(choices)]
        self.show_hint()


class CaptureKeys:
    """Mix into a screen with a Capture whose keys are `in_typed_order`."""

    # what still works while the line is open: keys that cannot be text, and clicks
    WHILE_TYPING: ClassVar[frozenset[str]] = frozenset({"presentation", "toggle_keys", "floor_to"})

    def off_while_typing(self, action: str) -> bool:
        """The screen's key for `action` is text for the note now: turned off."""
        return action not in self.WHILE_TYPING and self.typing

    @property
    def typing(self) -> bool:
        """The capture line is open: the screen's keys are text for the note."""
        try:
            return bool(self.query_one(Capture).display)  # type: ignore[attr-defined]
        except NoMatches:
            return False  # asked by the Footer before the screen's widgets are all there

    def action_toggle_keys(self) -> None:
        """`?`: the key panel (a screen action, so that `typing` turns it off too)."""
        self.app.action_toggle_keys()  # type: ignore[attr-defined]

    def on_key(self, event: events.Key) -> None:
        """A key for the screen while the line is open but has not the focus."""
        capture = self.query_one(Capture)  # type: ignore[attr-defined]
        line = capture.made_line
        if not capture.display or line is None or self.focused is line:  # type: ignore[attr-defined]
            return
        event.prevent_default()
        event.stop()
        if self.focused is None:  # type: ignore[attr-defined]
            # read before the `enter` that opened the line, and not a key of the screen
            return
        # the facilitator clicked elsewhere (the notes list): the line is still open, and
        # what is typed belongs to it
        self.set_focus(line)  # type: ignore[attr-defined]
        line.post_message(events.Key(event.key, event.character))


def unsaved_lines(screen: Widget) -> list[CaptureLine]:
    """The note lines open on `screen` whose text would be lost by leaving: a new note with
    text in it, or an edit that changed what it opened with."""
    found = []
    for capture in screen.query(Capture):
        line = capture.made_line
        if not capture.display or line is None:
            continue
        edited = capture.editing is not None and line.text != capture.opened_with
        if line.text.strip() and (capture.editing is None or edited):
            found.append(line)
    return found
