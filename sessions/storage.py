"""A TinyDB storage that never leaves half a file behind.

Each write goes to a temporary file in the same folder, is flushed and fsynced, and then
replaces the real file with `os.replace`; the folder is fsynced where the OS allows. A crash at
any moment leaves the old file or the new one. The last data read or written is kept in memory,
so TinyDB's read-before-every-write does not touch the disk.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from sessions.atomic import write_atomically

__all__ = ["AtomicJSONStorage", "write_atomically"]


class AtomicJSONStorage(Storage):
    """TinyDB storage: JSON, atomic replace on every write, reads served from memory."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._cache: dict[str, dict[str, Any]] | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._cache is None:
            try:
                text = self.path.read_text(encoding="utf-8")
            except FileNotFoundError:
                return None
            if not text.strip():
                return None
            self._cache = json.loads(text)
        # TinyDB changes what it reads in place before writing it back: hand it a copy, so a
        # failed write cannot leave the cache ahead of the file
        return {name: dict(table) for name, table in self._cache.items()}

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.read_only:
            raise PermissionError(f"{self.path} is open read-only")
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        write_atomically(self.path, text)
        self._cache = data

    def close(self) -> None:
        self._cache = None
