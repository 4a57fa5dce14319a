"""One writer per session file: an OS lock on `<session>.lock`, released by the OS on a crash.

The lock file also says who holds it (process, machine, since when), so a second window can
tell the facilitator "open in another window since 10:42".
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from datetime import datetime
from pathlib import Path

from cards.frozen import frozen

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


@frozen
class Holder:
    """Who holds a session's lock."""

    pid: int
    host: str
    since: str  # local time, ISO format

    @property
    def since_time(self) -> str:
        """ "10:42" (or the raw value when it cannot be read)."""
        try:
            return datetime.fromisoformat(self.since).strftime("%H:%M")
        except ValueError:
            return self.since


class SessionLocked(Exception):
    """Another dialoog window writes this session."""

    def __init__(self, path: Path, holder: Holder | None) -> None:
        super().__init__(str(path))
        self.path = path
        self.holder = holder


def lock_path(session_path: Path) -> Path:
    return session_path.with_suffix(".lock")


def read_holder(session_path: Path) -> Holder | None:
    try:
        data = json.loads(lock_path(session_path).read_text(encoding="utf-8"))
        return Holder(int(data["pid"]), str(data["host"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def open_in_a_window(session_path: Path, *, ours_free: bool = False) -> bool:
    """Whether a window has the session open now: its lock file names a process that still
    runs (a window that was killed leaves its name behind; one closed normally does not).
    With `ours_free`, not when that process is this one."""
    holder = read_holder(session_path)
    if holder is None:
        return False
    if ours_free and holder.pid == os.getpid() and holder.host == socket.gethostname():
        return False
    if holder.host != socket.gethostname() or os.name == "nt":
        return True  # another computer's (a shared folder), or no harmless way to ask
    try:
        os.kill(holder.pid, 0)  # signal 0: only whether the process is there
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # there, but another user's
    return not _ended(holder.pid)


def _ended(pid: int) -> bool:
    """Whether the process has ended and waits only to be reaped (a window killed a moment
    ago: "resume" took it for one still open and opened an older session)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False  # no /proc (macOS): as signal 0 said
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


class SessionLock:
    """Held while a session is open for writing; `release` (or process exit) frees it."""

    def __init__(self, session_path: Path) -> None:
        self.session_path = session_path
        self.path = lock_path(session_path)
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise `SessionLocked` naming the holder."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(fd):
            os.close(fd)
            raise SessionLocked(self.session_path, read_holder(self.session_path))
        holder = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": datetime.now().isoformat(timespec="milliseconds"),
        }
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        # leave byte 0 to the Windows lock region; JSON readers skip leading whitespace
        os.write(fd, (" " + json.dumps(holder)).encode("utf-8"))
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        # the file stays: unlinking it could let two windows lock two different files
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
        with contextlib.suppress(OSError):
            os.close(self._fd)
        self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None
