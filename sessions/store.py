"""Session files: one TinyDB file per session in the data folder, written atomically.

A file holds two tables: ``meta`` (one document: schema version, session id) and ``events``
(one document per event, in order). New events are appended to a journal beside the file
(``<id>.json.journal``) and folded into the file now and then and when the session closes; see
`sessions.storage`. A file that does not load is never written to: it is reported as damaged
with the reason. A newer schema is refused with a clear message.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from tinydb.table import Document

from cards.i18n import t
from sessions.atomic import ignore_file_size_signal as ignore_file_size_signal
from sessions.events import Event, SessionStarted, from_record, to_record
from sessions.lock import SessionLock
from sessions.storage import (
    JournalDB,
    JournalLineError,
    JournalStorage,
    journal_path,
    read_tables,
    write_snapshot,
)

SCHEMA_VERSION = 1
SUFFIX = ".json"


class StoreError(Exception):
    """A session file problem, with a message in the UI language."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


class DamagedFile(StoreError):
    """The file is not a session file we can read (truncated, not JSON, wrong shape)."""


class NewerSchema(StoreError):
    """The file was written by a newer dialoog."""


class WriteFailed(StoreError):
    """The disk refused a write (full, read-only, too large); the last good file is intact."""

    def __init__(self, path: Path, error: OSError) -> None:
        reasons = {
            errno.ENOSPC: "store.write.full",
            errno.EROFS: "store.write.read_only",
            errno.EACCES: "store.write.denied",
            errno.EPERM: "store.write.denied",
            errno.EFBIG: "store.write.too_big",
            errno.ENOENT: "store.write.gone",
        }
        key = reasons.get(error.errno or 0, "store.write.other")
        super().__init__(path, t(key, path=path.parent, detail=error.strerror or str(error)))
        self.errno = error.errno


def session_path(folder: Path, session_id: str) -> Path:
    return folder / f"{session_id}{SUFFIX}"


def load_events(path: Path) -> list[Event]:
    """Every event in a session file, in order; DamagedFile or NewerSchema when it won't do."""
    return _events_from(path, _read_or_damaged(path, lambda: read_tables(path)))


def _read_or_damaged(path: Path, read: Callable[[], Any]) -> Any:
    """What `read()` reads of the file at `path`; DamagedFile when it cannot be read."""
    try:
        data = read()
    except FileNotFoundError:
        raise DamagedFile(path, t("store.damaged.missing")) from None
    except UnicodeDecodeError:
        raise DamagedFile(path, t("store.damaged.not_text")) from None
    except OSError as error:
        raise DamagedFile(path, t("store.damaged.unreadable", detail=error.strerror)) from None
    except json.JSONDecodeError as error:
        raise DamagedFile(
            path, t("store.damaged.not_json", line=error.lineno, column=error.colno)
        ) from None
    except RecursionError:
        raise DamagedFile(path, t("store.damaged.shape")) from None
    except JournalLineError as error:
        raise DamagedFile(
            path, t("store.damaged.journal", path=error.path.name, line=error.line)
        ) from None
    if data is None:
        raise DamagedFile(path, t("store.damaged.empty"))
    return data


def change_stamp(path: Path) -> tuple[int, ...]:
    """Changes whenever the session at `path` does (its file or its journal); for polling."""
    stamp: list[int] = []
    for part in (path, journal_path(path)):
        try:
            info = part.stat()
        except OSError:
            stamp += [0, 0]
        else:
            stamp += [info.st_mtime_ns, info.st_size]
    return tuple(stamp)


def _events_from(path: Path, data: Any) -> list[Event]:
    if not isinstance(data, dict) or not isinstance(data.get("meta"), dict):
        raise DamagedFile(path, t("store.damaged.shape"))
    meta_docs = list(data["meta"].values())
    if len(meta_docs) != 1 or not isinstance(meta_docs[0], dict):
        raise DamagedFile(path, t("store.damaged.shape"))
    schema = meta_docs[0].get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise DamagedFile(path, t("store.damaged.shape"))
    if schema > SCHEMA_VERSION:
        raise NewerSchema(path, t("store.newer", version=schema, ours=SCHEMA_VERSION))
    table = data.get("events", {})
    if not isinstance(table, dict):
        raise DamagedFile(path, t("store.damaged.shape"))
    events: list[Event] = []
    shared: dict[str, str] = {}  # one object for each name, kind and id that repeats
    try:
        ordered = sorted(table.items(), key=lambda item: int(item[0]))
    except ValueError:
        raise DamagedFile(path, t("store.damaged.shape")) from None
    for number, (_doc_id, record) in enumerate(ordered, start=1):
        if not isinstance(record, dict):
            raise DamagedFile(path, t("store.damaged.event", number=number, detail="?"))
        try:
            event = from_record(record, shared)
        except ValueError as error:
            raise DamagedFile(path, t("store.damaged.event", number=number, detail=error)) from None
        if event.seq != number:
            raise DamagedFile(path, t("store.damaged.sequence", number=number))
        events.append(event)
    if not events or not isinstance(events[0], SessionStarted):
        raise DamagedFile(path, t("store.damaged.no_start"))
    return events


