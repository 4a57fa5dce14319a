"""What the facilitator types while people speak: kinds, prefixes, speakers, agreements.

Typing costs almost nothing: a one-character prefix chooses the kind, ``@name`` (a unique start
of a participant's name, or ``@groep`` / ``@anoniem``) changes who said it, and an agreement is
``what; who; when``. Text from people is kept as typed, minus characters that would reach the
terminal as commands.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from cards.frozen import frozen
from cards.i18n import t

KINDS: tuple[str, ...] = (
    "perspective",
    "question",
    "idea",
    "decision",
    "agreement",
    "parked",
    "reflection",
    "feedback",
)
# one-character prefixes a facilitator types first; no prefix is a perspective
PREFIXES: dict[str, str] = {
    "?": "question",
    "+": "idea",
    "!": "decision",
    ">": "agreement",
    "~": "parked",
}
# symbols beside the kind's name, so kinds differ without colour
SYMBOLS: dict[str, str] = {
    "perspective": "•",
    "question": "?",
    "idea": "+",
    "decision": "!",
    "agreement": "→",
    "parked": "~",
    "reflection": "◦",
    "feedback": "✎",
}
GROUP = "@group"
ANONYMOUS = "@anonymous"
GROUP_WORDS = ("groep", "group", "iedereen", "all")
ANONYMOUS_WORDS = ("anoniem", "anonymous", "anon")
MAX_NOTE_CHARS = 20_000

# C0/C1 controls (but newline and tab), escape sequences and bidi overrides never reach the
# screen: they could move the cursor, change colours or reorder a line
_ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
# Unicode's control characters (category Cc, fixed by its stability policy) but the line end,
# and lone surrogates (Cs): one pass of a compiled class, where asking `unicodedata` per
# character took ten times as long on a long paste and read its tables into memory
_CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def speaker_label(speaker: str) -> str:
    """Who said it, as people read it: a name, "the group" or "anonymous" (UI language)."""
    if speaker in (GROUP, ""):
        return t("note.group")
    if speaker == ANONYMOUS:
        return t("note.anonymous")
    return speaker


def clean_text(text: str) -> str:
    """Text as a person typed it, safe to show and export: escape sequences and control
    characters removed, tabs as spaces, line ends as "\\n", trailing space trimmed."""
    text = _ESCAPES.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\t", "    ").translate(_BIDI_CONTROLS)
    lines = [line.rstrip() for line in _CONTROLS.sub("", text).split("\n")]
    return "\n".join(lines).strip("\n")


@frozen
class Draft:
    """A note as parsed from the capture line, before it becomes an event."""

    kind: str
    text: str
    speaker: str
    who: str = ""
    due: str = ""
    due_date: str = ""  # ISO date when `due` could be read, else ""


def find_speaker(word: str, participants: tuple[str, ...]) -> str | None:
    """The participant (or group / anonymous) that `word` names: exact, else a unique start.
    A name of several words is named without its spaces ("@deelnemer3" for "Deelnemer 3",
    "@AnnV" for "Ann Visser"): a word ends at a space."""
    folded = word.casefold()
    if folded in GROUP_WORDS:
        return GROUP
    if folded in ANONYMOUS_WORDS:
        return ANONYMOUS
    for joined in (str.casefold, lambda name: "".join(name.casefold().split())):
        exact = [p for p in participants if joined(p) == folded]
        if exact:
            return exact[0]
        starts = [p for p in participants if joined(p).startswith(folded)]
        if starts:
            return starts[0] if len(starts) == 1 else None
    return None


# a name ends at a space or at punctuation: "@Bram, dat was goed", "Goed gedaan @Bram."
_NAMED_FIRST = re.compile(r"@([^\s,.:;!?]+)[,.:;!?]*\s*")
_NAMED_LAST = re.compile(r"\s@([^\s,.:;!?]+)([,.:;!?]*)$")


def _named(text: str, participants: tuple[str, ...]) -> tuple[str | None, str, str]:
    """Who a leading ``@name`` names, and the text without it; else None, the text, and the
    ``@word`` that stays text because it names nobody (or more than one), "" when none."""
    match = _NAMED_FIRST.match(text)
    if match is None:
        return None, text, ""
    if (named := find_speaker(match.group(1), participants)) is not None:
        return named, text[match.end() :], ""
    return None, text, f"@{match.group(1)}"


def _without_prefix(text: str) -> tuple[str | None, str]:
    if text[:1] in PREFIXES:
        return PREFIXES[text[0]], text[1:].lstrip()
    return None, text


def _read(raw: str, participants: tuple[str, ...]) -> tuple[str, str | None, str, str]:
    """The kind, who an ``@name`` names (None: nobody), the rest of the text, and an ``@word``
    at its start or end kept as text because it names nobody or more than one ("" when
    none)."""
    text = clean_text(raw).strip()
    named, text, stray = _named(text, participants)
    kind, text = _without_prefix(text)
    if named is None:
        named, text, stray = _named(text, participants)
    if named is None:
        named, text, last_stray = _named_last(text, participants)
        stray = stray or last_stray
    return kind or "perspective", named, text, stray


def _named_last(text: str, participants: tuple[str, ...]) -> tuple[str | None, str, str]:
    """Who a closing ``@name`` names, and the text without it (its punctuation kept: "Hoe
    dan @Bram?" is "Hoe dan?"); else None, the text, and the closing ``@word`` that stays
    text because it names nobody (or more than one), "" when none."""
    match = _NAMED_LAST.search(text)
    if match is None:
        return None, text, ""
    if (named := find_speaker(match.group(1), participants)) is None:
        return None, text, f"@{match.group(1)}"
    return named, text[: match.start()].rstrip() + match.group(2), ""


def answer_of(raw: str, participants: tuple[str, ...]) -> tuple[str | None, str, str]:
    """A reflection answer: who an ``@name`` at its start or end names (None: nobody), the
    text without it, and an ``@word`` at either kept as text ("" when none). No kind prefix:
    an answer is kept as typed (decisions and agreements go on the board)."""
    named, text, stray = _named(clean_text(raw).strip(), participants)
    if named is None:
        named, text, last_stray = _named_last(text, participants)
        stray = stray or last_stray
    return named, text, stray


def parse_capture(raw: str, *, participants: tuple[str, ...], speaker: str, today: date) -> Draft:
    """Read the capture line: ``[kind prefix][@speaker ]text`` (agreements: ``what; who; when``).
    The name may also come before the prefix, or last (``? Hoe dan @Ann``); an ``@`` within
    the text, or one that names nobody (or more than one), is text."""
    kind, named, text, _ = _read(raw, participants)
    speaker = named or speaker
    who = due = due_date = ""
    if kind == "agreement":
        parts = [part.strip() for part in text.split(";")]
        text = parts[0]
        if len(parts) > 1:
            who = parts[1]
            named = find_speaker(who, participants) if who else None
            if named and not named.startswith("@"):
                who = named
        if len(parts) > 2:
            due = "; ".join(parts[2:])
            parsed = parse_due(due, today)
            due_date = parsed.isoformat() if parsed else ""
    return Draft(kind, text, speaker or GROUP, who, due, due_date)


def stray_name(raw: str, participants: tuple[str, ...]) -> str:
    """The ``@word`` in a name's place (at the start or end of the capture line) that
    `parse_capture` keeps as text, because it names nobody or more than one ("" when there is
    none): shown while typing, so that a misspelt name is seen before the note is saved."""
    return _read(raw, participants)[3]


_MONTHS = {
    **dict.fromkeys(("jan", "januari", "january"), 1),
    **dict.fromkeys(("feb", "februari", "february"), 2),
    **dict.fromkeys(("mrt", "maart", "mar", "march"), 3),
    **dict.fromkeys(("apr", "april"), 4),
    **dict.fromkeys(("mei", "may"), 5),
    **dict.fromkeys(("jun", "juni", "june"), 6),
    **dict.fromkeys(("jul", "juli", "july"), 7),
    **dict.fromkeys(("aug", "augustus", "august"), 8),
    **dict.fromkeys(("sep", "sept", "september"), 9),
    **dict.fromkeys(("okt", "oktober", "oct", "october"), 10),
    **dict.fromkeys(("nov", "november"), 11),
    **dict.fromkeys(("dec", "december"), 12),
}
_WEEKDAYS = {
    **dict.fromkeys(("ma", "maandag", "mon", "monday"), 0),
    **dict.fromkeys(("di", "dinsdag", "tue", "tuesday"), 1),
    **dict.fromkeys(("wo", "woensdag", "wed", "wednesday"), 2),
    **dict.fromkeys(("do", "donderdag", "thu", "thursday"), 3),
    **dict.fromkeys(("vr", "vrijdag", "fri", "friday"), 4),
    **dict.fromkeys(("za", "zaterdag", "sat", "saturday"), 5),
    **dict.fromkeys(("zo", "zondag", "sun", "sunday"), 6),
}


def _upcoming(day: int, month: int, today: date, year: int | None) -> date | None:
    try:
        if year is not None:
            return date(year if year > 99 else 2000 + year, month, day)
        found = date(today.year, month, day)
        return found if found >= today else date(today.year + 1, month, day)
    except ValueError:
        return None


# a whole date with its year: the ISO way, or the Dutch way with the day first; one
# separator, the same twice
_WHOLE_DATES = (
    re.compile(r"(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"),
    re.compile(r"(?P<day>\d{1,2})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4})"),
)


def parse_date(text: str) -> date | None:
    """A whole date with its year, as the set-up form takes it: "2026-11-22", or day first
    as in Dutch: "22-11-2026", "5/3/2027", "05.03.2027". None when the text is not one such
    date, or names a day that does not exist ("31-02-2026")."""
    text = text.strip().strip(",.")
    for pattern in _WHOLE_DATES:
        if found := pattern.fullmatch(text):
            try:
                return date(int(found["year"]), int(found["month"]), int(found["day"]))
            except ValueError:
                return None
    return None


def parse_due(text: str, today: date) -> date | None:
    """A date in what was typed ("vr 5 dec", "5 december 2026", "5-12", "2026-12-05",
    "5.12.2026", "morgen", "vrijdag"), the next such date from `today`; None when it cannot be
    read."""
    if whole := parse_date(text):
        return whole
    # a whole date within other words ("vr 2026-12-05", "vr 5.12.2026"): not a day and month
    # found inside it (its "12-05")
    found = re.search(r"(?<![\d./-])\d{1,4}([-/.])\d{1,2}\1\d{2,4}(?![\d./-])", text)
    if found and (whole := parse_date(found.group())):
        return whole
    words = re.sub(r"[,.]", " ", text.casefold()).split()
    if not words:
        return None
    joined = " ".join(words)
    if numeric := re.search(
        r"(?<![\d/-])(\d{1,2})[-/](\d{1,2})(?:[-/](\d{2,4}))?(?![\d/-])", joined
    ):
        day, month = int(numeric.group(1)), int(numeric.group(2))
        year: int | None = int(numeric.group(3)) if numeric.group(3) else None
        return _upcoming(day, month, today, year)
    for index, word in enumerate(words):
        if word.isdigit() and index + 1 < len(words) and words[index + 1] in _MONTHS:
            year = None
            if index + 2 < len(words) and words[index + 2].isdigit():
                year = int(words[index + 2])
            return _upcoming(int(word), _MONTHS[words[index + 1]], today, year)
    if words[0] in ("vandaag", "today"):
        return today
    if words[0] in ("morgen", "tomorrow"):
        return today + timedelta(days=1)
    if words[0] in _WEEKDAYS and len(words) == 1:
        ahead = (_WEEKDAYS[words[0]] - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    return None


def weekday_clash(due: str, due_date: str) -> tuple[int, int] | None:
    """The weekday typed and the weekday of the date read (0 is Monday), when they differ: "vr
    5 dec" in a year where 5 December is a Saturday. None when no weekday was typed with a
    date, or when they agree."""
    words = re.sub(r"[,.]", " ", due.casefold()).split()
    if len(words) < 2 or words[0] not in _WEEKDAYS or not due_date:
        return None
    typed, actual = _WEEKDAYS[words[0]], date.fromisoformat(due_date).weekday()
    return (typed, actual) if typed != actual else None
