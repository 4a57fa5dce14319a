"""Writing exports to disk: safe file names, never overwriting, never half a file.

A file's name comes from the session's date and title, made safe for Windows, macOS and Linux
(no separators or reserved characters, no control characters, no trailing dots or spaces, no
reserved device names, at most 80 characters). An existing file is kept: the export gets
"name (2).md", "name (3).md", ... Each file is written to a temporary file first and then put
in place (`write_atomically`), so a full disk leaves nothing behind.
"""

from __future__ import annotations

import errno
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from cards.i18n import t
from sessions.export.common import Decks, title_of
from sessions.export.csv_export import to_csv
from sessions.export.html import to_html
from sessions.export.json_export import to_json
from sessions.export.markdown import to_markdown
from sessions.state import SessionState
from sessions.storage import write_atomically
from sessions.takeaways import qr_pages, qr_svg, takeaways_matter

FORMATS: tuple[str, ...] = ("md", "html", "json", "csv")
MAX_STEM_CHARS = 80
MAX_STEM_BYTES = 200  # with " (999)" and the extension well under the usual 255 bytes

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f]+')
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")
)
_DANGLING = "\u200d\ufe0e\ufe0f "  # a cut may leave a joiner or a variation selector last
_DIGITS = "0123456789¹²³"
RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"COM{d}" for d in _DIGITS}
    | {f"LPT{d}" for d in _DIGITS}
)


class ExportError(Exception):
    """An export that could not be written, with a message in the UI language. `written` are
    the files of the same export that were complete before it failed."""

    def __init__(self, path: Path, message: str, written: Sequence[Path] = ()) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.written = tuple(written)


def is_reserved(stem: str) -> bool:
    """True for names Windows keeps for devices (CON, NUL, COM1, "lpt1.txt", ...)."""
    return stem.split(".")[0].rstrip(" ").upper() in RESERVED


def safe_stem(text: str, *, limit: int = MAX_STEM_CHARS) -> str:
    """`text` as a file name without extension that every common system accepts."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cs", "Co", "Zl", "Zp"))
    text = " ".join(_FORBIDDEN.sub("_", text).split())
    text = text.strip(" .")  # no hidden files, nothing Windows would strip
    if len(text) > limit or len(text.encode("utf-8")) > MAX_STEM_BYTES:
        text = text[:limit]
        while len(text.encode("utf-8")) > MAX_STEM_BYTES:
            text = text[:-1]
        text = text.rstrip(_DANGLING + ".")
    if is_reserved(text):
        text = "_" + text
    return text or "_"


def file_stem(state: SessionState, now: date | None = None) -> str:
    """ "2026-11-21 Teamoverleg visie": the session's date (or `now`'s) and its title."""
    started = state.started
    day = started.date if started else ""
    try:
        day = date.fromisoformat(day).isoformat()
    except ValueError:
        day = (now or date.today()).isoformat()
    return safe_stem(f"{day} {title_of(state)}")


def render(
    state: SessionState, fmt: str, *, decks: Decks | None = None, qr_svg: str | None = None
) -> str:
    """The text of one export format ("md", "html", "json" or "csv")."""
    if fmt == "md":
        return to_markdown(state, decks=decks)
    if fmt == "html":
        return to_html(state, decks=decks, qr_svg=qr_svg)
    if fmt == "json":
        return to_json(state, decks=decks)
    if fmt == "csv":
        return to_csv(state, decks=decks)
    raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")


def _free_paths(folder: Path, stem: str, formats: Sequence[str]) -> dict[str, Path]:
    """Paths for every format that exist for none of them: "stem.md", else "stem (2).md", ..."""
    number = 1
    while True:
        name = stem if number == 1 else f"{stem} ({number})"
        paths = {fmt: folder / f"{name}.{fmt}" for fmt in formats}
        if not any(os.path.lexists(path) for path in paths.values()):
            return paths
        number += 1


def _message(error: OSError, path: Path, folder: Path) -> str:
    keys = {
        errno.ENOSPC: "export.error.full",
        errno.EROFS: "export.error.read_only",
        errno.EACCES: "export.error.denied",
        errno.EPERM: "export.error.denied",
        errno.EEXIST: "export.error.not_folder",
        errno.ENOTDIR: "export.error.not_folder",
        errno.EFBIG: "export.error.too_big",
        errno.ENAMETOOLONG: "export.error.name_too_long",
        errno.ENOENT: "export.error.gone",
    }
    if (quota := getattr(errno, "EDQUOT", None)) is not None:
        keys[quota] = "export.error.full"
    key = keys.get(error.errno or 0, "export.error.other")
    return t(key, path=path, folder=folder, detail=error.strerror or str(error))


def _utf8(text: str) -> str:
    """Text that encodes as UTF-8: a lone surrogate (from a damaged record) becomes "?"."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text


HANDOUT_QR_BYTES = 300  # per code on paper: a version-11 code, easy for a phone at A4


def handout_qr(state: SessionState) -> str:
    """SVG QR codes of the takeaways (title, date, decisions, agreements) for the handout; ""
    when they do not matter (a coaching practice without any)."""
    if not takeaways_matter(state):
        return ""
    pages = qr_pages(state, HANDOUT_QR_BYTES).pages
    return "\n".join(
        qr_svg(page, label=t("export.qr_label", number=number, total=len(pages)))
        for number, page in enumerate(pages, start=1)
    )


def export_session(
    state: SessionState,
    formats: Iterable[str],
    folder: Path,
    *,
    decks: Decks | None = None,
    qr_svg: str | None = None,
    now: date | None = None,
) -> list[Path]:
    """Write the session in each of `formats` ("md", "html", "json", "csv") into `folder`
    (made when missing) and return the files' paths. Nothing is overwritten; a failure raises
    ExportError with a message in the UI language and leaves no partial file."""
    wanted = list(dict.fromkeys(fmt.lower().lstrip(".") for fmt in formats))
    if unknown := [fmt for fmt in wanted if fmt not in FORMATS]:
        raise ValueError(f"unknown export format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    if qr_svg is None and "html" in wanted:
        qr_svg = handout_qr(state)
    texts = {fmt: _utf8(render(state, fmt, decks=decks, qr_svg=qr_svg)) for fmt in wanted}
    folder = Path(folder).expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        root = folder.resolve(strict=True)
        if not root.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))
    except OSError as error:
        raise ExportError(folder, _message(error, folder, folder)) from error
    paths = _free_paths(root, file_stem(state, now), wanted)
    written: list[Path] = []
    for fmt, path in paths.items():
        if path.resolve().parent != root:
            raise ExportError(path, t("export.error.outside", path=path, folder=root), written)
        try:
            write_atomically(path, texts[fmt])
        except OSError as error:
            raise ExportError(path, _message(error, path, root), written) from error
        written.append(path)
    return written
