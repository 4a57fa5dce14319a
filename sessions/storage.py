"""A TinyDB storage that appends to a journal and never leaves half a file behind.

A database lives in two files beside each other:

- the snapshot, ``<name>``: TinyDB's usual JSON, written whole and atomically (temp file in the
  same folder, fsync, ``os.replace``, fsync the folder), plus a ``_journal`` key naming the
  journal that continues it;
- the journal, ``<name>.journal``: one JSON line per document added since the snapshot, after
  a header line with the same name. Each append is one ``write`` and one ``fsync``.

A write that only adds documents (what TinyDB's ``insert`` does) is appended to the journal.
TinyDB's own ``insert`` still hands the storage every document to write back, for it to find the
new one; ``JournalDB``'s tables (``JournalTable``) pass the new document alone
(`JournalStorage.insert`), so an append costs the same at any size. Any other change (update,
remove, truncate, drop) and every ``COMPACT_EVERY`` appends rewrite the snapshot with a fresh
journal name and then start an empty journal. A crash between the two leaves a journal whose
name does not match the snapshot: it is ignored, and nothing is lost because the snapshot
already holds it.

Only the last line of a journal can be cut short by a crash; such a line was never
acknowledged, so readers skip it and the next writer cuts it off before appending. A broken line
before the last one is damage and is reported with its line number.

Closing folds the journal into the snapshot, but only when this storage wrote something: a
database opened, read and closed is left as it is on disk.

A reader that finds a journal with another name reads the file again: a writer may have
folded the journal in between its two reads. The cache holds the documents as written (read
back from their JSON), never objects the caller may still change; ``_journal`` is not a table
name this storage can keep.

A storage made with ``keep_documents=False`` (the session store's) keeps only the documents'
ids once it has read the files: it only appends, and the rest (a read, a fold, any other
change) reads the files again. A session of thousands of notes is then held once, as its
events, and not a second time as TinyDB's documents.

Changes TinyDB makes to a document are noticed through the document's own methods
(``doc[key] = value``, ``update``, ``pop``...); a change made inside a nested list or dict of a
stored document, without assigning it back, is not seen, and an update function that raises
halfway leaves its changes to be written with the next write. TinyDB's operations always
assign; dialoog only inserts.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from sessions.atomic import write_atomically

__all__ = [
    "COMPACT_EVERY",
    "JournalDB",
    "JournalLineError",
    "JournalStorage",
    "JournalTable",
    "journal_path",
    "read_tables",
    "write_atomically",
    "write_snapshot",
]

COMPACT_EVERY = 500
JOURNAL_KEY = "_journal"
READ_ATTEMPTS = 3

Tables = dict[str, dict[str, Any]]


class JournalLineError(ValueError):
    """A journal line before the last one is not a document record."""

    def __init__(self, path: Path, line: int) -> None:
        super().__init__(f"{path}: line {line} is not a journal record")
        self.path = path
        self.line = line


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + ".journal")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_snapshot(path: Path, tables: Tables) -> str:
    """Write `tables` whole as the snapshot at `path` with a new journal name; return the
    name. The old journal (if any) no longer matches, so readers ignore it from this moment
    on."""
    return _write_snapshot(path, lambda name: _snapshot_text(tables, name))


def _write_snapshot(path: Path, text: Callable[[str], Iterable[str]]) -> str:
    """Write the snapshot `text(name)` at `path` and start its empty journal, `name`."""
    name = os.urandom(8).hex()  # as secrets.token_hex(8)
    write_atomically(path, text(name))
    write_atomically(journal_path(path), _dumps({"journal": name}) + "\n")
    return name


# A snapshot is `_dumps({**tables, JOURNAL_KEY: name})` laid out a line at a time: "{", then
# for each table a line opening it, a line for each document and "}", and last the journal's
# name. JSON escapes every line break inside a string, so a line is always one of these (read
# with newline="", which breaks lines at "\n" and "\r" alone); a journal can then
# be folded into the file line by line (`_folded`), without reading its documents.
_TABLE_END = "}\n"


def _table_line(number: int, table: str) -> str:
    return ("," if number else "") + _dumps(table) + ":{\n"


def _document_line(count: int, doc_id: str, text: str) -> str:
    return ("," if count else "") + _dumps(doc_id) + ":" + text + "\n"


def _journal_line(tables: int, name: str) -> str:
    return ("," if tables else "") + _dumps(JOURNAL_KEY) + ":" + _dumps(name) + "}\n"


def _snapshot_text(tables: Tables, name: str) -> Iterator[str]:
    """The snapshot of `tables`, a line at a time: the text of a large database is never in
    memory whole (its one-piece JSON took eight times its size)."""
    yield "{\n"
    for number, (table, documents) in enumerate(tables.items()):
        yield _table_line(number, table)
        for count, (doc_id, doc) in enumerate(documents.items()):
            yield _document_line(count, doc_id, _dumps(doc))
        yield _TABLE_END
    yield _journal_line(len(tables), name)


class _NotLaidOut(ValueError):
    """A snapshot not laid out a line at a time (written by an older dialoog, or by hand)."""


def _folded(lines: Iterable[str], added: dict[str, dict[str, str]], name: str) -> Iterator[str]:
    """The snapshot `lines` (as `_snapshot_text` lays it out) with the documents `added` (their
    JSON text, by table and id) in it, and the journal name `name`: what `_snapshot_text`
    would write for the database the two make, copied a line at a time, without reading a
    document. A document of `added` takes the place of the one with its id. Raises
    _NotLaidOut (before its last line) for a snapshot laid out otherwise."""
    pending = {table: dict(documents) for table, documents in added.items()}
    lines = iter(lines)
    if next(lines, None) != "{\n":
        raise _NotLaidOut
    yield "{\n"
    tables = 0
    for line in lines:
        rest = _after_comma(line, tables)
        if rest.endswith(":{\n"):  # a table opens
            table = _json_string(rest[:-3])
            yield _table_line(tables, table)
            documents = pending.pop(table, {})
            count = 0
            for line in lines:
                if line == _TABLE_END:
                    break
                doc_id, text = _document_in(_after_comma(line, count))
                yield _document_line(count, doc_id, documents.pop(doc_id, text))
                count += 1
            else:
                raise _NotLaidOut  # the file ends inside a table
            for doc_id, text in documents.items():
                yield _document_line(count, doc_id, text)
                count += 1
            yield _TABLE_END
            tables += 1
        elif rest.startswith(_dumps(JOURNAL_KEY) + ":") and next(lines, None) is None:
            for table, documents in pending.items():  # tables the snapshot did not have
                yield _table_line(tables, table)
                for count, (doc_id, text) in enumerate(documents.items()):
                    yield _document_line(count, doc_id, text)
                yield _TABLE_END
                tables += 1
            yield _journal_line(tables, name)
            return
        else:
            raise _NotLaidOut
    raise _NotLaidOut  # no journal name at the end: not a whole snapshot


def _folded_file(path: Path, added: dict[str, dict[str, str]], name: str) -> Iterator[str]:
    """`_folded` of the snapshot at `path`, closed as soon as it is read (Windows replaces no
    file that is open)."""
    with path.open(encoding="utf-8", newline="") as lines:
        yield from _folded(lines, added, name)


def _after_comma(line: str, before: int) -> str:
    """`line` without the comma that separates it from the `before` items ahead of it."""
    if not before:
        return line
    if not line.startswith(","):
        raise _NotLaidOut
    return line[1:]


def _json_string(text: str) -> str:
    """The string `text` is the JSON of, written as `_dumps` writes it."""
    try:
        value = json.loads(text)
    except ValueError:
        raise _NotLaidOut from None
    if type(value) is not str or _dumps(value) != text:
        raise _NotLaidOut
    return value


_DECODER = json.JSONDecoder()


def _document_in(line: str) -> tuple[str, str]:
    """The id and JSON text of the document on `line` ('"id":{...}' and a line break)."""
    try:
        doc_id, end = _DECODER.raw_decode(line)
    except ValueError:
        raise _NotLaidOut from None
    if type(doc_id) is not str or line[end : end + 2] != ":{" or not line.endswith("}\n"):
        raise _NotLaidOut
    return doc_id, line[end + 1 : -1]


class _Journal:
    """What a journal file held: the documents after its header, and where its good part ends."""

    def __init__(self, records: list[tuple[str, str, Any]], good_bytes: int) -> None:
        self.records = records
        self.good_bytes = good_bytes


def _read_journal(
    path: Path, name: str, kept: Callable[[dict[str, Any]], Any] = lambda doc: doc
) -> _Journal | None:
    """The journal continuing the snapshot named `name`; None when it is absent or another's.
    Its records hold `kept(document)` (the document itself unless told)."""
    try:
        raw = journal_path(path).read_bytes()
    except FileNotFoundError:
        return None
    lines = raw.split(b"\n")
    # a complete file ends with a newline, so its last piece is empty; anything else there is
    # an append a crash cut short
    *complete, tail = lines
    try:
        header = json.loads(complete[0]) if complete else None
    except (ValueError, RecursionError):
        header = None
    if not isinstance(header, dict) or header.get("journal") != name:
        return None
    records: list[tuple[str, str, Any]] = []
    good = len(complete[0]) + 1
    for number, line in enumerate(complete[1:], start=2):
        record = _record(line)
        if record is None:
            if number == len(complete) and not tail:
                break  # the last line is torn (its newline landed, its text did not)
            raise JournalLineError(journal_path(path), number)
        table, doc_id, doc = record
        records.append((table, doc_id, kept(doc)))
        good += len(line) + 1
    return _Journal(records, good)


def _record(line: bytes) -> tuple[str, str, dict[str, Any]] | None:
    try:
        value = json.loads(line)
    except (ValueError, RecursionError):
        return None
    if not isinstance(value, dict):
        return None
    table, doc_id, doc = value.get("t"), value.get("id"), value.get("doc")
    if not isinstance(table, str) or not isinstance(doc_id, str) or not isinstance(doc, dict):
        return None
    return table, doc_id, doc


def _folded_since(path: Path, text: str) -> bool:
    """The snapshot at `path` is no longer `text` (another process rewrote it)."""
    try:
        return path.read_text(encoding="utf-8") != text
    except OSError:
        return False


def read_tables(path: Path) -> Any:
    """The database at `path` (snapshot with its journal replayed); None for an empty file.

    Raises what reading raises: OSError, UnicodeDecodeError, json.JSONDecodeError,
    RecursionError, JournalLineError. A snapshot that is not a JSON object is returned as is,
    for the caller to judge."""
    data, _, _ = _read(path)
    return data


def _read(path: Path) -> tuple[Any, str | None, _Journal | None]:
    """The snapshot with its journal replayed, the journal's name and what the journal held."""
    for _ in range(READ_ATTEMPTS):
        text = path.read_text(encoding="utf-8")
        if not text.strip():
            return None, None, None
        data = json.loads(text)
        if not isinstance(data, dict):
            return data, None, None
        name = data.pop(JOURNAL_KEY, None)
        journal = _read_journal(path, name) if isinstance(name, str) else None
        if journal is not None or not isinstance(name, str) or not _folded_since(path, text):
            break
        # a writer folded the journal in between our two reads: read its new file
    if journal is None:
        return data, None, None
    for table, doc_id, doc in journal.records:
        tables = data.setdefault(table, {})
        if isinstance(tables, dict):
            tables[doc_id] = doc
    return data, name, journal


