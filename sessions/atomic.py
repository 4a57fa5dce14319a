"""Writing a file so that readers see the old or the new one, never half of one."""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

REPLACE_ATTEMPTS = 5


def write_atomically(path: Path, text: str | bytes | Iterable[str]) -> None:
    """Replace `path` with `text` (UTF-8, or bytes as they are) so that readers see the old
    or the new file only. `text` may come in pieces: a large file is then never in memory
    whole."""
    folder = path.parent
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    temp = Path(temp_name)
    pieces = [text] if isinstance(text, str | bytes | bytearray) else text
    try:
        with os.fdopen(handle, "wb") as stream:
            for piece in pieces:
                stream.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
            stream.flush()
            os.fsync(stream.fileno())
        _replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_folder(folder)


def _replace(temp: Path, path: Path) -> None:
    """os.replace; on Windows a reader that has the file open for a moment (the mirror) makes
    it fail with PermissionError, so it is tried a few times before giving up."""
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            os.replace(temp, path)
            return
        except PermissionError:
            if os.name != "nt" or attempt == REPLACE_ATTEMPTS - 1:
                raise
            time.sleep(0.02)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder for fsync; os.replace is atomic there already
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def ignore_file_size_signal() -> None:
    """Let a write past the file-size limit fail with an error instead of killing dialoog."""
    if hasattr(signal, "SIGXFSZ"):
        with contextlib.suppress(ValueError):  # only the main thread may set handlers
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
