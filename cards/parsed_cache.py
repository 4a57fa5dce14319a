"""Parsed text kept between starts, as Python keeps compiled modules.

The decks, the UI text and the settings are TOML; Python's parser is pure Python, and parsing
them (with loading the parser) took about 15 ms of every start. Here each text that parsed
cleanly is kept in one cache file, keyed by the file it came from and the text itself (its
length and CRC-32), so an edited file is simply parsed again, and no file's text can stand in
for another's. The file is `marshal` data of plain values; a text whose
TOML holds dates is not kept (marshal has no dates). A cache file that is missing, damaged or
written by another Python version is ignored and written anew; until the app names a file
(`use`), nothing is kept at all.

`KeptParses` is the file itself (bytes by key); the app keeps its parsed stylesheets in one
as well (`app.kept_css`).
"""

from __future__ import annotations

import marshal
import sys
import zlib
from pathlib import Path
from typing import Any

FORMAT = ("dialoog-parsed-toml", 1, sys.version_info[:2])  # marshal may change with Python
KEEP = 64  # entries kept at most; the ones used by this run first

Key = tuple[object, ...]  # plain values only (str, int, bool): the file is marshal data


class KeptParses:
    """One cache file of parsed texts: bytes by key, read on first need.

    `format` names the file's kind and whatever else must match for its entries to be
    trusted (a Python or library version); a file of another format is ignored. At most
    `keep` entries are written back, the ones this run used first."""

    def __init__(self, format: tuple[object, ...], keep: int) -> None:
        self.format = format
        self.keep = keep
        self.use(None)

    def use(self, file: Path | None) -> None:
        """Keep parsed texts in `file` (None: keep nothing); read it on first need."""
        self.file = file
        self._read: dict[Key, bytes] | None = None  # the file's entries, as last read
        self._new: dict[Key, bytes] = {}  # parsed in this run, not written yet
        self._used: set[Key] = set()
        self._released = False

    def entries(self) -> dict[Key, bytes]:
        """The file's entries (read once, until `release`) with those parsed since."""
        return {**self._file_entries(), **self._new}

    def _file_entries(self) -> dict[Key, bytes]:
        if self._read is None:
            entries: dict[Key, bytes] = {}
            try:
                data = marshal.loads(Path(self.file).read_bytes())  # type: ignore[arg-type]
                if isinstance(data, tuple) and len(data) == 2 and data[0] == self.format:
                    entries = {k: v for k, v in data[1].items() if isinstance(v, bytes)}
            except (OSError, EOFError, ValueError, TypeError, AttributeError):
                pass  # no cache yet, or not one we can read: parse, and write a new one
            self._read = entries
        return self._read

    def get(self, key: Key) -> bytes | None:
        """What was kept for `key`, if anything (None while no file is named)."""
        if self.file is None:
            return None
        self._used.add(key)
        found = self._new.get(key) or self._file_entries().get(key)
        if self._released:
            self._read = None  # released before: read, then let go of again
        return found

    def put(self, key: Key, data: bytes) -> None:
        """Keep `data` for `key`; written with the next `pending`."""
        if self.file is not None:
            self._new[key] = data
            self._used.add(key)

    def pending(self) -> bytes | None:
        """The cache file's new contents when something was parsed since it was written,
        else None; the caller writes it (atomically) to the file given to `use`."""
        if not self._new:
            return None
        entries = self.entries()
        used = [k for k in entries if k in self._used]
        others = [k for k in entries if k not in self._used]
        kept = {k: entries[k] for k in [*used, *others][: self.keep]}
        self._new = {}
        if self._released:
            self._read = None
        return marshal.dumps((self.format, kept))  # type: ignore[arg-type]

    def release(self) -> None:
        """Let go of the entries read from the cache file (the app would hold them for
        hours); one asked for later reads the file again, and lets go of them once more.
        What was parsed since the last `pending` is kept for the next. Call it after
        `pending` was saved: what could not be saved is parsed again at the next start."""
        self._released = True
        self._read = None


TOML = KeptParses(FORMAT, KEEP)


class TOMLError(ValueError):
    """The text is not valid TOML; the message is tomllib's, with its line and column."""


def use(file: Path | None) -> None:
    """Keep parsed TOML in `file` (None: keep nothing); read it on first need."""
    TOML.use(file)


def loads(text: str, source: Path | str = "") -> dict[str, Any]:
    """`tomllib.loads(text)` of the file `source`, read back from the cache when this text of
    that file was parsed before. Raises TOMLError (with tomllib's message) when it is not TOML."""
    if TOML.file is None:
        return _parse(text)
    key = (str(source), len(text), zlib.crc32(text.encode("utf-8", "surrogatepass")))
    kept = TOML.get(key)
    if kept is not None:
        try:
            parsed = marshal.loads(kept)
        except (EOFError, ValueError, TypeError):
            pass
        else:
            if isinstance(parsed, dict):
                return parsed
    parsed = _parse(text)
    try:
        data = marshal.dumps(parsed)
    except ValueError:
        return parsed  # dates in it: parsed again next time
    TOML.put(key, data)
    return parsed


def _parse(text: str) -> dict[str, Any]:
    import tomllib  # only when a text is not in the cache

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TOMLError(str(error)) from None