class _Document(dict):  # type: ignore[type-arg]
    """A stored document that remembers being changed in place (how TinyDB updates)."""

    __slots__ = ("changed",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.changed = False

    def _mark(self) -> None:
        self.changed = True

    def __setitem__(self, key: Any, value: Any) -> None:
        self._mark()
        super().__setitem__(key, value)

    def __delitem__(self, key: Any) -> None:
        self._mark()
        super().__delitem__(key)

    def update(self, *args: Any, **kwargs: Any) -> None:
        self._mark()
        super().update(*args, **kwargs)

    def pop(self, *args: Any) -> Any:
        self._mark()
        return super().pop(*args)

    def popitem(self) -> Any:
        self._mark()
        return super().popitem()

    def setdefault(self, *args: Any) -> Any:
        self._mark()
        return super().setdefault(*args)

    def clear(self) -> None:
        self._mark()
        super().clear()

    def __ior__(self, other: Any) -> Any:  # type: ignore[misc]
        self._mark()
        return super().__ior__(other)


SHARED_UP_TO = 20  # characters: the strings that repeat from document to document are short


def _document(doc: dict[str, Any], strings: dict[str, str]) -> _Document:
    """A stored document as this storage keeps it. Its keys, and the short strings that repeat
    from document to document (names, kinds, ids), are one object each, kept in `strings` (the
    storage's own: they go when it forgets its cache): JSON gives every document its own, and
    a session of thousands of notes held them thousands of times over."""
    share = strings.setdefault
    return _Document(
        {
            share(key, key): share(value, value)
            if type(value) is str and len(value) <= SHARED_UP_TO
            else value
            for key, value in doc.items()
        }
    )


def _documents(tables: Tables, strings: dict[str, str]) -> Tables:
    """`tables` with each stored document made a `_Document` (see `_document`), in place: one
    document is copied at a time, not the whole database at once."""
    for table in tables.values():
        for doc_id, doc in table.items():
            table[doc_id] = _document(doc, strings)
    return tables


def _tables_shaped(data: Any) -> bool:
    """Shaped like TinyDB's tables: names to tables of documents, each a JSON object."""
    return isinstance(data, dict) and all(
        isinstance(table, dict) and all(type(doc) is dict for doc in table.values())
        for table in data.values()
    )


class NotTinyDB(ValueError):
    """The file is JSON, but not TinyDB's tables of documents: this storage leaves it alone."""


class JournalStorage(Storage):
    """TinyDB storage: added documents are appended to a journal, the rest rewrites the file."""

    def __init__(
        self, path: str | Path, *, read_only: bool = False, keep_documents: bool = True
    ) -> None:
        self.path = Path(path)
        self.journal = journal_path(self.path)
        self.read_only = read_only
        self.keep_documents = keep_documents
        # what the files hold, as read and appended since; without `keep_documents`, the
        # documents' ids alone (each id's document None)
        self._cache: Tables | None = None
        self._name: str | None = None  # the journal name the snapshot on disk carries
        self._good_bytes = 0  # where the journal's acknowledged part ends
        self._appended = 0
        self._fd: int | None = None
        self._strings: dict[str, str] = {}  # see `_document`
        self._wrote = False  # something was written since the files were read

    # -- reading ----------------------------------------------------------------------------

    def read(self) -> Tables | None:
        if not self.keep_documents:
            return self._read_files()
        if self._cache is None and self._load() is None:
            return None
        assert self._cache is not None
        # TinyDB adds to and removes from what it reads before writing it back: hand it new
        # table dicts, so a failed write cannot leave the cache ahead of the file
        return {name: dict(table) for name, table in self._cache.items()}

    @property
    def loaded(self) -> bool:
        """The files were read and are kept (see `tables`)."""
        return self._cache is not None

    def tables(self) -> Any:
        """What the files hold, read on first need and kept: TinyDB's first write uses what
        was read here instead of reading the files again. For a caller that only looks. None
        for an empty file; data not shaped like TinyDB's tables is returned as read, for the
        caller to judge, and not kept (a write then raises NotTinyDB). Raises what
        `read_tables` raises, FileNotFoundError included."""
        if self._cache is not None and self.keep_documents:
            return self._cache
        data, name, journal = _read(self.path)
        if data is None or not _tables_shaped(data):
            return data
        if self._cache is None:
            self._adopt(data, name, journal)
        return self._cache if self.keep_documents else data

    def _load(self) -> Tables | None:
        """Read the files and keep what they hold (see `_cache`); what they hold, or None when
        there is no file or it is empty."""
        try:
            data, name, journal = _read(self.path)
        except FileNotFoundError:
            return None
        if data is None:
            return None
        if not _tables_shaped(data):
            raise NotTinyDB(f"{self.path}: not a TinyDB database")
        self._adopt(data, name, journal)
        tables: Tables = data
        return tables

    def _read_files(self) -> Tables | None:
        """What the files hold, read now and not kept (see `keep_documents`). None when there
        is no file (or it is empty) and nothing was read before; once something was, a file
        that went missing raises FileNotFoundError: what was there is not to be written over
        as if the database were empty."""
        if self._cache is None:
            return self._load()
        data, _, _ = _read(self.path)
        if data is not None and not _tables_shaped(data):
            raise NotTinyDB(f"{self.path}: not a TinyDB database")
        tables: Tables | None = data
        return tables

    def _adopt(self, data: Tables, name: str | None, journal: _Journal | None) -> None:
        self._name = name
        self._good_bytes = journal.good_bytes if journal else 0
        self._appended = len(journal.records) if journal else 0
        self._wrote = False
        self._cache = _documents(data, self._strings) if self.keep_documents else _ids(data)

    # -- writing ----------------------------------------------------------------------------

    def write(self, data: Tables) -> None:
        if self.read_only:
            raise PermissionError(f"{self.path} is open read-only")
        if JOURNAL_KEY in data:
            raise ValueError(f"{JOURNAL_KEY!r} is not a table name this storage can keep")
        try:
            # without the documents, what changed cannot be told: all of it is written
            added = self._added(data) if self.keep_documents else None
            if added is None or self._name is None or self._appended + len(added) > COMPACT_EVERY:
                self.compact(data)
            elif added:
                self._append_and_keep(added)
        except BaseException:
            self.forget()  # the cache may be ahead of the files now: read them again
            raise

    def insert(self, table: str, doc_id: str, doc: dict[str, Any]) -> None:
        """Add one document to `table` (`JournalTable.insert`): one journal line, without the
        whole database passing through `write`. ValueError when `doc_id` is taken, as
        TinyDB's insert raises."""
        if self.read_only:
            raise PermissionError(f"{self.path} is open read-only")
        if table == JOURNAL_KEY:
            raise ValueError(f"{JOURNAL_KEY!r} is not a table name this storage can keep")
        if self._cache is None:
            self._load()  # None: no file yet (the write below makes it)
        cache = self._cache
        if cache is not None and doc_id in cache.get(table, {}):
            raise ValueError(f"Document with ID {doc_id} already exists")
        full = self._appended + 1 > COMPACT_EVERY and self.keep_documents
        if cache is None or self._name is None or full:
            data = self.read() or {}  # the whole database is written anyway
            data.setdefault(table, {})[doc_id] = doc
            self.write(data)
            return
        try:
            self._append_and_keep([(table, doc_id, doc)])
        except BaseException:
            self.forget()
            raise
        if self._appended >= COMPACT_EVERY:  # without the documents: folded a line at a time
            with contextlib.suppress(OSError):  # the document is in the journal: it is safe
                self.compact()

    def _append_and_keep(self, added: list[tuple[str, str, Any]]) -> None:
        written = self._append(added)
        assert self._cache is not None
        for table, doc_id, doc in written:
            kept = _document(doc, self._strings) if self.keep_documents else None
            self._cache.setdefault(table, {})[doc_id] = kept
        self._wrote = True

    def _added(self, data: Tables) -> list[tuple[str, str, Any]] | None:
        """The documents `data` adds to the cache, or None when it changes anything else."""
        cache = self._cache
        if cache is None or set(cache) - set(data):
            return None
        added = []
        for name, table in data.items():
            if name not in cache and not table:
                return None  # a new empty table: no line can say that
            old = cache.get(name, {})
            kept = 0
            for doc_id, doc in table.items():
                before = old.get(doc_id)
                if before is None:
                    added.append((name, doc_id, doc))
                elif doc is before and not before.changed:
                    kept += 1
                else:
                    return None
            if kept != len(old):
                return None  # a document was removed
        return added

    def _append(self, added: list[tuple[str, str, Any]]) -> list[tuple[str, str, Any]]:
        """Append `added` to the journal; the documents as written (read back from the text,
        so the cache holds what the file holds and nothing the caller may change later; None
        without `keep_documents`)."""
        journal = self.journal
        if self._fd is None:
            self._fd = os.open(journal, os.O_WRONLY | getattr(os, "O_BINARY", 0))
            # cut off an append a crash (or a failed write) left half done
            if os.fstat(self._fd).st_size != self._good_bytes:
                os.ftruncate(self._fd, self._good_bytes)
        lines = "".join(_dumps({"t": t, "id": i, "doc": d}) + "\n" for t, i, d in added)
        payload = lines.encode("utf-8")
        try:
            self._still_in_place(journal)
            os.lseek(self._fd, self._good_bytes, os.SEEK_SET)
            written = os.write(self._fd, payload)
            while written < len(payload):
                written += os.write(self._fd, payload[written:])
            os.fsync(self._fd)
        except OSError:
            with contextlib.suppress(OSError):  # take back what landed; else the next append will
                os.ftruncate(self._fd, self._good_bytes)
            self._close_journal()
            raise
        self._good_bytes += len(payload)
        self._appended += len(added)
        if not self.keep_documents:
            return [(t, i, None) for t, i, _ in added]
        return [
            (t, i, json.loads(line)["doc"])
            for (t, i, _), line in zip(added, lines.splitlines(), strict=True)
        ]

    def _still_in_place(self, journal: Path) -> None:
        """Refuse to append when the journal was moved or replaced (a folder renamed, a stick
        pulled): the open file would take the write, but not where the session lives."""
        assert self._fd is not None
        mine = os.fstat(self._fd)
        there = os.stat(journal)  # FileNotFoundError when the folder is gone
        if (mine.st_dev, mine.st_ino) != (there.st_dev, there.st_ino):
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(journal))

    def compact(self, data: Tables | None = None, *, force: bool = False) -> None:
        """Write everything as one snapshot with an empty journal (`force`: even when the
        journal is empty, to make sure what is on disk was fsynced)."""
        if data is None:
            if self._cache is None and force:
                self._load()
            if self._cache is None or (
                not force and self._name is not None and self._appended == 0
            ):
                return  # nothing read, or nothing in the journal
            if not self.keep_documents and self._fold():
                return
            data = self._cache if self.keep_documents else self._read_files()
            if data is None:
                return
        # the tables as they are now (a writer thread that is being closed may still add to
        # the cache while the snapshot is written, a document at a time)
        snapshot = {name: dict(table) for name, table in data.items()}
        self._close_journal()
        try:
            self._name = write_snapshot(self.path, snapshot)
            self._cache = (
                _as_written(snapshot, self._strings) if self.keep_documents else _ids(snapshot)
            )
        except BaseException:
            # the file may hold a new journal name already: never append to the old journal
            self.forget()
            raise
        header = _dumps({"journal": self._name}) + "\n"
        self._good_bytes = len(header.encode("utf-8"))
        self._appended = 0

    def _fold(self) -> bool:
        """Fold the journal into a new snapshot a line at a time (`_folded`): without the
        documents in memory, reading them all for it would cost the memory they were not
        kept to save. False, and nothing written, when the snapshot is not laid out a line
        at a time (the caller then reads it whole)."""
        if self._name is None:
            return False
        journal = _read_journal(self.path, self._name, kept=_dumps)
        added: dict[str, dict[str, str]] = {}
        for table, doc_id, text in journal.records if journal else ():
            added.setdefault(table, {})[doc_id] = text
        self._close_journal()
        try:
            name = _write_snapshot(self.path, lambda name: _folded_file(self.path, added, name))
        except _NotLaidOut:
            return False
        except BaseException:
            self.forget()  # as `compact`: never append to the old journal again
            raise
        assert self._cache is not None
        for table, documents in added.items():
            self._cache.setdefault(table, {}).update(dict.fromkeys(documents))
        self._name = name
        header = _dumps({"journal": name}) + "\n"
        self._good_bytes = len(header.encode("utf-8"))
        self._appended = 0
        return True

    def _close_journal(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    def forget(self) -> None:
        """Drop what is held in memory: the files are the truth again."""
        self._close_journal()
        self._cache = None
        self._name = None
        self._strings = {}
        self._wrote = False

    def close(self) -> None:
        """Fold the journal into the file (when the disk lets us) and forget the cache. A
        storage that wrote nothing leaves the files as they are, even when it read them."""
        if not self.read_only and self._wrote:
            with contextlib.suppress(OSError):  # the journal keeps it all if this fails
                self.compact()
        self.forget()


def _ids(tables: Tables) -> Tables:
    """The tables with their documents' ids alone (each id's document None)."""
    return {name: dict.fromkeys(table) for name, table in tables.items()}


def _as_written(tables: Tables, strings: dict[str, str]) -> Tables:
    """The cache after `tables` were written: what the file holds, sharing nothing with the
    caller. The documents this storage read and that nothing changed are kept as they are
    (reading a large database back after every compaction doubled its memory for a moment);
    the others are read back from their JSON."""
    return {
        name: {
            doc_id: doc
            if type(doc) is _Document and not doc.changed
            else _document(json.loads(_dumps(doc)), strings)
            for doc_id, doc in table.items()
        }
        for name, table in tables.items()
    }


class JournalTable(Table):
    """TinyDB's table; on a `JournalStorage`, `insert` passes the storage the new document
    alone. TinyDB's own reads the whole table, adds the document and writes it all back,
    which costs more with every document (a millisecond and a half at 2,000, in the writer
    thread, where it holds the interpreter while the board draws)."""

    def insert(self, document: Mapping[str, Any]) -> int:
        storage = self._storage
        if not isinstance(storage, JournalStorage) or not isinstance(document, Mapping):
            return super().insert(document)
        if isinstance(document, self.document_class):
            doc_id: int = document.doc_id
            self._next_id = None  # as TinyDB does: the next free id is looked up again
        else:
            doc_id = self._get_next_id()  # type: ignore[no-untyped-call]
        try:
            storage.insert(self.name, str(doc_id), dict(document))
        finally:
            self.clear_cache()
        return doc_id


class JournalDB(TinyDB):
    """TinyDB with `JournalTable`s (open it with ``storage=JournalStorage``)."""

    table_class = JournalTable
