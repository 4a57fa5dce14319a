"""Export a session and end it: the keys the board and the coaching screen share.

`x` opens the export dialog at any time; `e` asks first, ends the session (a closed record:
nothing joins it after) and then shows what the screen offers next: the board the takeaways'
QR code for the room, the coaching screen the export dialog for the feedback sheets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from cards.i18n import t

if TYPE_CHECKING:
    from textual.screen import Screen

    from app.live import LiveSession
    from sessions.session import Session

    _Screen = Screen[None]
else:
    _Screen = object


class WrapUp(_Screen):
    """Mix into a session's screen; expects `live`, `session` and `_run(command)`."""

    END_QUESTION: ClassVar[str] = "board.end_question"  # the catalogue key of the question

    if TYPE_CHECKING:
        live: LiveSession

        @property
        def session(self) -> Session: ...

        def _run(self, command: str, *args: object) -> bool: ...

    def action_export(self) -> None:
        from app.screens.export import ExportScreen

        self.app.push_screen(ExportScreen(self.session.counted_now(), dict(self.session.decks)))

    def action_end_session(self) -> None:
        """End the session (asks first), then `after_end`."""
        from app.screens.dialogs import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes and self._run("end"):
                self.after_end()

        # ending cannot be undone: `enter` alone (or typed on) keeps the session going
        question = ConfirmScreen(t(self.END_QUESTION), yes=t("board.end"), danger=True)
        self.app.push_screen(question, answered)

    def after_end(self) -> None:
        """What the screen shows once the session is ended."""

    def wrap_up_allowed(self, action: str) -> bool | None:
        """Whether `export` or `end_session` can run now (None: another action). A practice
        board saves nothing, so it has nothing to export or end; a session read from the
        archive can be exported, not ended; an ended one is not ended twice. A mirror, on
        the projector, exports nothing: its export dialog would fill the room's screen."""
        if action == "export":
            mirror = getattr(self.app, "mirroring", False)
            return (self.live.saved or self.live.read_only) and not mirror
        if action == "end_session":
            return self.live.saved and not self.live.read_only and not self.session.state.ended
        return None
