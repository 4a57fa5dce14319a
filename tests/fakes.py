"""Test doubles shared by several test modules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sessions.storage import journal_path


class FakeClock:
    """A monotonic clock that moves only when told to; also gives matching wall-clock stamps."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self._wall = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
        self._start = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    def wall(self) -> str:
        """ISO UTC stamp of the fake now, as events carry."""
        stamp = self._wall + timedelta(seconds=self.now - self._start)
        return stamp.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def saved_bytes(path: Path) -> bytes:
    """What a session has on disk: its file and its journal, for "nothing was written" checks."""
    journal = journal_path(path)
    return path.read_bytes() + b"\0" + (journal.read_bytes() if journal.exists() else b"")
