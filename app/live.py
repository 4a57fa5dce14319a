"""An open session as the app holds it: the session, where its events go, and what went wrong.

Opening, creating and closing sessions happens here so that screens only issue commands and
read state. Writer errors arrive on the writer's thread and are passed to the UI thread.
"""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Callable, Collection, Mapping
from pathlib import Path

from app import locations
from cards.i18n import t
from cards.model import Deck
from sessions import copies
from sessions.archive import list_sessions
from sessions.clock import Monotonic
from sessions.meta import SessionSetup
from sessions.session import Session
from sessions.state import MissingDeck, fold, open_items
from sessions.store import SessionStore, StoreError, load_events, save_copy
from sessions.writer import Writer

ErrorHandler = Callable[[StoreError, int], None]


def drafts_back(places: Collection[str]) -> str:
    """What the board says of the drafts `LiveSession.take_drafts` put back, by the screens
    they wait on: a note line's on `enter`, the closing reflection's on `t` and then `enter`
    (it said "enter" for those too, which wrote a note on the board instead)."""
    lines = len(places) - ("reflection" in places)
    if "reflection" not in places:
        return t("capture.drafts_back", count=lines)
    if not lines:
        return t("capture.drafts_back_reflection")
    return t("capture.drafts_back_both", count=len(places))


class NoteDraft:
    """A new note closed unsaved (`esc`): its text and for whom, for the next new note on the
    same screen (`app.widgets.capture.Capture`). The session holds it, so that it outlives the
    screen: the reflection is left and opened again, a language switch composes anew."""

    __slots__ = ("speaker", "text")

    def __init__(self) -> None:
        self.text = ""
        self.speaker = ""


class LiveSession:
    """A session open in this window: writable (with a writer), read-only, or practice only.

    A plain class, not a dataclass: on Python 3.11 a dataclass costs about a millisecond of
    start-up to make (see `cards.frozen`), and nothing compares or prints these."""

    def __init__(
        self,
        session: Session,
        writer: Writer | None = None,
        path: Path | None = None,
        on_error: ErrorHandler | None = None,
        *,
        went_on_in: Path | None = None,
        in_copy: bool = False,
    ) -> None:
        self.session = session
        self.writer = writer
        self.path = path
        self.on_error = on_error
        # the session went on in this copy, not in the file opened (see `open_session`)
        self.went_on_in = went_on_in
        self.in_copy = in_copy  # the file opened is the copy it went on in (after a disk failure)
        self._drafts: dict[str, NoteDraft] = {}
        # the screens ("board", "reflection", ...) whose drafts the last window kept as it
        # was shut (`take_drafts`), until the board has said so
        self.drafts_taken: tuple[str, ...] = ()
        # the file they were read from, which stays until `close` (the session may move on
        # to a copy meanwhile, after a disk failure)
        self._drafts_read: Path | None = None
        self._drafts_kept = False  # drafts written for the next opening (`keep_drafts`)

    def draft(self, place: str) -> NoteDraft:
        """The unsaved note of a screen's note line ("board", "reflection", ...)."""
        return self._drafts.setdefault(place, NoteDraft())

    def drafts_kept(self) -> list[str]:
        """The texts of the notes closed unsaved, kept for the next new note."""
        return [draft.text for draft in self._drafts.values() if draft.text.strip()]

    def forget_drafts(self) -> None:
        self._drafts.clear()

    def keep_drafts(self) -> bool:
        """Write the drafts beside the session's file, for its next opening (the window is
        being shut: `sessions.drafts`). True when there were any, and the disk took them."""
        kept = {place: (d.speaker, d.text) for place, d in self._drafts.items() if d.text.strip()}
        if not kept or self.path is None or self.read_only or self.session.state.ended:
            return False  # (an ended session takes no more notes)
        from sessions import drafts

        try:
            drafts.keep(self.path, kept)
        except OSError:
            return False
        self._drafts_kept = True
        return True

    def take_drafts(self) -> int:
        """The drafts the last window kept as it was shut, back for the next new notes; how
        many there were."""
        if self.path is None or self.read_only or self.session.state.ended:
            return 0  # the file stays (an ended session takes no more notes)
        from sessions import drafts

        kept = drafts.read(self.path)
        self._drafts_read = self.path if kept else None
        for place, (speaker, text) in kept.items():
            draft = self.draft(place)
            draft.speaker, draft.text = speaker, text
        self.drafts_taken = tuple(kept)
        return len(kept)

    @property
    def read_only(self) -> bool:
        return self.session.read_only

    @property
    def saved(self) -> bool:
        """True when events go to a file (not a practice board)."""
        return self.writer is not None

    def close(self) -> None:
        if self._drafts_read is not None and not self._drafts_kept:
            # the drafts read at opening were saved, thrown away after a question, or are
            # still drafts the leaving asked about (`DialoogApp.typed_first`): the file goes
            from sessions import drafts

            drafts.discard(self._drafts_read)
            self._drafts_read = None
        if self.writer is not None:
            if self.writer.failed is None:  # else the unsaved steps are the facilitator's call
                self.session.stop_for_closing()
            self.writer.close()
            self.writer = None

    def save_copy_to(self, folder: Path) -> Path:
        """Write every event to `folder` and go on writing there (after the disk failed). A
        session closed meanwhile (left while the copy was written) keeps the copy, closed."""
        writer = self.writer
        assert writer is not None
        events = list(self.session.events)  # steps taken while the copy is written come after
        store = save_copy(events, folder, self.session.state.id)
        writer.move_to(store, holds=events[-1].seq)
        self.path = store.path
        # so the menu and the archive offer the copy, not the file left behind; the copy is
        # saved whether or not this note can be written
        with contextlib.suppress(OSError):
            copies.record(self.session.state.id, store.path)
        return store.path


