"""Parsed TOML kept between starts, as Python keeps compiled modules.

The decks, the UI text and the settings are TOML; Python's parser is pure Python, and parsing
them (with loading the parser) took about 15 ms of every start. Here each text that parsed
cleanly is kept in one cache file, keyed by the file it came from and the text itself (its
length and CRC-32), so an edited file is simply parsed again, and no file's text can stand in
for another's. The file is `marshal` data of plain values; a text whose
TOML holds dates is not kept (marshal has no dates). A cache file that is missing, damaged or
written by another Python version is ignored and written anew; until the app names a file
(`use`), nothing is kept at all.
"""

from __future__ import annotations

import marshal
import sys
import zlib
from pathlib import Path
from typing import Any

FORMAT = ("dialoog-parsed-toml", 1, sys.version_info[:2])  # marshal may change with Python
KEEP = 64  # entries kept at most; the ones used by this run first

_state: dict[str, Any] = {"file": None, "entries": None, "used": set(), "changed": False}


class TOMLError(ValueError):
    """The text is not valid TOML; the message is tomllib's, with its line and column."""


def use(file: Path | None) -> None:
    """Keep parsed texts in `file` (None: keep nothing); read it on first need."""
    _state.update(file=file, entries=None, used=set(), changed=False)


Key = tuple[str, int, int]


def _entries() -> dict[Key, bytes]:
    if _state["entries"] is None:
        entries: dict[Key, bytes] = {}
        try:
            data = marshal.loads(Path(_state["file"]).read_bytes())
            if isinstance(data, tuple) and len(data) == 2 and data[0] == FORMAT:
                entries = {k: v for k, v in data[1].items() if isinstance(v, bytes)}
        except (OSError, EOFError, ValueError, TypeError, AttributeError):
            pass  # no cache yet, or not one we can read: parse, and write a new one
        _state["entries"] = entries
    return _state["entries"]  # type: ignore[no-any-return]


def loads(text: str, source: Path | str = "") -> dict[str, Any]:
    """`tomllib.loads(text)` of the file `source`, read back from the cache when this text of
    that file was parsed before. Raises TOMLError (with tomllib's message) when it is not TOML."""
    if _state["file"] is None:
        return _parse(text)
    key = (str(source), len(text), zlib.crc32(text.encode("utf-8", "surrogatepass")))
    entries = _entries()
    _state["used"].add(key)
    kept = entries.get(key)
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
        entries[key] = marshal.dumps(parsed)
    except ValueError:
        return parsed  # dates in it: parsed again next time
    _state["changed"] = True
    return parsed


def _parse(text: str) -> dict[str, Any]:
    import tomllib  # only when a text is not in the cache

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TOMLError(str(error)) from None


def pending() -> bytes | None:
    """The cache file's new contents when something was parsed since it was read, else None;
    the caller writes it (atomically) to the file given to `use`."""
    if not _state["changed"] or _state["entries"] is None:
        return None
    entries = _state["entries"]
    used = [k for k in entries if k in _state["used"]]
    others = [k for k in entries if k not in _state["used"]]
    kept = {k: entries[k] for k in [*used, *others][:KEEP]}
    _state["changed"] = False
    return marshal.dumps((FORMAT, kept))


def release() -> None:
    """Let go of the parsed texts read from the cache file (about 0.1 MiB that the app would
    hold for hours); a text asked for later reads the file again. Call it after `pending` was
    saved: what could not be saved is parsed again at the next start."""
    if not _state["changed"]:
        _state["entries"] = None


def cache_file() -> Path | None:
    return _state["file"]  # type: ignore[no-any-return]
