"""What can happen in a session: small frozen events, each with a sequence number and a
wall-clock UTC timestamp. A session's state is the fold of its events (see `state.py`).
"""

from __future__ import annotations

import dataclasses
import typing
from datetime import UTC, datetime
from typing import Any, ClassVar

from cards.frozen import frozen


def utc_now() -> str:
    """Now, as an ISO 8601 UTC timestamp with milliseconds (the record's clock)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@frozen(kw_only=True)
class Event:
    """Base of every event. `seq` counts from 1 within a session."""

    seq: int = 0
    at: str = ""

    UNDOABLE: ClassVar[bool] = True

    @property
    def undoable(self) -> bool:
        """Whether `u` can take this step back (as for every event of its class, but see
        `ClockChanged`)."""
        return self.UNDOABLE


@frozen(kw_only=True)
class SessionStarted(Event):
    """The session's set-up, always the first event."""

    UNDOABLE: ClassVar[bool] = False

    id: str
    title: str
    team: str = ""
    facilitator: str = ""
    date: str = ""
    participants: tuple[str, ...] = ()
    anonymous: bool = False
    leader: str = ""
    format: str = "dialogue"
    decks: tuple[str, ...] = ()
    turn_seconds: int = 120
    total_minutes: int = 60
    round_minutes: int = 10
    fair_share: bool = False
    seed: int = 0


# Events that move the clocks carry the clocks' readings after the change, measured on the
# live session's monotonic clock: (turn seconds left, round seconds left, running 0/1, a turn
# is being timed 0/1). The fold copies them; nothing is recomputed from wall-clock times.
Reading = tuple[float, ...]


@frozen(kw_only=True)
class DeckChosen(Event):
    """The board deals from another of the session's decks from now on. When that deck's card
    on the table is another card than the round's, a new round starts on it, as a deal starts
    one: `seconds` ends the turn that was going on, `clock` has the clocks after the switch."""

    deck_id: str
    seconds: float = 0.0
    clock: Reading = ()


@frozen(kw_only=True)
class CardMoved(Event):
    """A move of the dealer: deal, back, skip, park, pick or reshuffle.

    `card_id` is the card on the table after the move (empty when none); `seed` is set for a
    reshuffle. A different card on the table starts a new round.
    """

    deck_id: str
    move: str
    card_id: str = ""
    seed: int = 0
    seconds: float = 0.0
    clock: Reading = ()


@frozen(kw_only=True)
class FloorGiven(Event):
    """`speaker` now holds the floor ("" when nobody does). The previous holder spoke for
    `seconds`, or passed."""

    speaker: str
    seconds: float = 0.0
    passed: bool = False
    clock: Reading = ()


@frozen(kw_only=True)
class RoundClosed(Event):
    """The round ends: consensus, agree to disagree ("disagree") or deferred, or "" when the
    format has no closing kinds."""

    closing: str = ""
    seconds: float = 0.0
    clock: Reading = ()


@frozen(kw_only=True)
class RoundStarted(Event):
    """A new round on the card that is on the table."""

    clock: Reading = ()


@frozen(kw_only=True)
class ClockChanged(Event):
    """The facilitator started, paused, extended or reset the clock; or the window closed
    while it ran (`closed`: it stopped there, and a resume finds it where it stood)."""

    UNDOABLE: ClassVar[bool] = False

    action: str
    clock: Reading = ()

    @property
    def undoable(self) -> bool:
        """`+` and `r` are steps `u` takes back; the clock started or paused is not (`space`
        does that), nor stopped as the window closed."""
        return self.action in ("extend", "reset")


@frozen(kw_only=True)
class SpeakerQueued(Event):
    """`speaker` asked for the floor and waits in the queue (discussion)."""

    speaker: str


@frozen(kw_only=True)
class OrderSet(Event):
    """The circle's speaking order for the coming rounds."""

    order: tuple[str, ...]


@frozen(kw_only=True)
class NoteRecorded(Event):
    """Something said, typed by the facilitator: a perspective, question, idea, decision,
    agreement (what = text, who, due as typed, due_date when it could be read), parked item or
    reflection (`question`: the reflection question's card id)."""

    kind: str
    text: str
    speaker: str = ""
    deck_id: str = ""
    card_id: str = ""
    round: int = 0
    who: str = ""
    due: str = ""
    due_date: str = ""
    question: str = ""


@frozen(kw_only=True)
class NoteEdited(Event):
    """The note recorded as event `target` now reads differently."""

    target: int
    kind: str
    text: str
    speaker: str = ""
    who: str = ""
    due: str = ""
    due_date: str = ""


@frozen(kw_only=True)
class NoteDeleted(Event):
    """The note recorded as event `target` is taken out."""

    target: int


@frozen(kw_only=True)
class ItemCarried(Event):
    """An open agreement or parked item from an earlier session of the same team."""

    UNDOABLE: ClassVar[bool] = False

    source: str  # "session id:seq" where the item was first recorded
    session_title: str = ""
    session_date: str = ""
    kind: str
    text: str
    speaker: str = ""
    who: str = ""
    due: str = ""
    due_date: str = ""


