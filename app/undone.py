"""What `u` took back, in words: the toast after an undo names the step, not just "a step"."""

from __future__ import annotations

from collections.abc import Sequence

from cards.i18n import t
from sessions.events import (
    CardMoved,
    ClockChanged,
    CoachingRoundStarted,
    DeckChosen,
    Event,
    FloorGiven,
    ItemSettled,
    NoteDeleted,
    NoteEdited,
    NoteRecorded,
    OrderSet,
    RoundClosed,
    RoundStarted,
    SegmentStarted,
    SpeakerQueued,
    TallyMarked,
    Undone,
)
from sessions.notes import speaker_label
from sessions.session import Session
from sessions.state import effective

QUOTED_CHARS = 40  # of a note's text in the toast


def quoted(text: str) -> str:
    """A note's text on one short line, as the toast quotes it."""
    line = " ".join(text.split())
    return line if len(line) <= QUOTED_CHARS else line[: QUOTED_CHARS - 1] + "…"


def _what(event: Event, before: Sequence[Event] = ()) -> str:
    """`event` in words; `before`: the events before it (who held the floor then)."""
    if isinstance(event, CardMoved):
        return t(f"undo.card.{event.move}")
    if isinstance(event, NoteRecorded):
        return t("undo.note", text=quoted(event.text))
    if isinstance(event, NoteEdited):
        return t("undo.note_edited", text=quoted(event.text))
    if isinstance(event, FloorGiven) and (event.passed or not event.speaker):
        # the event names who got the floor next; the pass (or the turn ended, with nobody
        # next) was of who held it before
        counted = effective(before)  # not a floor given and taken back since
        holder = next((e.speaker for e in reversed(counted) if isinstance(e, FloorGiven)), "")
        key = "undo.passed" if event.passed else "undo.turn_ended"
        return t(key, name=speaker_label(holder or event.speaker))
    if isinstance(event, FloorGiven):
        return t("undo.floor", name=speaker_label(event.speaker))
    if isinstance(event, SpeakerQueued):
        return t("undo.queued", name=speaker_label(event.speaker))
    if isinstance(event, TallyMarked):
        return t("undo.tally", behaviour=t(f"behaviour.{event.behaviour}"))
    if isinstance(event, ClockChanged):
        return t(f"undo.{event.action}")
    if isinstance(event, CoachingRoundStarted):
        return t("undo.coaching_round", number=event.number)
    simple: dict[type[Event], str] = {
        DeckChosen: "undo.deck",
        NoteDeleted: "undo.note_deleted",
        RoundClosed: "undo.round_closed",
        RoundStarted: "undo.round_started",
        OrderSet: "undo.order",
        ItemSettled: "undo.settled",
        SegmentStarted: "undo.segment",
    }
    found = simple.get(type(event))
    return t(found) if found else ""


def undone_text(session: Session) -> str:
    """The toast after `u`: what the session's last event, an undo, took back."""
    events = session.events
    last = events[-1] if events else None
    target = last.target if isinstance(last, Undone) else 0
    what = _what(events[target - 1], events[: target - 1]) if 0 < target <= len(events) else ""
    return t("undo.done", what=what) if what else t("board.undone")
