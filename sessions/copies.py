"""Where sessions went on after their disk failed.

When a session's file can no longer be written, the facilitator saves a copy in another folder
and the session goes on there. The file left behind lacks what came after, so the app notes
each such copy in a small JSON file of its own (`use` names it; until then nothing is noted or
read), and the archive lists the copy in the place of the file it went on from.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

# json and the file writing load on first use: `use` is on the app's start-up path

_state: dict[str, Path | None] = {"file": None}


def use(file: Path | None) -> None:
    """Note copies in `file` (None: note and know none)."""
    _state["file"] = file


def known() -> dict[str, Path]:
    """Every copy noted: session id to the copy's file. None when the file is missing or
    unreadable: this only helps to find a session, and the files themselves stay as they are."""
    import json

    file = _state["file"]
    if file is None:
        return {}
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: Path(value) for key, value in data.items() if isinstance(value, str)}


def _write(copies: dict[str, Path]) -> None:
    import json

    from sessions.atomic import write_atomically

    file = _state["file"]
    if file is None:
        return
    file.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({key: str(value) for key, value in copies.items()}, ensure_ascii=False)
    write_atomically(file, text + "\n")


def record(session_id: str, copy: Path) -> None:
    """Note that the session went on in `copy`. Raises OSError."""
    _write({**known(), session_id: copy.resolve()})


def forget(session_id: str) -> None:
    """The session no longer goes on in a copy (it was deleted); best effort."""
    copies = known()
    if copies.pop(session_id, None) is not None:
        with contextlib.suppress(OSError):
            _write(copies)
