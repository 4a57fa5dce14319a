"""What the team takes home: a session's decisions and agreements as compact text, split into
QR codes that fit the terminal, and the codes themselves (as a matrix and as SVG).

A QR code is drawn in the terminal with half blocks: every cell is one module wide and two
modules high, and a 4-module quiet zone surrounds the code on every side. `capacity_for` turns
the cells a screen has into the bytes the largest fitting code holds (byte mode, level M), and
`qr_pages` splits the takeaways into numbered codes of at most that many UTF-8 bytes, each
heading in the same code as its first item.
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from collections.abc import Collection
from xml.sax.saxutils import escape, quoteattr

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from qrcode.exceptions import DataOverflowError
from qrcode.util import MODE_8BIT_BYTE, QRData

from cards.frozen import frozen
from cards.i18n import t
from sessions.notes import clean_text, speaker_label
from sessions.state import CarriedItem, Note, SessionState, due_label, kept_agreements

# bytes a QR code holds in byte mode at error correction level M, versions 1 to 40 (ISO/IEC
# 18004 table 7; a test checks it against the qrcode library)
BYTE_CAPACITY_M: tuple[int, ...] = (
    14, 26, 42, 62, 84, 106, 122, 152, 180, 213,
    251, 287, 331, 362, 412, 450, 504, 560, 624, 666,
    711, 779, 857, 911, 997, 1059, 1125, 1190, 1264, 1370,
    1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331,
)  # fmt: skip
QUIET_ZONE = 4  # modules of light around the code, on every side
MAX_PAGES = 9  # a "k/n " prefix is then always 4 bytes
PREFIX_BYTES = len(f"{MAX_PAGES}/{MAX_PAGES} ")
MIN_CAPACITY = PREFIX_BYTES + 4  # a numbered page must hold at least one character
MIN_ROOM = 16  # bytes left on a page worth starting a line there that must be cut anyway


def modules(version: int) -> int:
    """Modules along one side of a QR code of `version` (without the quiet zone)."""
    return 17 + 4 * version


def cells(side: int, scale: int = 1) -> tuple[int, int]:
    """Terminal (columns, rows) that a code of `side` modules takes, quiet zone included, each
    module `scale` columns wide and `scale` half rows high."""
    total = (side + 2 * QUIET_ZONE) * scale
    return total, (total + 1) // 2


def scale_for(side: int, width_cells: int, height_cells: int, most: int = 4) -> int:
    """The largest scale (up to `most`) at which a code of `side` modules fits; at least 1."""
    fitting = [
        scale
        for scale in range(1, most + 1)
        if cells(side, scale)[0] <= width_cells and cells(side, scale)[1] <= height_cells
    ]
    return max(fitting, default=1)


def version_for(width_cells: int, height_cells: int) -> int:
    """The largest QR version that fits in `width_cells` x `height_cells`; 0 when none does."""
    fitting = [
        version
        for version in range(1, len(BYTE_CAPACITY_M) + 1)
        if cells(modules(version))[0] <= width_cells and cells(modules(version))[1] <= height_cells
    ]
    return max(fitting, default=0)


def capacity_for(width_cells: int, height_cells: int) -> int:
    """Bytes (byte mode, level M) of the largest code that fits; 0 when not even version 1 does."""
    version = version_for(width_cells, height_cells)
    return BYTE_CAPACITY_M[version - 1] if version else 0


# -- the text ----------------------------------------------------------------------------------


def _one_line(text: str) -> str:
    """A note's text on one line: cleaned, spaces collapsed, its own lines joined by " / "."""
    lines = (" ".join(line.split()) for line in clean_text(text).split("\n"))
    return " / ".join(line for line in lines if line)


def _person(name: str) -> str:
    return _one_line(speaker_label(name)) if name else ""  # no "who": nothing, not "the group"


def _agreement(note: Note | CarriedItem) -> str:
    what, who, due = (
        _one_line(note.text),
        _person(note.who),
        _one_line(due_label(note, in_brackets=True)),
    )
    if isinstance(note, CarriedItem):
        what = t("takeaways.kept", what=what)
    if who and due:
        return t("takeaways.agreement_who_due", what=what, who=who, due=due)
    if who:
        return t("takeaways.agreement_who", what=what, who=who)
    if due:
        return t("takeaways.agreement_due", what=what, due=due)
    return t("takeaways.item", text=what)


def has_takeaways(state: SessionState) -> bool:
    """True when the session has decisions or agreements (kept ones from before too)."""
    return bool(state.notes_of("decision") or state.notes_of("agreement") or kept_agreements(state))


