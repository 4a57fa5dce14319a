"""A session as versioned JSON: everything it holds, keys in English, never translated.

The shape is described by `session.schema.json` beside this file (JSON Schema 2020-12); a
change to it gets a new version in `SCHEMA`. Text is kept exactly as recorded; speakers are
kept as recorded too (names, or "@group" / "@anonymous").
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sessions.export.common import (
    REFLECTION,
    Decks,
    all_rounds,
    card_notes,
    coaching_sheets,
    general_notes,
    participants,
    question_text,
)
from sessions.state import CarriedItem, Note, Round, SessionState, Turn

SCHEMA = "dialoog/session@3"
SCHEMA_PATH = Path(__file__).with_name("session.schema.json")


def load_schema() -> dict[str, Any]:
    """The JSON Schema of the export (a dict)."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def note_record(note: Note) -> dict[str, Any]:
    return {
        "text": note.text,
        "speaker": note.speaker,
        "kind": note.kind,
        "at": note.at,
        "who": note.who,
        "due": note.due,
        "due_date": note.due_date,
        "edited": note.edited,
    }


def _agreement(note: Note) -> dict[str, Any]:
    return {
        "what": note.text,
        "who": note.who,
        "due": note.due,
        "due_date": note.due_date,
        "speaker": note.speaker,
        "at": note.at,
    }


def _round(state: SessionState, round_: Round) -> dict[str, Any]:
    return {
        "number": round_.number,
        "deck": round_.deck_id,
        "card_id": round_.card_id,
        "closing": round_.closing,
        "heard": list(state.heard_in(round_)),
        "passed": list(round_.passed),
    }


def _turn(turn: Turn) -> dict[str, Any]:
    return {
        "speaker": turn.speaker,
        "seconds": round(turn.seconds, 3),
        "passed": turn.passed,
        "at": turn.at,
        "round": turn.round,
    }


def _carried(item: CarriedItem) -> dict[str, Any]:
    return {
        "source": item.source,
        "kind": item.kind,
        "text": item.text,
        "who": item.who,
        "due": item.due,
        "due_date": item.due_date,
        "outcome": item.outcome,
        "from_title": item.session_title,
        "from_date": item.session_date,
    }


def session_record(state: SessionState, *, decks: Decks | None = None) -> dict[str, Any]:
    """The session as a JSON-ready dict (see `session.schema.json`)."""
    started = state.started
    dealt_decks = [dealt.deck_id for dealt in state.dealt]
    deck_ids = list(dict.fromkeys([*(started.decks if started else ()), *dealt_decks]))
    cards = [
        {
            "deck": card.deck_id,
            "card_id": card.card_id,
            "text": card.text,
            "follow_up": card.follow_up,
            "theme": card.theme,
            "dealt_at": card.dealt_at,
            "set_aside": card.set_aside,
            "perspectives": [note_record(note) for note in card.notes],
        }
        for card in card_notes(state, decks)
    ]
    reflection = [
        {
            "question": note.question,
            "question_text": question_text(note.question, state, decks),
            "speaker": note.speaker,
            "text": note.text,
            "at": note.at,
        }
        for note in state.notes_of(REFLECTION)
    ]
    return {
        "schema": SCHEMA,
        "id": state.id,
        "title": started.title if started else "",
        "team": started.team if started else "",
        "facilitator": started.facilitator if started else "",
        "date": started.date if started else "",
        "format": started.format if started else "",
        "started_at": started.at if started else "",
        "ended_at": state.last_at if state.ended else None,
        "participants": [{"name": name, "role": role} for name, role in participants(state)],
        "decks": deck_ids,
        "cards": cards,
        "rounds": [_round(state, r) for r in all_rounds(state)],
        "turns": [_turn(turn) for turn in state.turns],
        "decisions": [note_record(n) for n in state.notes_of("decision")],
        "agreements": [_agreement(n) for n in state.notes_of("agreement")],
        "parked": [note_record(n) for n in state.notes_of("parked")],
        "reflection": reflection,
        "carried": [_carried(item) for item in state.carried],
        "general": [note_record(n) for n in general_notes(state)],
        "coaching": [
            {
                "round": sheet.number,
                "coach": sheet.coach,
                "coachee": sheet.coachee,
                "observer": sheet.observer,
                "case": sheet.case,
                "conversation_type": sheet.conversation_type,
                "parts": list(sheet.parts),
                "parts_reached": sheet.reached,
                "counts": dict(sheet.counts),
                # nothing tallied: no ratio (the other formats show a dash)
                "open_closed": sheet.open_closed if sheet.tallies else None,
                "first_advice_seconds": sheet.first_advice,
                "tallies": [
                    {"behaviour": x.behaviour, "segment": x.segment, "seconds": x.seconds}
                    for x in sheet.tallies
                ],
                "feedback": [
                    {"question": n.question, "speaker": n.speaker, "text": n.text, "at": n.at}
                    for n in sheet.feedback
                ],
            }
            for sheet in coaching_sheets(state)
        ],
    }


def to_json(state: SessionState, *, decks: Decks | None = None) -> str:
    """The session as JSON text (UTF-8 as is, indented, ending in a newline)."""
    return json.dumps(session_record(state, decks=decks), ensure_ascii=False, indent=2) + "\n"
