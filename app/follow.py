"""Following a session file that another window writes: the mirror, and a board opened
read-only while the session runs elsewhere.

The writer replaces the file atomically (or appends whole lines to its journal), so every read
sees a whole session; a read that fails all the same is tried again at the next change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from textual.screen import Screen
from textual.worker import get_current_worker

from cards.i18n import t
from cards.model import Deck
from sessions.lock import open_in_a_window, read_holder
from sessions.session import Session
from sessions.state import MissingDeck
from sessions.store import StoreError, change_stamp, load_events

POLL_SECONDS = 0.25
HOLDER_EVERY = 4  # polls between two looks whether a window still runs the session (1 s)


def _seconds(stamp: str) -> float:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


def following(
    session: Session, now: datetime | None = None, held_since: datetime | None = None
) -> Session:
    """Set the session's clocks as they stand now: a running clock runs on from its last
    reading (the other window's clock, by the wall clock). A reading older than the window
    that holds the session now (`held_since`) was left by a window that was killed: the
    window that took the session up again shows it standing, until it starts the clock."""
    reading = session.state.clock
    if not reading.running or not reading.at or session.state.ended:
        return session  # paused, or the session is over: its clocks stand still
    if held_since is not None and held_since.timestamp() > _seconds(reading.at):
        return session
    now = now or datetime.now(UTC)
    ran = max(now.timestamp() - _seconds(reading.at), 0.0)
    session.turn_clock.set_remaining(reading.turn_left - ran)
    session.round_clock.set_remaining(reading.round_left - ran)
    session.turn_clock.start()
    session.round_clock.start()
    return session


def _held_since(path: Path) -> datetime | None:
    """Since when the window that holds the session now has held it (None: no window)."""
    holder = read_holder(path)
    if holder is None:
        return None
    try:
        return datetime.fromisoformat(holder.since).astimezone()  # local time, as written
    except ValueError:
        return None


class SessionFollower:
    """Looks every `POLL_SECONDS` whether the session file at `path` changed; when it did,
    reads it again off the event loop and hands `screen` the session, its clocks as they stand
    now (`shown`), or what went wrong (`failed`: a file gone, damaged, or of a deck not
    loaded). `read_now`: read the file at the first look (else from its first change).

    A window that was killed cannot pause its clock on the way out: once a second, while the
    session runs, the follower looks whether a window still holds it. When none does, the
    clocks stop where they stood then, and `failed` says why; when a
    window takes it up again, it is followed again."""

    def __init__(
        self,
        screen: Screen[Any],
        path: Path,
        decks: Mapping[str, Deck],
        *,
        shown: Callable[[Session], None],
        failed: Callable[[str], None],
        read_now: bool = True,
    ) -> None:
        self.screen = screen
        self.path = path
        self.decks = decks
        self.shown = shown
        self.failed = failed
        self._stamp: tuple[int, ...] | None = None if read_now else self._now()
        self._ongoing = False  # the session last read has not ended
        self._orphaned = False  # ... and no window runs it: shown with its clocks standing
        self._polls = 0
        self._stopped = False
        self._timer = screen.set_interval(POLL_SECONDS, self.look)

    def stop(self) -> None:
        """Follow no more (the screen goes over to another session)."""
        self._stopped = True
        self._timer.stop()
        self.screen.workers.cancel_group(self.screen, "follow")

    def _now(self) -> tuple[int, ...] | None:
        try:
            return change_stamp(self.path)
        except OSError:
            return None

    def again(self) -> None:
        """Read the file again at once, changed or not (the screen was drawn anew)."""
        self._stamp = None
        self.look()

    def look(self) -> None:
        if not self.path.exists():
            self.failed(t("mirror.gone", path=self.path))
            return
        stamp = self._now()
        changed = stamp != self._stamp
        self._polls += 1
        if self._ongoing and self._polls % HOLDER_EVERY == 0:
            orphaned = not open_in_a_window(self.path)
            if orphaned != self._orphaned:
                self._orphaned = orphaned
                changed = True  # read again: with its clocks stopped, or running on
        if changed:
            self._stamp = stamp
            self.screen.run_worker(
                partial(self._read, self._orphaned),
                thread=True,
                exclusive=True,
                group="follow",
                exit_on_error=False,
            )

    def _read(self, orphaned: bool) -> None:
        app = self.screen.app
        worker = get_current_worker()
        try:
            session = Session(load_events(self.path), self.decks, read_only=True)
        except StoreError as error:
            answer = partial(self.failed, error.message)
        except MissingDeck as missing:
            answer = partial(self.failed, t("session.missing_deck", deck=missing.deck_id))
        else:
            answer = partial(self._answer, session, orphaned, _held_since(self.path))
        # a later change started a later read (`exclusive`): this one's answer is older
        if not worker.is_cancelled:
            app.call_from_thread(self._deliver, answer)

    def _deliver(self, answer: Callable[[], None]) -> None:
        if not self._stopped:  # else read before the screen went over to another session
            answer()

    def _answer(self, session: Session, orphaned: bool, held_since: datetime | None) -> None:
        self._ongoing = not session.state.ended
        if not orphaned:
            self.shown(following(session, held_since=held_since))
            return
        # the clocks stop where they stood when the window went (noticed within a second)
        following(session)
        session.turn_clock.pause()
        session.round_clock.pause()
        self.shown(session)
        if self._ongoing:
            self.failed(t("mirror.window_closed"))
