"""The archive: a summary of every session file in the data folder, damaged ones included.

A session whose disk failed goes on in a copy in another folder (see `copies.py`): the archive
lists the copy in the place of the file it left behind, which lacks what came after, so
resuming goes on where the session was.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from cards.frozen import frozen
from sessions import copies as noted_copies
from sessions.events import (
    CardMoved,
    Event,
    NoteDeleted,
    NoteEdited,
    NoteRecorded,
    SessionEnded,
    SessionStarted,
)
from sessions.lock import open_in_a_window, read_holder
from sessions.notes import parse_date
from sessions.state import effective
from sessions.storage import journal_path
from sessions.store import SUFFIX, StoreError, delete_session, load_events

Copies = Mapping[str, Path]  # session id: the copy it went on in


@frozen
class SessionSummary:
    """One line of the archive. `problem` is set (and the rest mostly empty) for a damaged file."""

    path: Path
    id: str
    title: str = ""
    team: str = ""
    date: str = ""
    format: str = ""
    cards: int = 0
    notes: int = 0
    agreements: int = 0
    ended: bool = False
    last_at: str = ""
    problem: str = ""
    copy_missing: Path | None = None  # it went on in this copy, which cannot be found now
    left_behind: Path | None = None  # this is a copy; the file it went on from, in the folder

    @property
    def damaged(self) -> bool:
        return bool(self.problem)

    def matches(self, query: str) -> bool:
        return self.match_rank(query) is not None

    def match_rank(self, query: str) -> int | None:
        """How well the session matches a search: 0 when its title holds `query` as typed, 1
        when it holds every word of it, 2 when the words are found in the title, team, date,
        format or id together ("Teamoverleg 1" finds "Teamoverleg 3" of the 21st too, after
        "Teamoverleg 1"); None when a word is found nowhere. Accents and case do not count
        ("ecole" finds "École"), and a date is found as the set-up form takes it too
        ("23-11-2026" finds 2026-11-23)."""
        words = [_searchable(_as_kept_date(word)) for word in query.split()]
        title = _searchable(self.title)
        text = _searchable(" ".join((self.id, self.title, self.team, self.date, self.format)))
        if not all(word in text for word in words):
            return None
        if " ".join(words) in " ".join(title.split()):
            return 0
        return 1 if all(word in title for word in words) else 2


def _searchable(text: str) -> str:
    """`text` as a search compares it: casefolded, its accents taken off ("Zoë": "zoe")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _as_kept_date(word: str) -> str:
    """A whole date typed the Dutch way ("23-11-2026") as sessions keep it ("2026-11-23");
    any other word as it is."""
    found = parse_date(word)
    return found.isoformat() if found else word


def summarise(path: Path, events: Iterable[Event]) -> SessionSummary:
    events = list(events)
    start = events[0]
    assert isinstance(start, SessionStarted)
    counted = effective(events)
    # every card put on the table, as the notes list them (`SessionState.cards_dealt`, here
    # without folding the session): also one that came as the one before was parked or
    # skipped (only deals and picks were counted: 2 of 4 cards)
    cards = {(e.deck_id, e.card_id) for e in counted if isinstance(e, CardMoved) and e.card_id}
    kinds: dict[int, str] = {}
    for event in counted:
        if isinstance(event, NoteRecorded | NoteEdited):
            kinds[event.target if isinstance(event, NoteEdited) else event.seq] = event.kind
        elif isinstance(event, NoteDeleted):
            kinds.pop(event.target, None)
    return SessionSummary(
        path=path,
        id=start.id,
        title=start.title,
        team=start.team,
        date=start.date,
        format=start.format,
        cards=len(cards),
        notes=len(kinds),
        agreements=sum(1 for kind in kinds.values() if kind == "agreement"),
        ended=any(isinstance(e, SessionEnded) for e in counted),
        last_at=events[-1].at,
    )


def session_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        (p for p in folder.glob(f"*{SUFFIX}") if not p.name.startswith(".")),
        key=lambda p: p.name,
        reverse=True,
    )


SESSION_NAME = re.compile(r"\d{8}-\d{6}-[0-9a-z]+")  # as `sessions.meta.new_session_id` names them