def takeaways_matter(state: SessionState) -> bool:
    """Whether a record of the session speaks of decisions and agreements: always in a meeting,
    where none is itself worth saying; in a coaching practice only when there are some (the
    practice has none to make, and a section or a code saying so is noise)."""
    return has_takeaways(state) or not state.format.coaching


def _title(state: SessionState) -> str:
    started = state.started
    parts = (_one_line(started.title), _one_line(started.date)) if started else ()
    return " ".join(part for part in parts if part)


def takeaways_headings(state: SessionState) -> frozenset[str]:
    """The lines of `takeaways_text` that head what follows: the title, "Besluiten:" and
    "Afspraken:". A split keeps each with the line after it (see `split_pages`)."""
    lines = (_title(state), t("takeaways.decisions"), t("takeaways.agreements"))
    return frozenset(line for line in lines if line)


def takeaways_text(state: SessionState) -> str:
    """Title and date, then the decisions and the agreements (what, who, when), one a line, in
    the UI language; after this session's agreements, those kept from before. Without any, a
    line says there are none yet."""
    heading = _title(state)
    lines = [heading] if heading else []
    decisions = state.notes_of("decision")
    agreements: list[Note | CarriedItem] = [
        *state.notes_of("agreement"),
        *kept_agreements(state),
    ]
    if not has_takeaways(state):
        lines.append(t("takeaways.none"))
    if decisions:
        lines.append(t("takeaways.decisions"))
        lines.extend(t("takeaways.item", text=_one_line(note.text)) for note in decisions)
    if agreements:
        lines.append(t("takeaways.agreements"))
        lines.extend(_agreement(note) for note in agreements)
    return "\n".join(lines)


# -- pages -------------------------------------------------------------------------------------


@frozen
class QrPages:
    """The takeaways as codes. `texts[i]` is the part of `full` that code i holds, `pages[i]`
    what it encodes ("2/3 " + text when there is more than one). Joined, the texts are `full`
    minus `left_out`: the end that would have needed more than `MAX_PAGES` codes."""

    full: str
    capacity: int
    texts: tuple[str, ...]
    left_out: str = ""

    @property
    def count(self) -> int:
        return len(self.texts)

    @property
    def pages(self) -> tuple[str, ...]:
        if self.count == 1:
            return self.texts
        return tuple(f"{n}/{self.count} {text}" for n, text in enumerate(self.texts, 1))

    def start_of(self, index: int) -> int:
        """Where page `index` starts in `full` (in characters)."""
        return sum(len(text) for text in self.texts[:index])

    def page_at(self, offset: int) -> int:
        """The page that holds character `offset` of `full` (the last page past the end)."""
        index = 0
        while index + 1 < self.count and self.start_of(index + 1) <= offset:
            index += 1
        return index

    @property
    def left_out_lines(self) -> tuple[str, ...]:
        """The lines of `full` that no code holds whole (the first may have begun in one)."""
        if not self.left_out:
            return ()
        held = len(self.full) - len(self.left_out)
        start = self.full.rfind("\n", 0, held) + 1
        return tuple(line for line in self.full[start:].split("\n") if line)


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _joins(text: str, index: int) -> bool:
    """True when a cut before `index` would split a character from what it belongs to: a
    combining mark, a zero-width joiner or a variation selector."""
    after, before = text[index], text[index - 1]
    if before == "\u200d":
        return True
    return (
        after == "\u200d"
        or unicodedata.category(after) in ("Mn", "Mc", "Me")
        or "\ufe00" <= after <= "\ufe0f"
        or "\U000e0100" <= after <= "\U000e01ef"
        or "\U0001f3fb" <= after <= "\U0001f3ff"  # skin tone modifiers
    )


def _cut(line: str, budget: int, keep: int = 0) -> tuple[str, str]:
    """Split a line too long for one page: the head holds at most `budget` bytes and ends on a
    character boundary, after a space when there is one in the second half of what follows the
    first `keep` characters (the headings that go along with the line)."""
    used = end = 0
    while end < len(line) and used + _size(line[end]) <= budget:
        used += _size(line[end])
        end += 1
    if line[end:] == "\n" and end > 1:
        end -= 1  # never leave the next page holding nothing but a line end
    cut = end
    while cut > 1 and _joins(line, cut):
        cut -= 1
    if _joins(line, cut):
        cut = end  # one cluster longer than a page: cut through it after all
    space = line.rfind(" ", 0, cut)
    if space + 1 > keep + (cut - keep) // 2 and line[cut] != " ":
        cut = space + 1  # after the last word that fits
    return line[:cut], line[cut:]


