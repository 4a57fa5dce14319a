"""Screens that are not styled a second time when they first come up."""

from __future__ import annotations

from typing import Any

from textual import events


class StyledOnMount:
    """Mix into a Screen (before `Screen`): its first `ScreenResume` leaves out the restyle
    of every widget on it that Textual asks for on a push (about 10 ms of opening a board, a
    third of it the Footer's keys; 5 ms of the menu at start-up).

    That restyle is for a screen coming back into the stack, which missed what changed while
    it was out of it (a theme). This one was styled as it was mounted and has been in the
    stack, on top, since its push: a theme or stylesheet change restyles the screens in the
    stack (`App.refresh_css`), and a widget whose classes, focus, hover or disabled state
    change restyles itself. So the styles it has are the ones the restyle would give it, as
    long as it is still on top when the event comes. `tests/test_styled.py` holds Textual
    (pinned) to that. Handlers run in the class order, so this one runs before Screen's."""

    _resumed = False

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        screen: Any = self
        if not self._resumed and screen.app.screen is screen:
            event.refresh_styles = False
        self._resumed = True
