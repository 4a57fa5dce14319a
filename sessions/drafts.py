"""Notes being written when the window was shut, kept beside the session's file.

The record holds what was saved. A note still in the note line, or closed unsaved with `esc`
(a draft), lives in the window only: when the terminal is closed, or the computer shuts
down, the app writes those texts here (`keep`), and the next opening of the session puts
them back in the note line (`read`); the file goes once the session is left (`discard`).
A hidden file, so the archive does not list it.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from pathlib import Path

from sessions.atomic import write_atomically


def path_for(session: Path) -> Path:
    return session.with_name(f".{session.stem}.drafts")


def keep(session: Path, drafts: Mapping[str, tuple[str, str]]) -> None:
    """Write `drafts` (a screen's place: speaker and text) beside `session`. OSError when the
    disk refuses."""
    shown = {place: {"speaker": speaker, "text": text} for place, (speaker, text) in drafts.items()}
    write_atomically(path_for(session), json.dumps(shown, ensure_ascii=False))


def read(session: Path) -> dict[str, tuple[str, str]]:
    """The drafts kept beside `session`. The file stays until `discard`: the drafts are not
    safe before they are saved as notes, or written again. A file that cannot be read or is
    not what `keep` writes: no drafts (it is left for a person to look at)."""
    try:
        shown = json.loads(path_for(session).read_text("utf-8"))
        return {
            str(place): (str(draft["speaker"]), str(draft["text"]))
            for place, draft in shown.items()
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def discard(session: Path) -> None:
    """The drafts kept beside `session` are gone (saved, thrown away, or left as drafts the
    facilitator was asked about)."""
    with contextlib.suppress(OSError):
        path_for(session).unlink(missing_ok=True)
