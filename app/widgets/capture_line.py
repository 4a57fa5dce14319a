"""The note line itself: a TextArea, because Textual's Input drops everything after the first
line of a paste. Enter saves, escape closes, tab changes the speaker; a huge paste is refused.

Its own module, loaded as the board has shown its first frame (`Capture.line`): the TextArea
and its document take some 10 ms to load and style, and the line is hidden until `enter`.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import TextArea

from app.widgets.capture import Capture
from cards.i18n import t
from sessions.notes import MAX_NOTE_CHARS

# zero-width (non-)joiner: they join emoji (a family, a skin tone) and letters (Persian)
# (by the key names Textual gives them)
JOINERS = {"zero_width_joiner": "\u200d", "zero_width_non_joiner": "\u200c"}


class CaptureLine(TextArea):
    """Enter submits, escape closes, tab changes the speaker; huge pastes are refused."""

    # Listed for the Footer; the keys themselves are handled in `on_key`, in the order they
    # were typed (a priority binding would overtake characters still waiting to be inserted)
    BINDINGS = [
        Binding("enter", "submit", "capture.save", id="capture.save"),
        Binding("escape", "cancel", "capture.close", id="capture.cancel"),
        Binding("tab", "next_speaker", "capture.speaker", id="capture.speaker"),
    ]
    KEYS = {"enter": "submit", "escape": "cancel", "tab": "next_speaker"}

    @property
    def capture(self) -> Capture:
        assert isinstance(self.parent, Capture)
        return self.parent

    async def on_key(self, event: events.Key) -> None:
        if not self.capture.display:
            # closed, but not yet let go (`Capture.close`): the key was typed after the one
            # that closed the line, so it is the screen's. A focused TextArea hides the
            # screen's letter keys from the app, so let go now, then the app reads it again.
            event.prevent_default()
            event.stop()
            self.capture.let_go()
            self.app.post_message(events.Key(event.key, event.character))
            return
        joiner = JOINERS.get(event.key)
        if joiner is not None:
            # Textual reads a joiner as a key that prints nothing, and TextArea drops it
            event.prevent_default()
            event.stop()
            self.insert(joiner)
            return
        action = self.KEYS.get(event.key)
        if action is not None:
            event.prevent_default()
            event.stop()
            await self.run_action(action)

    def on_paste(self, event: events.Paste) -> None:
        if len(self.text) + len(event.text) > MAX_NOTE_CHARS:
            event.prevent_default()
            event.stop()
            self.notify(
                t("note.paste_too_long", length=len(event.text), most=MAX_NOTE_CHARS),
                severity="error",
                timeout=6,
            )

    def action_submit(self) -> None:
        """Save now, in the order the keys came: the line closes before the next key is read.
        A refused note stays in the line, so nothing is lost."""
        if not self.text.strip():
            self.capture.close()  # enter on an empty line just closes it
        elif self.capture.submit(self.text):
            self.capture.close(saved=True)

    def action_cancel(self) -> None:
        self.capture.close()

    def action_next_speaker(self) -> None:
        """At once, as `enter` saves: in `tab a enter` typed in one burst the note is saved
        for the speaker chosen (a message would be read after the `enter`)."""
        self.capture.next_speaker()

    def on_text_area_changed(self) -> None:
        self.capture.show_hint()