def _units(text: str, headings: Collection[str]) -> list[list[str]]:
    """The lines of `text` (each with its line end) in the groups a split keeps together: a
    heading with the lines after it, up to and including the first that is not a heading."""
    units: list[list[str]] = []
    pending: list[str] = []
    for line in re.findall(r"[^\n]*\n|[^\n]+", text):
        pending.append(line)
        if line.rstrip("\n") not in headings:
            units.append(pending)
            pending = []
    if pending:
        units.append(pending)
    return units


def split_pages(text: str, capacity: int, *, headings: Collection[str] = ()) -> QrPages:
    """`text` as codes of at most `capacity` bytes each: one code when it fits, else at most
    `MAX_PAGES` numbered codes ("1/3 ...") split between lines; a line too long for any code
    fills the rest of one and goes on in the next. What does not fit is `left_out`.

    A line in `headings` travels with the line after it, so a code does not end on a heading.
    When a heading and its first line are too long for one code together, the line is cut and
    the heading goes along with its start; when several headings in a row and the line are,
    the first goes ahead in a code of its own (the title, before a long first item)."""
    if capacity < MIN_CAPACITY:
        raise ValueError(f"a QR code of {capacity} bytes is too small (at least {MIN_CAPACITY})")
    if _size(text) <= capacity:
        return QrPages(text, capacity, (text,))
    budget = capacity - PREFIX_BYTES
    pages: list[str] = []
    page = ""
    units = deque(_units(text, {heading for heading in headings if heading}))
    while units:
        unit = units.popleft()
        whole = "".join(unit)
        if _size(page) + _size(whole) <= budget:
            page += whole
            continue
        if _size(whole) > budget and len(unit) > 2:  # the first heading goes ahead on its own
            units.extendleft((unit[1:], unit[:1]))
            continue
        if _size(whole) <= budget:
            pages.append(page)  # not empty: else `whole` would have fitted
            page = whole
            continue
        # a line too long for any code (after its heading, if any): it is cut
        keep = len(whole) - len(unit[-1])
        room = budget - _size(page)
        if room >= _size(whole[:keep]) + MIN_ROOM:  # to be cut anyway: fill this page first
            head, whole = _cut(whole, room, keep)
            page += head
            keep = 0
        if page:
            pages.append(page)
        while _size(whole) > budget:
            head, whole = _cut(whole, budget, keep)
            pages.append(head)
            keep = 0
        page = whole
    if page:
        pages.append(page)
    kept = tuple(pages[:MAX_PAGES])
    return QrPages(text, capacity, kept, "".join(pages[MAX_PAGES:]))


def qr_pages(state: SessionState, capacity: int) -> QrPages:
    """The session's takeaways as codes of at most `capacity` bytes each (see `split_pages`),
    each heading in the same code as its first item."""
    return split_pages(takeaways_text(state), capacity, headings=takeaways_headings(state))


# -- codes -------------------------------------------------------------------------------------


def qr_matrix(text: str) -> list[list[bool]]:
    """The modules (True is dark) of the smallest QR code that holds `text` as UTF-8 bytes at
    level M, without a quiet zone. ValueError when even version 40 cannot hold it."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(QRData(text.encode("utf-8"), mode=MODE_8BIT_BYTE))
    try:
        code.make(fit=True)
    except DataOverflowError as error:
        raise ValueError(f"{_size(text)} bytes do not fit in a QR code") from error
    return [[bool(module) for module in row] for row in code.get_matrix()]


def qr_svg(text: str, *, label: str = "") -> str:
    """A standalone SVG of the code for `text`: black rects (one per run of dark modules in a
    row) on white, with the quiet zone, measured in modules; scale it with CSS width/height."""
    matrix = qr_matrix(text)
    side = len(matrix) + 2 * QUIET_ZONE
    rects: list[str] = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            run = x
            while run < len(row) and row[run]:
                run += 1
            rects.append(
                f'<rect x="{x + QUIET_ZONE}" y="{y + QUIET_ZONE}" width="{run - x}" height="1"/>'
            )
            x = run
    title = f"<title>{escape(label)}</title>" if label else ""
    aria = f' role="img" aria-label={quoteattr(label)}' if label else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}"'
        f' shape-rendering="crispEdges"{aria}>{title}'
        f'<rect width="{side}" height="{side}" fill="#ffffff"/>'
        f'<g fill="#000000">{"".join(rects)}</g></svg>'
    )