def _summary_of(path: Path) -> SessionSummary | None:
    """The archive's line for the file at `path`; None for a file that is not a session: one
    that does not load and is neither named as dialoog names a session nor has its journal (a
    file of the user's own, which the archive must not offer to delete)."""
    try:
        return summarise(path, load_events(path))
    except StoreError as error:
        if not (SESSION_NAME.fullmatch(path.stem) or journal_path(path).exists()):
            return None
        return SessionSummary(path=path, id=path.stem, problem=error.message)


def list_sessions(folder: Path, copies: Copies | None = None) -> list[SessionSummary]:
    """Every session in `folder`, newest first; a file that does not load is listed as damaged.
    A session that went on in one of `copies` is listed as that copy: in place of its file
    here, or as well when its file here is gone. When the copy cannot be found or read, the
    file here is listed with `copy_missing` set. `copies` are those the app noted, unless
    given."""
    summaries = [s for path in session_files(folder) if (s := _summary_of(path)) is not None]
    for session_id, copy in (noted_copies.known() if copies is None else copies).items():
        here = next((s for s in summaries if s.id == session_id and not s.damaged), None)
        found = _summary_of(copy) if copy.is_file() else None
        if found is None or found.damaged or found.id != session_id:
            if here is not None:
                summaries[summaries.index(here)] = replace(here, copy_missing=copy)
        elif here is None:
            summaries.append(found)
        elif found.path.resolve() != here.path.resolve() and found.last_at >= here.last_at:
            summaries[summaries.index(here)] = replace(found, left_behind=here.path)
    return sorted(summaries, key=lambda s: s.path.name, reverse=True)


def _unfinished(folder: Path) -> list[SessionSummary]:
    return [s for s in list_sessions(folder) if not s.damaged and not s.ended]


def latest_unfinished(folder: Path, *, ours_free: bool = False) -> SessionSummary | None:
    """The most recently active session that has not been ended, for "resume": of those no
    window has open, when there are such (one open in another window can only be watched
    there; the facilitator means the one they closed), else of all. With `ours_free`, one
    this very process holds counts as free: the menu asks, and a session this window holds
    while its menu is shown is one its board is just closing."""
    open_ones = _unfinished(folder)
    free = [s for s in open_ones if not open_in_a_window(s.path, ours_free=ours_free)]
    return max(free or open_ones, key=lambda s: s.last_at, default=None)


def latest_to_follow(folder: Path) -> SessionSummary | None:
    """For the mirror: the most recently active of the sessions a window has open now (one
    resumed an hour after it was last written to is still the one running), else as
    `latest_unfinished`."""
    open_ones = _unfinished(folder)
    running = [s for s in open_ones if open_in_a_window(s.path)]
    return max(running or open_ones, key=lambda s: s.last_at, default=None)


def newest_held(folder: Path) -> tuple[str, Path] | None:
    """For a mirror that follows whatever runs: the session a window took up last, of those
    a window has open now, and since when (only the small lock files are read, once a
    second)."""
    held: list[tuple[str, Path]] = []
    for lock in folder.glob("*.lock"):
        session = lock.with_suffix(SUFFIX)
        if since := held_since(session):
            held.append((since, session))
    return max(held) if held else None


def held_since(session: Path) -> str:
    """Since when a window has had the session open ("" when none has it now)."""
    holder = read_holder(session)
    if holder is None or not session.is_file() or not open_in_a_window(session):
        return ""
    return holder.since


def find_session(folder: Path, wanted: str) -> SessionSummary | None:
    """A session by id, unique id prefix, or `latest`."""
    sessions = list_sessions(folder)
    if wanted == "latest":
        healthy = [s for s in sessions if not s.damaged]
        return max(healthy, key=lambda s: s.last_at, default=None)
    exact = [s for s in sessions if s.id == wanted]
    if exact:
        return exact[0]
    prefixed = [s for s in sessions if s.id.startswith(wanted)]
    return prefixed[0] if len(prefixed) == 1 else None


def delete(summary: SessionSummary) -> None:
    """Remove a session: its file, the file it went on from when it is a copy, and the note of
    its copy. Raises SessionLocked while another window has it open, or OSError."""
    delete_session(summary.path)
    if summary.left_behind is not None:
        delete_session(summary.left_behind)
    noted_copies.forget(summary.id)


def holder_of(path: Path) -> str:
    holder = read_holder(path)
    return holder.since_time if holder else ""
