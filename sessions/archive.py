"""The archive: a summary of every session file in the data folder, damaged ones included."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sessions.events import (
    CardMoved,
    Event,
    NoteDeleted,
    NoteEdited,
    NoteRecorded,
    SessionEnded,
    SessionStarted,
)
from sessions.lock import read_holder
from sessions.state import effective
from sessions.store import SUFFIX, StoreError, load_events


@dataclass(frozen=True, slots=True)
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

    @property
    def damaged(self) -> bool:
        return bool(self.problem)

    def matches(self, query: str) -> bool:
        words = query.casefold().split()
        text = " ".join((self.id, self.title, self.team, self.date, self.format)).casefold()
        return all(word in text for word in words)


def summarise(path: Path, events: Iterable[Event]) -> SessionSummary:
    events = list(events)
    start = events[0]
    assert isinstance(start, SessionStarted)
    counted = effective(events)
    cards = {
        (e.deck_id, e.card_id)
        for e in counted
        if isinstance(e, CardMoved) and e.move in ("deal", "pick") and e.card_id
    }
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


def list_sessions(folder: Path) -> list[SessionSummary]:
    """Every session in `folder`, newest first; a file that does not load is listed as damaged."""
    summaries = []
    for path in session_files(folder):
        try:
            summaries.append(summarise(path, load_events(path)))
        except StoreError as error:
            summaries.append(SessionSummary(path=path, id=path.stem, problem=error.message))
    return summaries


def latest_unfinished(folder: Path) -> SessionSummary | None:
    """The most recently active session that has not been ended, for "resume"."""
    open_ones = [s for s in list_sessions(folder) if not s.damaged and not s.ended]
    return max(open_ones, key=lambda s: s.last_at, default=None)


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


def holder_of(path: Path) -> str:
    holder = read_holder(path)
    return holder.since_time if holder else ""
