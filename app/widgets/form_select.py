"""A form's drop-down list that lets `enter` go on to the next field, as it does in the rest of
the form, once something was chosen in it."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import Select


class FormSelect(Select[str]):
    """`enter` opens the list, `enter` in it chooses; the next `enter` goes on to the next field
    (it opened the list again: the names typed next jumped through its options, and the last
    `enter` chose one of them). `↓`, `↑` and space still open it, as a click does."""

    BINDINGS = [Binding("enter", "open_or_go_on", show=False)]

    _chosen = False  # the list was open since this field got the focus

    def watch_expanded(self, expanded: bool) -> None:
        if not expanded:
            self._chosen = True

    def action_open_or_go_on(self) -> None:
        if self._chosen:
            self._chosen = False
            self.screen.focus_next()
        else:
            self.action_show_overlay()

    def on_blur(self, _event: events.Blur) -> None:
        # the list takes the focus while it is open; anywhere else, the field was left
        self.call_after_refresh(self._left)

    def _left(self) -> None:
        if not self.is_attached:
            return  # the form was closed (ctrl+s with the focus here)
        focused = self.screen.focused
        if focused is None or not (focused is self or self in focused.ancestors):
            self._chosen = False
