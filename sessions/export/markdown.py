"""A session as a Markdown document: minutes that read well as plain text and rendered.

Everything people typed (and every card's text) goes through `inline`, which keeps a note on
one line (its own line breaks become "<br>") and backslash-escapes only what Markdown would read
as markup there: emphasis, code, link, HTML, strikethrough and table characters anywhere, an
entity's "&", a block's marker at the start and a heading's closing "#" at the end. So no note
can start a heading, list, quote, table, link, image or HTML of its own, and a note read as
plain text in a mail shows few backslashes. Headings and labels from the catalogue are
dialoog's own text and are written as they are, except in table cells, where every cell is
escaped.

The document is a list of sections, each a function of the state; a later section (coaching
tallies, say) is one more function in `SECTIONS`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from cards.i18n import t
from sessions.coaching import FEEDBACK_QUESTIONS
from sessions.export.common import (
    Decks,
    agreements_table,
    by_kind_and_speaker,
    card_notes,
    carried_table,
    clock_time,
    coaching_sheets,
    format_label,
    general_notes,
    kind_label,
    participants,
    plain_lines,
    reflection_groups,
    round_table,
    sheet_lines,
    show_rounds,
    speaker_label,
    title_of,
)
from sessions.notes import SYMBOLS
from sessions.state import Note, SessionState, due_label
from sessions.takeaways import takeaways_matter

# characters that are markup wherever they stand in CommonMark or GitHub's Markdown: emphasis,
# code, links and images, HTML and autolinks, tables, strikethrough, the escape itself
_ESCAPED = str.maketrans({char: "\\" + char for char in "\\`*_[]<|~"})
_ENTITY = re.compile(r"&(?=#?\w+;)")  # "&amp;" or "&#60;" would be read as a character
# what starts a block at the start of a line: a heading, quote, list item, rule or underline
_MARKER = re.compile(r"^[#>+=-]")
_NUMBERED = re.compile(r"^(\d{1,9})([.)])")
_CLOSING_HASHES = re.compile(r"(^|\s)(#+\s*)$")  # a heading would drop them

Section = Callable[[SessionState, Decks | None], list[str]]


def inline(text: str) -> str:
    """Text from people as inert Markdown on one line: specials escaped, line breaks as <br>."""
    lines = [_ENTITY.sub(r"\\&", line.translate(_ESCAPED)) for line in plain_lines(text)]
    lines[-1] = _CLOSING_HASHES.sub(r"\1\\\2", lines[-1])
    first = _MARKER.sub(r"\\\g<0>", lines[0].lstrip())
    lines[0] = _NUMBERED.sub(r"\1\\\2", first)
    return "<br>".join(lines)


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A pipe table; every cell is escaped here, so "|" and line breaks stay inside it."""
    lines = [
        "| " + " | ".join(inline(cell) for cell in header) + " |",
        "|" + "|".join(" --- " for _ in header) + "|",
    ]
    lines.extend("| " + " | ".join(inline(cell) for cell in row) + " |" for row in rows)
    return "\n".join(lines)


def _who_when(note: Note) -> str:
    if not (note.who or note.due):
        return ""
    who, due = inline(note.who or "–"), inline(due_label(note, in_brackets=True) or "–")
    return f" ({t('note.who_when', who=who, due=due)})"


def _note_text(note: Note) -> str:
    edited = f" *({t('note.edited')})*" if note.edited else ""
    return inline(note.text) + _who_when(note) + edited


def _grouped(notes: Sequence[Note], level: int = 4) -> list[str]:
    """Notes under a heading per kind, then a bullet per speaker with their notes below."""
    blocks: list[str] = []
    for kind, speakers in by_kind_and_speaker(notes):
        heading = " ".join(filter(None, (SYMBOLS.get(kind, ""), kind_label(kind))))
        blocks.append(f"{'#' * level} {heading}")
        lines: list[str] = []
        for speaker, said in speakers:
            lines.append(f"- **{inline(speaker_label(speaker))}**")
            lines.extend(f"  - {_note_text(note)}" for note in said)
        blocks.append("\n".join(lines))
    return blocks


def _header(state: SessionState, decks: Decks | None) -> list[str]:
    started = state.started
    facts: list[tuple[str, str]] = []
    if started is not None:
        facts.append((t("export.date"), inline(started.date)))
        if started.facilitator:
            facts.append((t("export.facilitator"), inline(started.facilitator)))
        if started.team:
            facts.append((t("export.team"), inline(started.team)))
        facts.append((t("export.format"), format_label(started.format)))
        label = "export.participants_anonymous" if started.anonymous else "export.participants"
        names = [
            t("export.leader", name=inline(name)) if role == "leader" else inline(name)
            for name, role in participants(state)
        ]
        facts.append((t(label), ", ".join(names)))
    facts.append((t("export.state"), t("export.ended") if state.ended else t("export.open")))
    lines = [f"- **{label}:** {value}" for label, value in facts]
    return [f"# {inline(title_of(state))}", "\n".join(lines)]