class SessionStore:
    """Durable home of one session's events. Writable stores hold the session's lock."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self.lock = SessionLock(path) if not read_only else None
        self._db: JournalDB | None = None

    @classmethod
    def create(cls, folder: Path, events: Iterable[Event], session_id: str) -> SessionStore:
        """A new session file holding `events` (at least SessionStarted), locked for us."""
        path = session_path(folder, session_id)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise WriteFailed(path, error) from None
        if path.exists():
            raise StoreError(path, t("store.exists", path=path))
        store = cls(path)
        assert store.lock is not None
        try:
            store.lock.acquire()
        except OSError as error:
            raise WriteFailed(path, error) from None
        try:
            store._write_whole(list(events))
        except OSError as error:
            store.close()
            raise WriteFailed(path, error) from None
        return store

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> tuple[SessionStore, list[Event]]:
        """Open a session file: its store and its events. SessionLocked when another window has
        it for writing (ask for read-only then); DamagedFile/NewerSchema when it won't load."""
        store = cls(path, read_only=read_only)
        if store.lock is not None:
            try:
                store.lock.acquire()
            except OSError as error:  # a folder we may read but not write: read-only is left
                raise WriteFailed(path, error) from None
        try:
            events = store._load_events()
        except StoreError:
            if store._db is not None:  # what it read stays unwritten: the file is kept as it is
                store._db.storage.forget()  # type: ignore[attr-defined]
                store._db = None
            store.close()
            raise
        if not read_only:
            store.remove_stale_temp_files()
        return store, events

    def remove_stale_temp_files(self) -> None:
        """Temp files left by writes that a crash cut short (we hold the lock: none is live)."""
        for temp in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                temp.unlink()

    def _write_whole(self, events: list[Event]) -> None:
        data = {
            "meta": {"1": {"schema": SCHEMA_VERSION, "app": "dialoog", "id": self.path.stem}},
            "events": {str(i): to_record(e) for i, e in enumerate(events, start=1)},
        }
        write_snapshot(self.path, data)

    def _load_events(self) -> list[Event]:
        if self.read_only:
            return load_events(self.path)
        # read through TinyDB's storage: it keeps what the first append needs (the ids and
        # where the journal ends), so the file is read once, not again at the first note
        storage = self._database().storage
        assert isinstance(storage, JournalStorage)
        events = _events_from(self.path, _read_or_damaged(self.path, storage.tables))
        if not storage.loaded:  # its events are fine, but not all of it is TinyDB's tables
            raise DamagedFile(self.path, t("store.damaged.shape"))
        return events

    def _database(self) -> JournalDB:
        if self._db is None:
            # the store only appends: its storage keeps the ids it needs for that, not the
            # documents (the session holds the events; see `JournalStorage`)
            self._db = JournalDB(self.path, storage=JournalStorage, keep_documents=False)
        return self._db

    def append(self, event: Event) -> None:
        """Make one event durable. After WriteFailed the same event may be appended again: a
        failed attempt may still have reached the disk (the fsync failed after the write, or
        the journal could not be restarted after the file was rewritten), and then the retry
        makes that copy durable instead of adding a second one."""
        if self.read_only:
            raise StoreError(self.path, t("session.read_only"))
        record = to_record(event)
        database = self._database()
        table = database.table("events")
        try:
            try:
                table.insert(Document(record, doc_id=event.seq))
            except ValueError:  # that number is there already
                if table.get(doc_id=event.seq) != record:
                    raise StoreError(
                        self.path, t("store.damaged.sequence", number=event.seq)
                    ) from None
                storage = database.storage
                assert isinstance(storage, JournalStorage)
                storage.compact(force=True)  # whatever landed, it is fsynced now
        except OSError as error:
            raise WriteFailed(self.path, error) from None  # the storage read the files again

    def close(self) -> None:
        """Fold the journal into one file (when the disk lets us) and let go of the lock."""
        if self._db is not None:
            self._db.close()
            self._db = None
        if self.lock is not None:
            self.lock.release()


def save_copy(events: Iterable[Event], folder: Path, session_id: str) -> SessionStore:
    """Write a whole session to another folder (after the usual one failed) and keep it open."""
    return SessionStore.create(folder, events, session_id)


def delete_session(path: Path) -> None:
    """Remove a session file, its journal, the notes kept unsaved when its window was shut
    (`sessions.drafts`) and its lock file. Refuses while another window holds the lock."""
    from sessions import drafts

    lock = SessionLock(path)
    lock.acquire()  # SessionLocked if it is open elsewhere
    try:
        path.unlink(missing_ok=True)
        journal_path(path).unlink(missing_ok=True)
        drafts.path_for(path).unlink(missing_ok=True)
    finally:
        lock.release()
        with contextlib.suppress(OSError):
            os.unlink(lock.path)