def _writer(store: SessionStore, on_error: ErrorHandler | None) -> Writer:
    return Writer(store, on_error=on_error)


def create(
    setup: SessionSetup,
    decks: Mapping[str, Deck],
    *,
    seed: int | None = None,
    on_error: ErrorHandler | None = None,
    now: Monotonic = time.monotonic,
) -> LiveSession:
    """Start a session and its file. StoreError when the file cannot be written at all."""
    session = Session.start(setup, decks, seed=seed, now=now)
    if setup.team.strip():
        session.carry_over(open_from_last_time(setup.team, decks))
    store = SessionStore.create(locations.data_dir(), session.events, session.state.id)
    writer = _writer(store, on_error)
    session.sink = writer
    return LiveSession(session, writer, store.path, on_error)


def open_from_last_time(team: str, decks: Mapping[str, Deck]) -> list[tuple[str, dict[str, str]]]:
    """Parked items and open agreements of this team's most recent earlier session."""
    wanted = team.strip().casefold()
    earlier = [
        s
        for s in list_sessions(locations.data_dir())
        if not s.damaged and s.team.strip().casefold() == wanted
    ]
    for summary in sorted(earlier, key=lambda s: (s.date, s.last_at), reverse=True):
        try:
            events = load_events(summary.path)
            return open_items(fold(events, decks))
        except (StoreError, MissingDeck):
            continue  # a session we cannot read now: try the one before it
    return []


def session_decks(session: Session) -> list[str]:
    """The decks chosen for the session that are loaded now, in the order chosen."""
    started = session.state.started
    chosen = started.decks if started else ()
    return [deck_id for deck_id in chosen if deck_id in session.decks]


def practice(deck: Deck, seed: int | None = None) -> LiveSession:
    """A board for just dealing one deck: nothing is saved."""
    setup = SessionSetup(title=deck.title, decks=(deck.id,))
    return LiveSession(Session.start(setup, {deck.id: deck}, seed=seed, session_id="practice"))


def open_session(
    path: Path,
    decks: Mapping[str, Deck],
    *,
    read_only: bool = False,
    on_error: ErrorHandler | None = None,
    now: Monotonic = time.monotonic,
) -> LiveSession:
    """Resume (or view) a session file. Raises SessionLocked, StoreError or MissingDeck."""
    store, events = SessionStore.open(path, read_only=read_only)
    try:
        session = Session(events, decks, read_only=read_only, now=now)
    except MissingDeck:
        store.close()
        raise
    # reading the file left thousands of objects behind, and filled CPython's free lists,
    # which only a full collection empties: that memory goes back before the board is built
    # (10-20 ms; about 0.3 MiB of the peak with 2,000 notes, measured in bench/)
    gc.collect()
    # the copy this session went on in after its disk failed: this file, or another (what was
    # recorded there is not in this file)
    copy = copies.known().get(session.state.id)
    in_copy = copy is not None and copy == path.resolve()
    elsewhere = None if copy is None or in_copy else copy
    if read_only:
        return LiveSession(session, None, path, went_on_in=elsewhere, in_copy=in_copy)
    writer = _writer(store, on_error)
    session.sink = writer
    live = LiveSession(session, writer, path, on_error, went_on_in=elsewhere, in_copy=in_copy)
    live.take_drafts()
    return live
