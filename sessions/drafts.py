"""Notes being written when the window was shut, kept beside the session's file.

The record holds what was saved. A note still in the note line, or closed unsaved with `esc`
(a draft), lives in the window only: when the terminal is closed, or the computer shuts
down, the app writes those texts here (`keep`), and the next opening of the session puts
them back in the note line (`take`). A hidden file, so the archive does not list it.
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


def take(session: Path) -> dict[str, tuple[str, str]]:
    """The drafts kept beside `session`, and the file gone once they are read. A file that
    cannot be read or is not what `keep` writes stays where it is, for a person to look at;
    then, and without a file, no drafts."""
    path = path_for(session)
    try:
        shown = json.loads(path.read_text("utf-8"))
        drafts = {
            str(place): (str(draft["speaker"]), str(draft["text"]))
            for place, draft in shown.items()
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}
    with contextlib.suppress(OSError):
        path.unlink()
    return drafts
