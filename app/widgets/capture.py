"""The capture line: type while people speak; enter saves, escape cancels.

A TextArea, because Textual's Input drops everything after the first line of a paste. Above it a
hint says, while typing, which kind of note this is and who said it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static, TextArea

from cards.i18n import t
from sessions.notes import MAX_NOTE_CHARS, SYMBOLS, kind_of


def speaker_label(speaker: str) -> str:
    from sessions.notes import ANONYMOUS, GROUP

    if speaker == GROUP:
        return t("note.group")
    if speaker == ANONYMOUS:
        return t("note.anonymous")
    return speaker


class CaptureLine(TextArea):
    """Enter submits, escape cancels, tab changes the speaker; huge pastes are refused."""

    # Listed for the Footer; the keys themselves are handled in `on_key`, in the order they
    # were typed (a priority binding would overtake characters still waiting to be inserted)
    BINDINGS = [
        Binding("enter", "submit", "capture.save", id="capture.save"),
        Binding("escape", "cancel", "common.cancel", id="capture.cancel"),
        Binding("tab", "next_speaker", "capture.speaker", id="capture.speaker"),
    ]
    KEYS = {"enter": "submit", "escape": "cancel", "tab": "next_speaker"}

    @dataclass
    class Submitted(Message):
        text: str

    @dataclass
    class Cancelled(Message):
        pass

    @dataclass
    class SpeakerCycled(Message):
        pass

    async def on_key(self, event: events.Key) -> None:
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
        # cleared at once, so the next keys typed start a new note; the screen puts the text
        # back if the note is refused, so nothing is lost
        text, self.text = self.text, ""
        self.post_message(self.Submitted(text))

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())

    def action_next_speaker(self) -> None:
        self.post_message(self.SpeakerCycled())


class Capture(Vertical):
    """The hint line and the capture line; the board shows it on `enter`."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.speaker = ""
        self.editing: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="capture-hint")
        yield CaptureLine(id="capture-line", soft_wrap=True, show_line_numbers=False)

    def open(self, speaker: str, text: str = "", editing: int | None = None) -> None:
        self.speaker = speaker
        self.editing = editing
        line = self.query_one(CaptureLine)
        line.text = text
        line.move_cursor(line.document.end)
        self.display = True
        self.show_hint()
        # at once, not after the keys already waiting: they belong to the note
        self.screen.set_focus(line)

    def close(self) -> None:
        self.query_one(CaptureLine).text = ""
        self.editing = None
        self.display = False

    def show_hint(self) -> None:
        kind = kind_of(self.query_one(CaptureLine).text)
        hint = Text()
        hint.append(f"{SYMBOLS[kind]} {t(f'kind.{kind}')}", style="bold reverse")
        hint.append("  ")
        hint.append(t("capture.by", name=speaker_label(self.speaker)), style="bold")
        hint.append("  ")
        hint.append(t("capture.help_agreement" if kind == "agreement" else "capture.help"))
        self.query_one("#capture-hint", Static).update(hint)

    @on(TextArea.Changed, "#capture-line")
    def typed(self) -> None:
        self.show_hint()
