"""What the screens that run a session share (the board and the coaching screen), and how
one opened read-only follows what another window records (`app.follow`)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.screen import Screen

from app.bindings import TranslatedBindings, typed_and_unbound
from app.screens.wrap_up import WrapUp
from app.styled import StyledOnMount
from app.ticks import ClockTicks
from app.widgets.capture import CaptureKeys
from cards.i18n import t

if TYPE_CHECKING:
    from textual.binding import ActiveBinding

    from app.live import LiveSession
    from sessions.session import Session

    _Screen = Screen[None]
else:
    _Screen = object


class FollowsWhenReadOnly(_Screen):
    """Mix into a session's screen (before `Screen`); expects `live`. Read-only, most often
    because another window runs the session, the screen reads the session again whenever that
    window records a step and draws it with `show_followed`; a problem reading it is said
    once."""

    if TYPE_CHECKING:
        live: LiveSession
        redrawing: bool  # `TranslatedBindings`: the screen is composed anew

        def drawn_anew(self) -> None: ...  # `TranslatedBindings`

    _follow_problem = ""  # the last problem following the file (said once)

    def show_followed(self) -> None:
        """Draw the screen from `self.live.session`, just read again."""
        raise NotImplementedError

    def follow_if_read_only(self) -> None:
        if not (self.live.read_only and self.live.path is not None):
            return
        from app.follow import SessionFollower  # only a read-only screen needs it

        SessionFollower(
            self,
            self.live.path,
            self.live.session.decks,
            shown=self._followed,
            failed=self._follow_failed,
        )

    def _followed(self, session: Session) -> None:
        # read at once too: the other window's clock runs on here (opened, it stood paused)
        if self.is_attached and not self.redrawing:
            self.live.session = session
            said, self._follow_problem = self._follow_problem, ""  # a later one is said again
            if said and getattr(self.app, "mirroring", False):
                self.drawn_anew()  # the header said the problem: it says the session again
            self.show_followed()

    def _follow_failed(self, message: str) -> None:
        if not self.is_attached:
            return
        if message != self._follow_problem:  # said once, not four times a second
            self._follow_problem = message
            self.notify(message, severity="warning", timeout=8, markup=False)
            if getattr(self.app, "mirroring", False):
                self.sub_title = message  # on the projector it stays, as the card mirror's


class SessionScreen(
    WrapUp,
    CaptureKeys,
    FollowsWhenReadOnly,
    ClockTicks,
    TranslatedBindings,
    StyledOnMount,
    Screen[None],
):
    """A screen that runs a session: export and end it, type a note on its line, follow it
    read-only, redraw its clock as the seconds turn, show its keys translated."""

    BLANK = True  # drawn as its background alone, as its plain containers (`app.widgets.plain`)
    WRITING: ClassVar[frozenset[str]] = frozenset()  # the actions that add to the session
    # keys that are off now and say why when pressed (else they did nothing, without a word)
    SAYS_WHY_OFF: ClassVar[dict[str, str]] = {}

    def described(self, bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
        if not getattr(self.app, "mirroring", False):
            return bindings
        # in a mirror there is no menu to go back to: `escape` closes the mirror
        return {
            key: active._replace(binding=replace(active.binding, description=t("app.quit")))
            if active.binding.action == "leave"
            else active
            for key, active in bindings.items()
        }

    def why_off(self, action: str) -> str | None:
        """In words, why the key of `action` does nothing when it is off (`SAYS_WHY_OFF`)."""
        key = self.SAYS_WHY_OFF.get(action)
        return None if key is None else t(key)

    def on_key(self, event: events.Key) -> None:
        """A key that would add to a session that has ended, or is open read-only, is not in
        the Footer and does nothing: it says why (it said nothing)."""
        if self.focused is not None or self.typing:
            return  # the key is the focused widget's, or the note's
        if getattr(self.app, "mirroring", False):  # as the mirror of a board says
            if typed_and_unbound(self, event):
                self.notify(t("mirror.keys_elsewhere"), timeout=3)
            return
        bindings = self._bindings.key_to_bindings.get(event.key, [])
        if not (self.live.read_only or self.session.state.ended):
            for binding in bindings:  # a key that is off now and says why (`SAYS_WHY_OFF`)
                why = self.why_off(binding.action)
                if why is not None and not self.check_action(binding.action, ()):
                    self.notify(why, severity="warning", timeout=3)
                    return
            return
        for binding in bindings:
            if binding.action.split("(", 1)[0] in self.WRITING:
                ended = self.session.state.ended  # also when it ended in the other window
                why = "session.already_ended" if ended else "session.read_only"
                self.notify(t(why), timeout=3)
                return
