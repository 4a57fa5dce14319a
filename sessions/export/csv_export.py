"""A session as CSV: one row per note, for a spreadsheet; after the notes, the items open from
last time (which session, and what became of them: "Van de vorige keer: Teamoverleg
(2026-11-16), houden"); then a coaching practice's tallies: one row per behaviour counted in a
round ("Open vraag: 5"), and one for a round cut short ("Afgebroken", "in deel 2 van 5:
Gesprek").

UTF-8 with a byte-order mark, so Excel reads the accents and emoji right; the header row is in
the UI language, and so is the separator: Excel splits on the list separator of the system's
region, which is ";" where a decimal comma is used (Dutch) and "," in English. Times are the
laptop's local time, as the people in the room read a clock (the record keeps UTC). A cell that
starts with "=", "+", "-", "@", a tab or a carriage return gets a leading "'" so no spreadsheet
runs it as a formula; every other cell is the text as recorded.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from typing import Any

from cards.i18n import language, t
from sessions.export.common import (
    REFLECTION,
    Decks,
    card_notes,
    coaching_sheets,
    kind_label,
    outcome_label,
    question_text,
    speaker_label,
    stopped_line,
)
from sessions.state import Note, SessionState, due_label

BOM = "\ufeff"
FEEDBACK = "feedback"
TALLY = "tally"
COLUMNS = ("session", "date", "card", "speaker", "kind", "text", "who", "due", "time")
SEPARATORS = {"nl": ";", "en": ","}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """The cell as a spreadsheet may safely read it: never the start of a formula."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def separator() -> str:
    """The column separator for the UI language (what Excel expects in that region)."""
    return SEPARATORS.get(language(), ",")


def local_time(at: str) -> str:
    """A record's UTC timestamp as the local date and time to the second, which spreadsheets
    read as a date; a timestamp that does not parse is given as it is."""
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return at
    if moment.tzinfo is None:  # written without a zone: it was UTC all the same
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def card_cell(note: Note, state: SessionState, decks: Decks | None, cards: dict[Any, str]) -> str:
    """What the note was about: the card's text, a reflection answer's question, or a coaching
    round's feedback question; empty for notes about the session in general."""
    if note.kind == REFLECTION:
        return question_text(note.question, state, decks) or note.question
    if note.kind == FEEDBACK and note.question:
        question = t(f"coaching.question.{note.question}")
        return f"{t('coaching.sheet_title', number=note.round)}: {question}"
    return cards.get((note.deck_id, note.card_id), "") if note.card_id else ""


def to_csv(state: SessionState, *, decks: Decks | None = None) -> str:
    """The session's notes as CSV text, starting with the byte-order mark. `card` is the card's
    text (a reflection answer's question), empty for notes about the session in general."""
    started = state.started
    title = started.title if started else ""
    day = started.date if started else ""
    card_text = {(card.deck_id, card.card_id): card.text for card in card_notes(state, decks)}
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=separator(), lineterminator="\r\n")
    writer.writerow([neutralise(t(f"export.csv.{column}")) for column in COLUMNS])
    for note in state.notes:
        row = (
            title,
            day,
            card_cell(note, state, decks, card_text),
            speaker_label(note.speaker),
            kind_label(note.kind),
            note.text,
            note.who,
            due_label(note),
            local_time(note.at),
        )
        writer.writerow([neutralise(cell) for cell in row])
    for item in state.carried:  # open from last time, and what became of it
        source = f"{item.session_title} ({item.session_date})"
        came_from = f"{t('export.carried')}: {source}, {outcome_label(item.outcome)}"
        row = (
            title,
            day,
            came_from,
            speaker_label(item.speaker),
            kind_label(item.kind),
            item.text,
            item.who,
            due_label(item),
            "",
        )
        writer.writerow([neutralise(cell) for cell in row])
    for sheet in coaching_sheets(state):
        sheet_title = t("coaching.sheet_title", number=sheet.number)
        coach, tally = speaker_label(sheet.coach), kind_label(TALLY)
        for behaviour, count in sheet.counts:
            if count:
                counted = f"{t(f'behaviour.{behaviour}')}: {count}"
                row = (title, day, sheet_title, coach, tally, counted, "", "", "")
                writer.writerow([neutralise(cell) for cell in row])
        if stopped := stopped_line(sheet):
            row = (title, day, sheet_title, coach, *stopped, "", "", "")
            writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()