@frozen(kw_only=True)
class ItemSettled(Event):
    """What became of a carried item: "done", "kept" (carry on) or "dropped"."""

    target: int
    outcome: str


@frozen(kw_only=True)
class CoachingRoundStarted(Event):
    """A practice round: who plays which role, the coachee's case, the conversation type and
    the segments with their lengths in seconds."""

    number: int
    coach: str
    coachee: str
    observer: str = ""
    case: str = ""
    conversation_type: str = ""
    segments: tuple[str, ...] = ()
    lengths: tuple[float, ...] = ()
    clock: Reading = ()


@frozen(kw_only=True)
class SegmentStarted(Event):
    """The round moves on to segment `index`."""

    index: int
    clock: Reading = ()


@frozen(kw_only=True)
class TallyMarked(Event):
    """The observer saw the coach do `behaviour`, `seconds` into `segment`."""

    behaviour: str
    segment: str
    seconds: float


@frozen(kw_only=True)
class Undone(Event):
    """Reverses the event with sequence number `target` (the last one not yet undone).
    `clock`: where the undo put the clocks when the undone event had moved them, running on
    if they ran (empty otherwise, and in files from before 2026-11-22, whose undo put back
    the clocks of the last clock event)."""

    UNDOABLE: ClassVar[bool] = False

    target: int
    clock: Reading = ()


@frozen(kw_only=True)
class SessionEnded(Event):
    """The facilitator closed the session; `seconds` ends the turn of whoever still held the
    floor (0 in files from before 2026-11-22: that turn's time was not kept)."""

    UNDOABLE: ClassVar[bool] = False

    seconds: float = 0.0


EVENT_TYPES: dict[str, type[Event]] = {
    cls.__name__: cls
    for cls in (
        SessionStarted,
        DeckChosen,
        CardMoved,
        FloorGiven,
        RoundClosed,
        RoundStarted,
        ClockChanged,
        OrderSet,
        SpeakerQueued,
        NoteRecorded,
        NoteEdited,
        NoteDeleted,
        ItemCarried,
        ItemSettled,
        CoachingRoundStarted,
        SegmentStarted,
        TallyMarked,
        Undone,
        SessionEnded,
    )
}


class UnknownEvent(ValueError):
    """A stored event this version of dialoog does not know."""


# fields added after files were first written, left out of a record while they hold nothing:
# such a file still opens in the versions from before them (they refuse fields they do not
# know)
LEFT_OUT_WHEN_EMPTY = frozenset({("Undone", "clock")})


def to_record(event: Event) -> dict[str, Any]:
    """The event as a JSON-ready dict with its type name under ``"type"``."""
    name = type(event).__name__
    record: dict[str, Any] = {"type": name}
    for field in dataclasses.fields(event):
        value = getattr(event, field.name)
        if value == () and (name, field.name) in LEFT_OUT_WHEN_EMPTY:
            continue
        record[field.name] = list(value) if isinstance(value, tuple) else value
    return record


def from_record(record: dict[str, Any], shared: dict[str, str] | None = None) -> Event:
    """Rebuild an event from `to_record`'s dict; UnknownEvent or ValueError on a bad record.
    With `shared` (one dict for one file's events), the values that repeat from event to event
    (names, kinds, card and deck ids) are one string object: a file's JSON gives each event its
    own copy, and a session of thousands of notes held them thousands of times over."""
    data = dict(record)
    name = data.pop("type", None)
    cls = EVENT_TYPES.get(str(name))
    if cls is None:
        raise UnknownEvent(f"unknown event type {name!r}")
    names = {field.name for field in dataclasses.fields(cls)}
    if unknown := set(data) - names:
        raise ValueError(f"{name}: unknown fields {sorted(unknown)}")
    fields: dict[str, Any] = {
        key: tuple(value) if isinstance(value, list) else value for key, value in data.items()
    }
    if shared is not None:
        for key in SHARED_FIELDS.intersection(fields):
            value = fields[key]
            if isinstance(value, str):
                fields[key] = shared.setdefault(value, value)
    hints = _hints(cls)
    for key, value in fields.items():
        if not _fits(value, hints[key]):
            raise ValueError(f"{name}.{key}: unexpected value {value!r}")
    try:
        return cls(**fields)
    except TypeError as error:
        raise ValueError(f"{name}: {error}") from None


# the fields whose values repeat from event to event (see `from_record`)
SHARED_FIELDS = frozenset(
    {"speaker", "who", "kind", "deck_id", "card_id", "move", "leader", "format", "segment",
     "behaviour", "action", "coach", "coachee", "observer", "conversation_type"}
)  # fmt: skip
_HINTS: dict[type[Event], dict[str, Any]] = {}


def _hints(cls: type[Event]) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _fits(value: object, hint: Any) -> bool:
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is str:
        return isinstance(value, str)
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if typing.get_origin(hint) is tuple:
        (item, *_rest) = typing.get_args(hint)
        return isinstance(value, tuple) and all(_fits(v, item) for v in value)
    return True
