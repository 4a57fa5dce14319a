"""Small modal dialogs: a yes/no question (also before a filled-in form is closed), and
"save a copy to…" after the disk failed."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Horizontal, Vertical
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Select, SelectionList, Static
from textual.worker import Worker, WorkerState

from app import locations
from app.bindings import TranslatedBindings
from app.live import LiveSession
from app.widgets.footer import ResponsiveFooter
from cards.i18n import t
from sessions.store import StoreError

YES_KEYS = ("j", "y")  # yes in Dutch (ja) and English
ANSWER_AFTER = 0.8  # seconds a question with an irreversible yes is shown before `j` counts


class ConfirmScreen(TranslatedBindings, ModalScreen[bool]):
    """Ask one question; True for yes. `j`/`y` and `n`/escape answer from the keyboard (in
    capitals too), `enter` presses the focused button, and any other letter, or a space, puts
    the question away unanswered (see `on_key`); the Footer shows the yes key of the UI
    language (`j` for *ja*, `y` for *yes*) with the yes button's own words. A question whose
    yes cannot be undone (`danger`) takes only that key: the other is a letter like any."""

    BINDINGS = [
        Binding("j,y,J,Y", "yes_key", "common.yes", id="confirm.yes"),
        Binding("n,N,escape", "answer(False)", "common.no", id="confirm.no"),
    ]

    def described(self, bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
        first = t("common.yes_key")
        yes = {
            key: active._replace(binding=replace(active.binding, description=self.yes))
            for key, active in bindings.items()
            if active.binding.id == "confirm.yes"
        }
        if first in yes:  # the Footer shows an action's first key
            yes = {first: yes[first], **yes}
        return {**yes, **{k: a for k, a in bindings.items() if k not in yes}}

    def __init__(self, question: str, *, yes: str | None = None, danger: bool = False) -> None:
        super().__init__()
        self.question = question
        self.yes = yes or t("common.yes")
        self.danger = danger
        self.answered = False
        self.shown_at = 0.0  # when it was mounted (monotonic)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.question), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, variant="error" if self.danger else "primary", id="yes")
                yield Button(t("common.no"), id="no")
        yield ResponsiveFooter()  # the dialog's keys, not those of the screen beneath it

    def on_mount(self) -> None:
        self.query_one("#no" if self.danger else "#yes", Button).focus()
        self.shown_at = time.monotonic()

    def action_yes_key(self) -> None:
        """`j` or `y`. To a question whose yes cannot be undone, only once it has been on the
        screen for `ANSWER_AFTER` seconds: typed on from a word ("bejaard", "hey"), the
        `e` asked to end the session and the `j` right after it said yes. Ignored, the key is
        read as nothing; a later one, or a click, answers."""
        if self.danger and time.monotonic() - self.shown_at < ANSWER_AFTER:
            return
        self.action_answer(True)

    def on_key(self, event: events.Key) -> None:
        """A letter or a space that answers nothing was meant for the screen beneath (a note
        typed on after its line closed: the `e` of a word asked to end the session, and the
        `j` of a later word would have said yes): the question goes away unanswered, as with
        `n`."""
        if event.is_printable and not self._answers(event.key):
            event.stop()
            self.action_answer(False)

    def _answers(self, key: str) -> bool:
        """Whether `key` answers the question: one of its keys, and to a question that cannot
        be undone only the yes key its Footer shows (in English, the `j` of "just" typed on
        would otherwise have ended the session)."""
        if key not in self.active_bindings:
            return False
        return not (self.danger and key.lower() in YES_KEYS and key.lower() != t("common.yes_key"))

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        # once: keys read in one burst all reach the question before it has gone
        if not self.answered:
            self.answered = True
            self.dismiss(answer)


def filled_in(form: DOMNode) -> tuple[object, ...]:
    """What the fields of a form hold now: compared with what they held when it opened, it
    tells whether anything was typed or chosen."""
    values: list[object] = []
    for field in form.query("Input, Select, SelectionList, Checkbox"):
        if isinstance(field, SelectionList):
            values.append(tuple(field.selected))
        elif isinstance(field, Input | Select | Checkbox):
            values.append(field.value)
    return tuple(values)


def folder_typed_in(field: Input, default: Path) -> Path | None:
    """The folder typed in `field` (`locations.typed_folder`); an empty field would write into
    the folder dialoog was started from: it is refused, with `default` put back, and said. The
    folder put back is selected: what is typed next takes its place (it went in front of it)."""
    folder = locations.typed_folder(field.value)
    if folder is None:
        field.value = str(default)
        field.focus()
        field.select_all()
        field.notify(t("common.no_folder"), severity="warning")
    return folder


def leave_form(form: DOMNode, changed: bool, leave: Callable[[], object]) -> None:
    """Close a form: at once when nothing was filled in, else only after a yes (no is the
    default: enter or escape keep the form)."""
    if not changed:
        leave()
        return

    def answered(yes: bool | None) -> None:
        if yes:
            leave()

    question = ConfirmScreen(t("common.leave_form"), yes=t("common.leave_form_yes"), danger=True)
    form.app.push_screen(question, answered)


class SaveCopyScreen(TranslatedBindings, ModalScreen[Path | None]):
    """The session could not be saved: say why, and offer to save everything elsewhere.

    With `leave`, the facilitator is leaving the session (the menu, or quitting) while what
    could not be saved is only in memory: the copy is offered once more, with a way to go
    without it (`leave` runs then) and escape to stay."""

    BINDINGS = [
        Binding("ctrl+s", "save", "save.save", id="save.save"),
        Binding("escape", "later", "save.later", id="save.later"),
    ]

    def __init__(
        self,
        live: LiveSession,
        error: StoreError,
        default: Path,
        *,
        leave: Callable[[], object] | None = None,
    ) -> None:
        super().__init__()
        self.live = live
        self.error = error
        self.default = default
        self.leave = leave

    def compose(self) -> ComposeResult:
        leaving = self.leave is not None
        unsaved = self.live.writer.pending if self.live.writer is not None else 0
        with Vertical(classes="dialog"):
            yield Static(
                t("save.leave_heading" if leaving else "save.heading"), classes="dialog-title"
            )
            yield Static(Text(self.error.message), classes="dialog-text")
            kept = t("save.leave_kept", count=unsaved) if leaving else t("save.kept")
            if leaving and self.live.path is not None and not self.live.path.exists():
                kept = t("save.leave_kept_all")  # its folder went, and the file with it
            yield Static(kept, classes="dialog-text")
            yield Input(str(self.default), id="save-folder")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("save.save"), variant="primary", id="save")
                if leaving:
                    yield Button(t("save.discard"), variant="error", id="discard")
                yield Button(t("save.back" if leaving else "save.later"), id="later")
        yield ResponsiveFooter()

    def on_mount(self) -> None:
        # what it says matters more than any message before it (at 80x24 a few covered it)
        self.app.clear_notifications()
        self.query_one("#save-folder", Input).focus()

    @property
    def saving(self) -> bool:
        """A copy is being written (its thread goes on even if the dialog were closed)."""
        return any(w.node is self and not w.is_finished for w in self.workers)

    def _wait_for_the_copy(self) -> bool:
        busy = self.saving
        if busy:
            self.notify(t("save.busy"), timeout=3)
        return busy

    @on(Input.Submitted, "#save-folder")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        if self._wait_for_the_copy():
            return
        folder = folder_typed_in(self.query_one("#save-folder", Input), self.default)
        if folder is not None:
            self.save_to(folder)

    @on(Button.Pressed, "#later")
    def action_later(self) -> None:
        if not self._wait_for_the_copy():
            self.dismiss(None)

    @on(Button.Pressed, "#discard")
    def discard(self) -> None:
        if self._wait_for_the_copy():
            return
        self.dismiss(None)
        if self.leave is not None:
            self.app.call_next(self.leave)  # once this dialog is off the stack

    @work(thread=True, exclusive=True, group="save-copy", exit_on_error=False)
    def save_to(self, folder: Path) -> Path | None:
        try:
            return self.live.save_copy_to(folder)
        except (StoreError, OSError) as error:
            message = error.message if isinstance(error, StoreError) else str(error)
            self.app.call_from_thread(
                self.app.notify, message, title=t("save.failed"), severity="error", markup=False
            )
            return None

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        super().on_worker_state_changed(event)
        # close once the worker has finished (closing from inside it would cancel it)
        worker = event.worker
        if worker.group == "save-copy" and event.state == WorkerState.SUCCESS and worker.result:
            self.dismiss(worker.result)


class LeaveCopyScreen(SaveCopyScreen):
    """The copy offered once more as the facilitator leaves the session: escape stays."""

    BINDINGS = [Binding("escape", "later", "save.back", id="save.back")]