def _carried(state: SessionState, decks: Decks | None) -> list[str]:
    if not state.carried:
        return []
    return [f"## {t('export.carried')}", _table(*carried_table(state))]


def _general(state: SessionState, decks: Decks | None) -> list[str]:
    notes = general_notes(state)
    if not notes:
        return []
    return [f"## {t('export.general')}", *_grouped(notes, level=3)]


def _cards(state: SessionState, decks: Decks | None) -> list[str]:
    cards = card_notes(state, decks)
    if not cards:
        return []
    blocks = [f"## {t('export.cards')}"]
    for card in cards:
        blocks.append(f"### {card.heading}: {inline(card.text)}")
        extra = []
        if card.set_aside:
            extra.append(f"*{t(f'export.set_aside.{card.set_aside}')}*")
        if card.follow_up:
            extra.append(f"*{t('export.follow_up')}:* {inline(card.follow_up)}")
        if card.theme:
            extra.append(f"*{t('export.theme')}:* {inline(card.theme)}")
        if extra:
            blocks.append("  \n".join(extra))
        if card.notes:
            blocks.extend(_grouped(card.notes))
        else:
            blocks.append(f"*{t('export.no_notes')}*")
    return blocks


def _rounds(state: SessionState, decks: Decks | None) -> list[str]:
    header, rows = round_table(state, decks)
    if not show_rounds(state) or not rows:
        return []
    return [f"## {t('export.rounds')}", _table(header, rows)]


def _listed(notes: Sequence[Note]) -> str:
    return "\n".join(
        f"- {_note_text(note)} — *{inline(speaker_label(note.speaker))}*" for note in notes
    )


def _decisions(state: SessionState, decks: Decks | None) -> list[str]:
    if not takeaways_matter(state):
        return []
    notes = state.notes_of("decision")
    body = _listed(notes) if notes else f"*{t('export.none')}*"
    return [f"## {t('export.decisions')}", body]


def _agreements(state: SessionState, decks: Decks | None) -> list[str]:
    if not takeaways_matter(state):
        return []
    header, rows = agreements_table(state)
    if not rows:
        return [f"## {t('export.agreements')}", f"*{t('export.none')}*"]
    return [f"## {t('export.agreements')}", _table(header, rows)]


def _parked(state: SessionState, decks: Decks | None) -> list[str]:
    notes = state.notes_of("parked")
    if not notes:
        return []
    return [f"## {t('export.parked')}", _listed(notes)]


def _reflection(state: SessionState, decks: Decks | None) -> list[str]:
    groups = reflection_groups(state, decks)
    if not groups:
        return []
    blocks = [f"## {t('export.reflection')}"]
    for question, text, notes in groups:
        blocks.append(f"### {inline(text or question) or t('export.no_question')}")
        blocks.append(
            "\n".join(f"- **{inline(speaker_label(n.speaker))}:** {_note_text(n)}" for n in notes)
        )
    return blocks


def _airtime(state: SessionState, decks: Decks | None) -> list[str]:
    if not state.turns:
        return []
    header = [t("airtime.name"), t("airtime.time"), t("airtime.turns"), t("airtime.passes")]
    rows = [
        [row.speaker, clock_time(row.seconds), str(row.turns), str(row.passes)]
        for row in state.airtime()
    ]
    return [f"## {t('export.airtime')}", _table(header, rows)]


def _coaching(state: SessionState, decks: Decks | None) -> list[str]:
    blocks: list[str] = []
    for sheet in coaching_sheets(state):
        if not blocks:
            blocks.append(f"## {t('export.coaching')}")
        blocks.append(f"### {t('coaching.sheet_title', number=sheet.number)}")
        blocks.append(
            "\n".join(f"- **{label}:** {inline(value)}" for label, value in sheet_lines(sheet))
        )
        for question in FEEDBACK_QUESTIONS:
            notes = [n for n in sheet.feedback if n.question == question]
            lines = [f"- **{inline(speaker_label(n.speaker))}:** {inline(n.text)}" for n in notes]
            blocks.append(
                f"#### {t(f'coaching.question.{question}')}\n\n" + ("\n".join(lines) or "- —")
            )
    return blocks


SECTIONS: tuple[Section, ...] = (
    _header,
    _carried,
    _general,
    _cards,
    _rounds,
    _decisions,
    _agreements,
    _parked,
    _reflection,
    _airtime,
    _coaching,
)


def to_markdown(state: SessionState, *, decks: Decks | None = None) -> str:
    """The session as Markdown, headings in the UI language. `decks` (by id) lets reflection
    questions show their text; without them a question shows by its id."""
    blocks: list[str] = []
    for section in SECTIONS:
        blocks.extend(section(state, decks))
    return "\n\n".join(blocks) + "\n"
